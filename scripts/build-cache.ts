// The build cache (STATUS_CACHE or --cache <dir>): what a warm build reuses from the one before.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import type { IncidentCache, LoadedIncident } from '../src/load.ts';
import { renderedMarkdown } from '../src/markdown.ts';
import { incidentPageModels, type IncidentPage } from '../src/view.ts';
import type { OutputManifest } from './output.ts';

const CACHE_FILE = 'build-cache.v8';
const FORMAT = 2;

/** Source folders whose change can change any output: a change there empties the cache. */
const CODE = ['src', 'scripts', 'layouts', 'locales', '.eleventy.js', 'package-lock.json'];

interface Stored {
  format: number;
  code: string;
  incidents: Map<string, LoadedIncident>;
  markdown: Map<string, string>;
  pages: Map<string, IncidentPage>;
  output?: OutputManifest;
}

export interface BuildCache {
  incidents: IncidentCache;
  /** What the last build wrote, if it wrote with this cache. */
  output?: OutputManifest;
  /** Keeps what this build used (and nothing else, so the cache never grows past one site). */
  save(output: OutputManifest | undefined): void;
  /** Forgets the output after a failed build, so the next build starts from a clean folder. */
  forgetOutput(): void;
}

/** Hash of the code and templates that make the output; Node's version too, for Intl's formats. */
export function codeFingerprint(root = process.cwd()): string {
  const hash = createHash('sha256').update(process.version);
  const walk = (entry: string) => {
    const full = path.join(root, entry);
    let names: string[];
    try {
      names = readdirSync(full).sort();
    } catch {
      hash.update(entry).update(readFileSync(full));
      return;
    }
    for (const name of names) walk(path.join(entry, name));
  };
  for (const entry of CODE) walk(entry);
  return hash.digest('hex');
}

export function openCache(dir: string, code = codeFingerprint()): BuildCache {
  const file = path.join(dir, CACHE_FILE);
  let stored: Stored | undefined;
  try {
    const read = v8.deserialize(readFileSync(file)) as Stored;
    if (read.format === FORMAT && read.code === code) stored = read;
  } catch {
    // No cache yet, or one from another version: start empty.
  }
  const previous = stored?.incidents ?? new Map<string, LoadedIncident>();
  const used = new Map<string, LoadedIncident>();
  renderedMarkdown.keep(stored?.markdown ?? new Map());
  incidentPageModels.keep(stored?.pages ?? new Map());

  const write = (value: Stored) => {
    mkdirSync(dir, { recursive: true });
    const temp = `${file}.tmp-${process.pid}`;
    writeFileSync(temp, v8.serialize(value));
    renameSync(temp, file);
  };

  return {
    incidents: {
      get(key) {
        const hit = previous.get(key);
        if (hit) used.set(key, hit);
        return hit;
      },
      set(key, value) {
        used.set(key, value);
      },
    },
    output: stored?.output,
    save(output) {
      write({ format: FORMAT, code, incidents: used, markdown: new Map(renderedMarkdown.entries()), pages: new Map(incidentPageModels.entries()), output });
    },
    forgetOutput() {
      if (!stored) return rmSync(file, { force: true });
      write({ ...stored, output: undefined });
    },
  };
}
