// The build cache (STATUS_CACHE or --cache <dir>): what a warm build reuses from the one before.
import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, renameSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import type { IncidentCache, LoadedIncident } from '../content/index.ts';
import { Memo } from '../shared/memo.ts';
import { PACKAGE_ROOT } from '../shared/package.ts';
import type { IncidentPage } from '../view/index.ts';
import type { OutputManifest } from './output.ts';

const CACHE_FILE = 'build-cache.v8';
const FORMAT = 3;

/** The generator's folders and files whose change can change any output: a change there empties the cache. */
const CODE = ['src', 'layouts', 'locales', 'package.json', 'package-lock.json'];

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
  /** Rendered Markdown by text, and incident page models by source key (see buildModel). */
  markdown: Memo<string>;
  pages: Memo<IncidentPage>;
  /** What the last build wrote, if it wrote with this cache. */
  output?: OutputManifest;
  /** Keeps what this build used (and nothing else, so the cache never grows past one site). */
  save(output: OutputManifest | undefined): void;
  /** Forgets the output after a failed build, so the next build starts from a clean folder. */
  forgetOutput(): void;
}

/**
 * Hash of the code and templates that make the output (the generator's, and the site's template
 * overrides); Node's version too, for Intl's formats. An installed package has no lock file: its
 * version in package.json stands for its dependencies there.
 */
export function codeFingerprint(overridesDir?: string): string {
  const hash = createHash('sha256').update(process.version);
  const walk = (full: string, name: string) => {
    let names: string[];
    try {
      names = readdirSync(full).sort();
    } catch {
      try {
        hash.update(name).update(readFileSync(full));
      } catch {
        // absent: nothing to hash
      }
      return;
    }
    for (const child of names) walk(path.join(full, child), path.join(name, child));
  };
  for (const entry of CODE) walk(path.join(PACKAGE_ROOT, entry), entry);
  if (overridesDir) walk(overridesDir, 'overrides');
  return hash.digest('hex');
}

// The file is a run of parts, each a 4-byte length and one V8-serialized value: the header
// first, so a cache from other code is dropped unread, then one part per map, so only one part's
// bytes (at most 45 MB on a 10,000-incident site) are held at once while saving or reading.
const PARTS = ['incidents', 'markdown', 'pages', 'output'] as const;

function writeParts(file: string, value: Stored) {
  const fd = openSync(file, 'w');
  try {
    for (const part of [{ format: value.format, code: value.code }, ...PARTS.map((name) => value[name])]) {
      const bytes = v8.serialize(part);
      const length = Buffer.alloc(4);
      length.writeUInt32LE(bytes.length);
      writeSync(fd, length);
      writeSync(fd, bytes);
    }
  } finally {
    closeSync(fd);
  }
}

function readParts(file: string, code: string): Stored | undefined {
  const fd = openSync(file, 'r');
  try {
    let position = 0;
    const next = () => {
      const length = Buffer.alloc(4);
      readSync(fd, length, 0, 4, position);
      const bytes = Buffer.alloc(length.readUInt32LE());
      if (readSync(fd, bytes, 0, bytes.length, position + 4) !== bytes.length) throw new Error('cache file cut short');
      position += 4 + bytes.length;
      return v8.deserialize(bytes);
    };
    const header = next() as Pick<Stored, 'format' | 'code'>;
    if (header.format !== FORMAT || header.code !== code) return undefined;
    return { ...header, ...Object.fromEntries(PARTS.map((name) => [name, next()])) } as Stored;
  } finally {
    closeSync(fd);
  }
}

export function openCache(dir: string, code: string): BuildCache {
  const file = path.join(dir, CACHE_FILE);
  let stored: Stored | undefined;
  try {
    stored = readParts(file, code);
  } catch {
    // No cache yet, or one from another version: start empty.
  }
  const previous = stored?.incidents ?? new Map<string, LoadedIncident>();
  const used = new Map<string, LoadedIncident>();
  const markdown = new Memo(stored?.markdown);
  const pages = new Memo(stored?.pages);

  const write = (value: Stored) => {
    mkdirSync(dir, { recursive: true });
    const temp = `${file}.tmp-${process.pid}`;
    writeParts(temp, value);
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
    markdown,
    pages,
    output: stored?.output,
    save(output) {
      write({ format: FORMAT, code, incidents: used, markdown: new Map(markdown.entries()), pages: new Map(pages.entries()), output });
    },
    forgetOutput() {
      if (!stored) return rmSync(file, { force: true });
      write({ ...stored, output: undefined });
    },
  };
}
