// The notification stage sits at the end of the pipeline: nothing else in src/ imports it (but the
// package's API, src/index.ts, which names what callers may use), and it
// takes what it needs from the rest of src/ through one module (src/notify/upstream.ts), so a
// reorganisation of src/ touches one file of it.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';

const SRC = path.resolve(import.meta.dirname, '../../src');
const NOTIFY = path.join(SRC, 'notify');

const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
const imports = (file: string) =>
  [...readFileSync(file, 'utf8').matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+'([^']+)'/gm)].map((m) => m[1]!).filter((s) => s.startsWith('.'));

describe('notify imports', () => {
  it('nothing outside src/notify/ imports it but the public API', () => {
    const API = path.join(SRC, 'index.ts');
    for (const file of files(SRC).filter((f) => !f.startsWith(NOTIFY + path.sep) && f !== API)) {
      for (const spec of imports(file)) {
        const target = path.resolve(path.dirname(file), spec);
        assert.ok(!target.startsWith(NOTIFY), `${path.relative(SRC, file)} imports ${spec}`);
      }
    }
  });

  it('reaches the rest of src/ only through upstream.ts', () => {
    for (const file of files(NOTIFY).filter((f) => path.basename(f) !== 'upstream.ts')) {
      for (const spec of imports(file)) {
        const target = path.resolve(path.dirname(file), spec);
        assert.ok(target.startsWith(NOTIFY + path.sep), `${path.relative(SRC, file)} imports ${spec}: add it to src/notify/upstream.ts`);
      }
    }
  });
});
