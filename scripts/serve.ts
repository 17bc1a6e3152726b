// `markdown-status serve`: builds the site and serves it with live reload while content changes.
import { serveSite } from '../src/build/index.ts';
import { resolveNow } from '../src/shared/clock.ts';
import { StatusError } from '../src/shared/errors.ts';
import { flag } from './cli.ts';

export const HELP = `Usage: npm start -- [--port <n>] [--content <dir>] [--probes <dir>] [--out <dir>]

Builds the site into _site/ and serves it on http://localhost:8080/ (or --port), building
again whenever a file under content/ or overrides/ changes. Content with a problem prints the
problem and keeps the last good page. Times are the clock's, or STATUS_NOW's.`;

export async function main(argv: string[]): Promise<void> {
  if (argv.includes('--help') || argv.includes('-h')) return void console.log(HELP);
  const port = Number(flag(argv, 'port') ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new StatusError('USAGE', `--port must be a port number, like 8080 — got "${flag(argv, 'port')}"`);
  await serveSite({
    content: flag(argv, 'content') ?? process.env.STATUS_CONTENT,
    probes: flag(argv, 'probes') ?? (process.env.STATUS_PROBES || undefined),
    out: flag(argv, 'out'),
    port,
    now: () => resolveNow([]),
  });
}
