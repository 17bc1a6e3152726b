// File output for the build: fingerprinted assets and writing many files quickly.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { OutputFile } from '../src/outputs.ts';

/** Asset files named by a hash of their bytes, so CDNs may cache them forever. */
export function fingerprintAssets(dir: string, names: readonly string[]): Record<string, { bytes: Buffer; path: string }> {
  return Object.fromEntries(
    names.map((name) => {
      const bytes = readFileSync(path.join(dir, name));
      const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 10);
      const ext = path.extname(name);
      return [name, { bytes, path: `assets/${path.basename(name, ext)}.${hash}${ext}` }];
    }),
  );
}

/** Writes files from several lists, a few writes in flight at once, making each folder once. */
export async function writeFiles(outDir: string, lists: Iterable<OutputFile>[]): Promise<void> {
  const made = new Set<string>();
  const queue = (function* () {
    for (const list of lists) yield* list;
  })();
  const worker = async () => {
    for (let next = queue.next(); !next.done; next = queue.next()) {
      const file = next.value;
      const target = path.join(outDir, file.path);
      const dir = path.dirname(target);
      if (!made.has(dir)) {
        made.add(dir);
        mkdirSync(dir, { recursive: true });
      }
      await writeFile(target, file.content);
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
}
