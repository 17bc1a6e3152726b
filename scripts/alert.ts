// Reads one alert a monitoring service posted and prints its events, one JSON object a line, for
// other commands and workflows to act on. Warnings go to stderr; stdout carries only the events.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { formatProblem, StatusError } from '../src/shared/errors.ts';
import { loadTemplate, readSite } from '../src/content/index.ts';
import { draftAlerts, GitHubRepo, githubTarget } from '../src/drafts/index.ts';
import { resolveNow } from '../src/shared/clock.ts';
import { ALERT_SOURCES, alertComponents, applyAlertEvents, firingFileText, normaliseAlerts, readFiringFile, recordFiringOnBranch, PAYLOAD_MAX_BYTES, readAlertPayload, type AlertPayload, type AlertSource } from '../src/alerts/index.ts';
import { flag, refuseUnknown } from './cli.ts';

export const HELP = `Usage: markdown-status alert [<file> | -] [options]

Reads one alert payload posted by Alertmanager, Grafana, Datadog, PagerDuty, or in the generic
shape (README "Monitoring and alerts"), and prints its events, one JSON object a line:

  {"source":"alertmanager","key":"5c2f…","status":"firing","component":"web-apps","summary":"…","startsAt":"2026-11-20T13:58:12Z"}

The payload is read from <file>; from standard input with - (or no file); and, in a workflow run
by a repository_dispatch event, from the event's client_payload.payload.

  --source <name>        ${ALERT_SOURCES.join(', ')}
                         (default: told by the payload's shape, or its "source" key)
  --content <folder>     STATUS_CONTENT  the content folder: its site file names the components
                         (default: content)
  --record <file>        also keep <file> (the probes folder's alerts.json) up to date: a
                         firing alert is added, a resolved one taken out; with the site file's
                         automation:, the build sets the state of each component named there
  --record-branch <name> the same for probes/alerts.json on that branch of the repository (the
                         state branch, status-state), where build --probes-branch reads it
  --draft                also write each alert about a known component as an incident: a pull
                         request per alert from branch status/alert-<key> (or, with the site file's
                         alerts.publish: direct, a commit to the base branch), from the template
                         alerts.template names; its resolution and repeats update the same one
  --base <branch>        the branch drafts start from and go to (default: main)
  --now <iso time>       STATUS_NOW  when a resolution is written (default: the clock)

--draft talks to GitHub's REST API: GITHUB_TOKEN (contents: write, pull-requests: write),
GITHUB_REPOSITORY (owner/name) and GITHUB_API_URL (default https://api.github.com), as a
workflow run has them. The folder the command runs in is the repository's root.

A component the alert names that is neither a component id nor in the site file's
alerts.components is a warning, and the event has no component. Exit code 2 when the payload
cannot be read, 1 when the site file has problems.`;

export async function main(argv: string[]): Promise<void> {
  if (argv.includes('--help') || argv.includes('-h')) return void console.log(HELP);
  const files = refuseUnknown(argv, { values: ['source', 'content', 'record', 'record-branch', 'base', 'now'], switches: ['--draft'], operands: true, help: 'markdown-status alert --help' });
  if (files.length > 1) throw new StatusError('USAGE', `one payload at a time — got ${files.join(', ')}`);
  const source = flag(argv, 'source');
  if (source !== undefined && !(ALERT_SOURCES as readonly string[]).includes(source)) {
    throw new StatusError('USAGE', `--source ${source}: use one of ${ALERT_SOURCES.join(', ')}`);
  }
  const contentDir = flag(argv, 'content') || process.env.STATUS_CONTENT || 'content';
  const site = readSite(contentDir);
  const draft = argv.includes('--draft');
  // Everything --draft needs is checked before the alert is read, so a setup mistake shows first.
  const drafting = draft ? { github: new GitHubRepo(githubTarget(process.env)), template: loadTemplate(contentDir, site.alerts?.template, 'alerts.template'), folder: repositoryPath(path.join(contentDir, 'incidents')), now: resolveNow(argv) } : undefined;
  const payload = await readPayload(files[0], process.env);
  const components = alertComponents(site);
  const { source: read, events, problems } = normaliseAlerts(payload, { components, source: source as AlertSource | undefined });
  for (const p of problems) console.error(formatProblem(p));
  // JSON.stringify leaves every character of the alert's text as text: quotes, newlines and markup are escaped.
  for (const event of events) console.log(JSON.stringify(event));
  console.error(`${events.length} event${events.length === 1 ? '' : 's'} from ${read}`);
  const record = flag(argv, 'record');
  if (record) writeFileSync(record, firingFileText(applyAlertEvents(readFiringFile(record, components.ids), events)));
  const recordBranch = flag(argv, 'record-branch');
  if (recordBranch) {
    const where = await recordFiringOnBranch({ cwd: process.cwd(), branch: recordBranch, now: resolveNow(argv), message: 'Record firing alerts' }, events, components.ids);
    console.error(`recorded to ${where}`);
  }
  if (!drafting) return;
  const results = await draftAlerts(events, { ...drafting, site, base: flag(argv, 'base') || 'main', publish: site.alerts?.publish ?? 'pull_request' });
  for (const r of results) {
    // The key is the alert's text: quoted as JSON, so it cannot break the line or the log.
    console.error(`${r.action} ${JSON.stringify(r.key)}${r.file ? ` ${r.file}` : ''}: ${r.note}${r.pull ? ` ${r.pull.html_url}` : ''}`);
  }
}

/** A folder as a path in the repository, whose root is the working folder. */
function repositoryPath(folder: string): string {
  const relative = path.relative(process.cwd(), path.resolve(folder)).split(path.sep).join('/');
  if (relative.startsWith('..') || path.isAbsolute(relative)) throw new StatusError('USAGE', `--draft writes into the repository: run it in the repository's root, with the content folder inside (got ${folder})`);
  return relative;
}

async function readPayload(file: string | undefined, env: NodeJS.ProcessEnv): Promise<AlertPayload> {
  if (file !== undefined && file !== '-') return readAlertPayload(readLimited(file), file);
  if (file === undefined && env.GITHUB_EVENT_NAME === 'repository_dispatch' && env.GITHUB_EVENT_PATH) {
    const eventFile = env.GITHUB_EVENT_PATH;
    const event = readAlertPayload(readLimited(eventFile), eventFile, ['client_payload']);
    // The relay sends {payload: …}; a dispatch made by hand may send the alert as the client_payload itself.
    const nested = event.data !== null && typeof event.data === 'object' && 'payload' in event.data;
    return nested ? readAlertPayload(readLimited(eventFile), eventFile, ['client_payload', 'payload']) : event;
  }
  if (file === undefined && process.stdin.isTTY) throw new StatusError('USAGE', 'no alert: name a payload file, or pipe one in (markdown-status alert --help)');
  return readAlertPayload(await readStdin(), 'stdin');
}

function readLimited(file: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw new StatusError('USAGE', `cannot read ${file}: ${(error as Error).message}`);
  }
  if (bytes.length > PAYLOAD_MAX_BYTES) throw new StatusError('USAGE', `${file} is ${Math.round(bytes.length / 1024)} KB, over the ${PAYLOAD_MAX_BYTES / 1024} KB an alert may have`);
  return bytes.toString('utf8');
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > PAYLOAD_MAX_BYTES) throw new StatusError('USAGE', `the alert on standard input is over the ${PAYLOAD_MAX_BYTES / 1024} KB an alert may have`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
