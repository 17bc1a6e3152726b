// `npm run maintenance -- <new|update>`: writes scheduled maintenance files.
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { resolveNow } from '../src/shared/clock.ts';
import { addUpdate, incidentId, newMaintenanceText } from '../src/authoring/index.ts';
import { StatusError } from '../src/shared/errors.ts';
import { findIncidentFile, MAINTENANCE_STATUSES, KINDS, kindDir, readSite } from '../src/content/index.ts';
import { ask, interactive, nextSteps, oneOf, parseFlags, read, timeFlag, writeChecked } from './prompt.ts';

const TIMES = `Times: 2026-11-28 22:00 (site time zone) or 2026-11-28T22:00:00+01:00; they are written with their offset.`;
const COMMON = `  --content <dir>    the content folder (default content/)
  --now <iso time>   what "now" is (default: the clock, or STATUS_NOW)
  -h, --help         this help`;

const HELP: Record<string, string> = {
  main: `Usage: npm run maintenance -- <command> [options]

Commands:
  new                    schedule a maintenance: writes content/maintenance/<date>-<title>.md
  update <id>            add an update at the top of a maintenance's updates

The page moves a maintenance to "in progress" at its start and to "completed" at its end by
itself (the scheduled rebuild publishes that on time); updates are for anything else to say.
<id> is the file name without .md (a unique start of it is enough).
Run \`npm run maintenance -- <command> --help\` for a command's options.

${COMMON}`,
  new: `Usage: npm run maintenance -- new --title <text> --from <time> --to <time> --components <ids>

Writes content/maintenance/YYYY-MM-DD-<title>.md, dated by the start in the site time zone.

  --title <text>         what users see, like "Database upgrade"
  --from <time>          when the window starts
  --to <time>            when it ends
  --components <ids>     the components under maintenance, comma separated: web-apps,api
  --message <text>       the announcement, posted now as a "scheduled" update (optional)
  --description <text>   what will happen and what users should expect (Markdown, optional)
${COMMON}

${TIMES}

Example:
  npm run maintenance -- new --title "Database upgrade" --from "2026-11-28 22:00" --to "2026-11-29 01:00" \\
    --components syncs,web-apps --message "We will upgrade the database on Saturday night."`,
  update: `Usage: npm run maintenance -- update <id> --status <status> --message <text>

Adds an update at the top of the maintenance's updates (the file lists them newest first).

  --status <status>      ${MAINTENANCE_STATUSES.join(', ')}
  --message <text>       the update's text (Markdown)
  --at <time>            when (default now)
${COMMON}

${TIMES}`,
};

export async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseFlags(argv, {
    title: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    components: { type: 'string', multiple: true },
    message: { type: 'string', short: 'm' },
    description: { type: 'string' },
    status: { type: 'string' },
    at: { type: 'string' },
    content: { type: 'string' },
    now: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  const [command, ref] = positionals;
  if (!command || !(command in HELP) || command === 'main') {
    if (values.help || !command) return void console.log(HELP.main);
    throw new StatusError('USAGE', `unknown command "${command}"; use new or update (see --help)`);
  }
  if (values.help) return void console.log(HELP[command]);

  const contentDir = values.content ?? process.env.STATUS_CONTENT ?? 'content';
  const site = readSite(contentDir);
  const now = resolveNow(argv);
  const time = (text: string, flagName: string) => {
    try {
      return timeFlag(text, now, site);
    } catch (error) {
      throw error instanceof StatusError ? new StatusError('USAGE', error.message.replace(/^--at/, `--${flagName}`)) : error;
    }
  };

  if (command === 'new') {
    const title = (await ask(values.title, 'Title (what users see)', 'title')).trim();
    const from = time(await ask(values.from, 'Starts (like 2026-11-28 22:00)', 'from'), 'from');
    const to = time(await ask(values.to, 'Ends', 'to'), 'to');
    if (to <= from) throw new StatusError('USAGE', '--to must be later than --from');
    const ids = site.components.map((c) => c.id);
    const listed = values.components?.length ? values.components.join(',') : interactive() ? await ask(undefined, `Components, comma separated (${ids.join(', ')})`, 'components') : '';
    const components = listed.split(',').map((s) => s.trim()).filter(Boolean);
    if (!components.length) throw new StatusError('USAGE', `missing --components (comma separated, from: ${ids.join(', ')})`);
    for (const id of components) if (!ids.includes(id)) throw new StatusError('USAGE', `unknown component "${id}"; the site has: ${ids.join(', ')}`);
    // An announcement must come before the window opens; after that the clock speaks for itself.
    const notice = values.message ? { at: values.at ? time(values.at, 'at') : now, body: values.message } : undefined;

    const dir = kindDir(contentDir, KINDS.maintenance);
    mkdirSync(dir, { recursive: true });
    const id = incidentId(title, from, site.time_zone);
    let file = path.join(dir, `${id}.md`);
    for (let n = 2; existsSync(file); n++) file = path.join(dir, `${id}-${n}.md`);
    writeChecked(file, newMaintenanceText({ title, from, to, components, notice, description: values.description }, site.time_zone), contentDir);
    console.log(`Created ${path.relative(process.cwd(), file)}`);
    console.log(nextSteps(file, `maintenance/${path.basename(file, '.md')}`, `Maintenance: ${title}`));
    return;
  }

  if (!ref) throw new StatusError('USAGE', 'which maintenance? write its id after "update", like: npm run maintenance -- update 2026-11-28-database-upgrade');
  const file = findIncidentFile(contentDir, ref, kindDir(contentDir, KINDS.maintenance));
  const before = read(file);
  const shown = path.relative(process.cwd(), file);
  const status = oneOf(await ask(values.status, 'Status', 'status', MAINTENANCE_STATUSES), MAINTENANCE_STATUSES, 'status');
  const message = await ask(values.message, 'Message to users', 'message');
  const at = values.at ? time(values.at, 'at') : now;
  writeChecked(file, addUpdate(before, { at, status, body: message }, site.time_zone, shown), contentDir, before);
  console.log(`Added a ${status} update to ${shown}`);
  console.log(nextSteps(file, `maintenance/${path.basename(file, '.md')}-${status}`, `Maintenance update: ${path.basename(file, '.md')}`));
}
