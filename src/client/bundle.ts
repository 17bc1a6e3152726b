import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSync, type Metafile } from 'esbuild';
import { StatusError } from '../shared/errors.ts';

/**
 * The browser scripts, bundled from the TypeScript in browser/ with the rule modules they import
 * (the severity order, labels, URLs, the API's ids, the time format), so the browser holds no
 * second copy of a rule.
 */

/** Each script's asset name, and its entry in browser/. */
const ENTRIES = {
  'enhance.js': 'enhance.ts',
  'search.js': 'search.ts',
  'embed.js': 'embed.ts',
} as const;
export type ClientScript = keyof typeof ENTRIES;
export type ClientScripts = Record<ClientScript, string>;

const ROOT = path.resolve(import.meta.dirname, '../..');
const BROWSER = path.join(import.meta.dirname, 'browser');

// A per-process memo: the bundles are made from the package's own source files, which do not
// change while a process runs (tsx loads src/ once), and nothing of a site goes into them (the
// pages carry their strings in data-site; the embed's are put in by outputs/embed.ts). So every
// build in a process, and every rebuild while serving, can share them. Bundling takes about half
// a second, most of it reading src/.
let made: ClientScripts | undefined;

/** The three scripts, minified, bundled on first use. Throws a StatusError naming anything node-only they would pull in. */
export function clientScripts(): ClientScripts {
  made ??= bundle();
  return made;
}

function bundle(): ClientScripts {
  const result = buildSync({
    absWorkingDir: ROOT,
    entryPoints: Object.entries(ENTRIES).map(([out, entry]) => ({ in: path.join(BROWSER, entry), out: path.basename(out, '.js') })),
    outdir: path.join(ROOT, 'client'),
    write: false,
    bundle: true,
    // Modules of src/ are marked free of side effects in package.json ("sideEffects"), so the
    // stage index.ts files bring in only what a script uses; packages and node: built-ins stay out
    // (and the check below fails the build if a script would still need one).
    packages: 'external',
    external: ['node:*'],
    platform: 'browser',
    format: 'iife',
    target: 'es2020',
    minify: true,
    legalComments: 'none',
    metafile: true,
    logLevel: 'silent',
  });
  const included = new Set(Object.values(result.metafile.outputs).flatMap((o) => Object.entries(o.inputs).filter(([, i]) => i.bytesInOutput > 0).map(([file]) => file)));
  const problems = [
    // Modules parsed on the way but left out may use what a browser lacks; those that are in may not.
    ...result.warnings.filter((w) => w.location && included.has(w.location.file)).map((w) => `${w.location!.file}:${w.location!.line}: ${w.text}`),
    ...[...included].filter((file) => readFileSync(path.join(ROOT, file), 'utf8').includes('import.meta')).map((file) => `${file} uses import.meta, which a browser script does not have`),
    ...Object.values(result.metafile.outputs).flatMap((o) => o.imports.map((i) => `${i.path} is imported by ${importers(result.metafile, i.path, included).join(', ')}`)),
  ];
  if (problems.length) {
    throw new StatusError('IO', `the browser scripts (src/client/browser/) would need what only the build has:\n  ${problems.join('\n  ')}\nimport only pure modules there, or move the rule into one`);
  }
  const scripts = Object.fromEntries(
    Object.keys(ENTRIES).map((name) => [name, result.outputFiles.find((f) => path.basename(f.path) === name)!.text]),
  ) as ClientScripts;
  return scripts;
}

/** The bundled modules that import `target`. */
const importers = (metafile: Metafile, target: string, included: Set<string>) =>
  Object.entries(metafile.inputs)
    .filter(([file, input]) => included.has(file) && input.imports.some((i) => i.path === target))
    .map(([file]) => file);
