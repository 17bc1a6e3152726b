// `markdown-status build`: validates the content and writes the site (src/build/ does the work).
import path from 'node:path';
import v8 from 'node:v8';
import { buildSite } from '../src/build/index.ts';
import { fetchSeries } from '../src/monitor/index.ts';
import { resolveNow } from '../src/shared/clock.ts';
import { formatProblem } from '../src/shared/errors.ts';
import { flag } from './cli.ts';

export const HELP = `Usage: npm run build -- [--now <iso time>] [--content <dir>] [--probes <dir> | --probes-branch <name>] [--out <dir>] [--cache <dir>]

Validates content/ and writes the site to _site/ (or --out). The previous output is
left untouched when the content has a problem. --now (or STATUS_NOW) builds the site as of
that instant. --cache (or STATUS_CACHE) keeps what was parsed, rendered and written in that
folder, so the next build redoes only what changed and rewrites only changed files.
--probes (or STATUS_PROBES) is the folder of probe series (<component id>.jsonl) the
response-time charts are drawn from; content/probes by default. --probes-branch (or
STATUS_PROBES_BRANCH), like status-state, reads them from probes/ on that branch of the
repository instead, where markdown-status probe records them (--probes-remote: default origin);
while that branch has no series, the usual folder is read.
Paths are taken from the site's folder: the working directory, or --root.`;

export async function main(argv: string[]): Promise<void> {
  if (argv.includes('--help') || argv.includes('-h')) return void console.log(HELP);
  // V8 lets the heap grow to about four times what is live before it collects, which took a
  // large site's build to 800 MB for 250 MB of live data. Growing by a quarter keeps it near 500 MB
  // for a few more collections (NODE_OPTIONS does not accept this flag, so it is set here).
  v8.setFlagsFromString('--heap-growing-percent=25');
  const cache = flag(argv, 'cache') ?? (process.env.STATUS_CACHE || undefined);
  const branch = flag(argv, 'probes-branch') ?? (process.env.STATUS_PROBES_BRANCH || undefined);
  const remote = flag(argv, 'probes-remote') ?? (process.env.STATUS_PROBES_REMOTE || undefined);
  // Copied into a folder the build reads like any other; under .cache/, which status repositories ignore.
  const fromBranch = branch
    ? await fetchSeries({ cwd: process.cwd(), branch, ...(remote ? { remote } : {}) }, path.resolve('.cache/status-probes'))
    : undefined;
  const report = await buildSite({
    content: flag(argv, 'content') ?? process.env.STATUS_CONTENT,
    probes: fromBranch ?? flag(argv, 'probes') ?? (process.env.STATUS_PROBES || undefined),
    out: flag(argv, 'out'),
    cache,
    now: resolveNow(argv),
  });
  for (const warning of report.warnings) console.warn(formatProblem(warning));
  const how = report.cached ? ` (${report.written} files written${report.inPlace ? ' in place' : ''})` : '';
  const shown = path.relative(process.cwd(), report.out) || report.out;
  console.log(`Built ${report.incidents} incidents into ${shown} in ${report.ms} ms${how}`);
  console.log(`Next change by itself: ${new Date(report.next.at).toISOString()} (${report.next.reason}); also in ${report.next.file}`);
}
