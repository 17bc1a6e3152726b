// `npm run import -- <source> --out <folder>`: Statuspage API v2 JSON → content files.
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { formatProblem, StatusError } from '../src/shared/errors.ts';
import { importStatuspage, mergeSources } from '../src/authoring/index.ts';
import { loadContent } from '../src/content/index.ts';
import { parseFlags } from './prompt.ts';

const HELP = `Usage: npm run import -- <source> [--out <folder>] [--force]

Converts a Statuspage page's API v2 JSON into content files: the site file (page, groups,
components) and one file per incident (incidents/) and scheduled maintenance (maintenance/).
Ids, names, times, impacts, statuses, update texts and affected components are kept; HTML in
texts becomes Markdown.

<source> is one of
  a folder holding any of summary.json, incidents.json, scheduled-maintenances.json,
    components.json (or single incident objects, *.json)
  one such file
  a page address, like https://status.example.com (reads its /api/v2/ files; needs network)
Statuspage's incidents.json holds the 50 most recent incidents only.

  --out <folder>     where to write (default content/)
  --force            write into a folder that already has content, replacing files of the same name
  -h, --help         this help

Example:
  npm run import -- ./statuspage-export --out content-imported && npm run check -- --content content-imported`;

const API_FILES = ['summary.json', 'incidents.json', 'scheduled-maintenances.json', 'components.json'];

async function readSources(source: string): Promise<{ name: string; json: unknown }[]> {
  if (/^https?:\/\//.test(source)) {
    const base = new URL(source.includes('/api/v2') ? source.replace(/\/?$/, '/') : new URL('api/v2/', source.replace(/\/?$/, '/')));
    const found = [];
    for (const name of API_FILES.slice(0, 3)) {
      const url = new URL(name, base);
      const res = await fetch(url, { headers: { accept: 'application/json' } }).catch((error: unknown) => {
        throw new StatusError('IO', `cannot reach ${url}: ${error instanceof Error ? error.message : String(error)}; download the JSON files and pass their folder instead`);
      });
      if (!res.ok) throw new StatusError('IO', `${url} answered ${res.status}; is it a Statuspage page's /api/v2/ address?`);
      found.push({ name: url.href, json: await res.json() });
    }
    return found;
  }
  if (!existsSync(source)) throw new StatusError('USAGE', `${source} does not exist; pass a folder of Statuspage JSON files, one file, or a page address`);
  const files = statSync(source).isDirectory()
    ? readdirSync(source).filter((f) => f.endsWith('.json')).sort().map((f) => path.join(source, f))
    : [source];
  if (!files.length) throw new StatusError('USAGE', `${source} has no .json files; expected ${API_FILES.join(', ')}`);
  return files.map((file) => {
    try {
      return { name: file, json: JSON.parse(readFileSync(file, 'utf8')) as unknown };
    } catch (error) {
      throw new StatusError('USAGE', `${file} is not JSON: ${error instanceof Error ? error.message : String(error)}`);
    }
  });
}

export async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseFlags(argv, {
    out: { type: 'string' },
    force: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) return void console.log(HELP);
  const [source, extra] = positionals;
  if (!source || extra) throw new StatusError('USAGE', 'give one source: a folder or file of Statuspage JSON, or a page address (see --help)');
  const out = values.out ?? 'content';

  const result = importStatuspage(mergeSources(await readSources(source)));
  if (!values.force && existsSync(out) && readdirSync(out).length) {
    throw new StatusError('USAGE', `${out} already has files; import into a new folder with --out <folder>, or pass --force to replace files of the same name`);
  }
  for (const file of result.files) {
    const target = path.join(out, file.path);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, file.content);
  }
  const { counts } = result;
  console.log(`Imported ${counts.components} components, ${counts.groups} groups, ${counts.incidents} incidents and ${counts.maintenances} maintenances into ${out}`);
  for (const note of result.notes) console.warn(`note: ${note}`);

  // The imported files go through the same checks as hand-written ones.
  const content = loadContent(out);
  for (const w of content.warnings) console.warn(formatProblem(w));
  console.log(`Check it with: npm run check -- --content ${out}`);
}
