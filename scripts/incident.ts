// `npm run incident -- <new|update|resolve|postmortem>`: writes incident files the way a person would.
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { resolveNow } from '../src/shared/clock.ts';
import { addUpdate, incidentId, newIncidentText, type NewUpdate, startPostmortem } from '../src/authoring/index.ts';
import { StatusError } from '../src/shared/errors.ts';
import { COMPONENT_STATES, fillTemplate, findIncidentFile, loadTemplate, templateUses, type Impact, IMPACTS, KINDS, kindDir, OUTAGE_STATES, type OutageState, readSite, UPDATE_STATUSES } from '../src/content/index.ts';
import { ask, componentsFlag, interactive, nextSteps, oneOf, openInEditor, parseFlags, read, timeFlag, writeChecked } from './prompt.ts';

const COMMON = `Common options:
  --at <time>        when it happened: 2026-11-20 14:05 (site time zone) or 2026-11-20T14:05:00+01:00;
                     default now. Times are written with their offset.
  --content <dir>    the content folder (default content/)
  --now <iso time>   what "now" is (default: the clock, or STATUS_NOW)
  -h, --help         this help`;

const HELP: Record<string, string> = {
  main: `Usage: npm run incident -- <command> [options]

Commands:
  new                    start an incident: writes content/incidents/<date>-<title>.md
  update <id>            add an update at the top of an incident's updates
  resolve <id>           add the final "resolved" update
  postmortem <id>        add postmortem_at and a postmortem outline, and open it in $EDITOR

<id> is the file name without .md (a unique start of it is enough).
Run \`npm run incident -- <command> --help\` for a command's options. In a terminal, missing
values are asked for; in scripts, pass them as flags.

${COMMON}`,
  new: `Usage: npm run incident -- new --title <text> --impact <impact> --components <list> --message <text>

Writes content/incidents/YYYY-MM-DD-<title>.md with the first update.

  --title <text>         what users see, like "Delayed SMS delivery"
  --impact <impact>      ${IMPACTS.join(', ')}
  --components <list>    affected components with their state, comma separated:
                         web-apps=partial_outage,sms  (a bare id gets a state from the impact:
                         none/minor → degraded_performance, major → partial_outage, critical → major_outage)
                         states: ${OUTAGE_STATES.join(', ')}
  --message <text>       the first update's text (Markdown)
  --status <status>      the first update's status (default investigating): ${UPDATE_STATUSES.join(', ')}
  --template <name>      start from content/templates/<name>.md: its title, impact, component state
                         and first message, each replaced by the flag when given
  --summary <text>       fills {{summary}} in the template (as plain text: no links or markup)

${COMMON}

Example:
  npm run incident -- new --title "Delayed SMS delivery" --impact minor --components sms --message "We are investigating delays."
  npm run incident -- new --template outage --components sms --summary "SMS to one carrier delayed"`,
  update: `Usage: npm run incident -- update <id> --status <status> --message <text>

Adds an update at the top of the incident's updates (the file lists them newest first).

  --status <status>      ${UPDATE_STATUSES.join(', ')}
  --message <text>       the update's text (Markdown)
  --components <list>    component states from this update on, like sms=operational,email=degraded_performance
                         states: ${COMPONENT_STATES.join(', ')}

${COMMON}

Example:
  npm run incident -- update 2026-11-20-delayed-sms-delivery --status monitoring --message "A fix is in place."`,
  resolve: `Usage: npm run incident -- resolve <id> --message <text>

Adds the "resolved" update; every affected component returns to operational.

  --message <text>       the update's text (Markdown)

${COMMON}

Example:
  npm run incident -- resolve 2026-11-20-delayed-sms-delivery --message "This incident has been resolved."`,
  postmortem: `Usage: npm run incident -- postmortem <id>

Sets postmortem_at (the postmortem shows from that time on) and, when the file has no
postmortem yet, writes an outline after the front matter; then opens the file in $VISUAL or
$EDITOR when run in a terminal. Running it again only opens the file.

${COMMON}`,
};

const OUTLINE = `## Summary

What happened, who was affected and for how long.

## Timeline

- HH:MM — what was noticed, done or changed.

## Cause

## What we are changing
`;

const DEFAULT_STATE: Record<Impact, OutageState> = {
  none: 'degraded_performance',
  minor: 'degraded_performance',
  major: 'partial_outage',
  critical: 'major_outage',
};

export async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseFlags(argv, {
      title: { type: 'string' },
      impact: { type: 'string' },
      components: { type: 'string', multiple: true },
      component: { type: 'string', multiple: true },
      message: { type: 'string', short: 'm' },
      status: { type: 'string' },
      template: { type: 'string' },
      summary: { type: 'string' },
      at: { type: 'string' },
      content: { type: 'string' },
      now: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
  });
  const [command, ref] = positionals;
  if (!command || !(command in HELP) || command === 'main') {
    if (values.help || !command) return void console.log(HELP.main);
    throw new StatusError('USAGE', `unknown command "${command}"; use one of: new, update, resolve, postmortem (see --help)`);
  }
  if (values.help) return void console.log(HELP[command]);

  const contentDir = values.content ?? process.env.STATUS_CONTENT ?? 'content';
  const site = readSite(contentDir);
  const now = resolveNow(argv);
  const at = timeFlag(values.at, now, site);
  const componentFlags = [...(values.components ?? []), ...(values.component ?? [])];

  if (command === 'new') {
    const askComponents = async () => {
      if (!componentFlags.length) componentFlags.push(await ask(undefined, `Affected components, comma separated (${site.components.map((c) => c.id).join(', ')})`, 'components'));
    };
    const template = values.template === undefined ? undefined : loadTemplate(contentDir, values.template);
    let filled: { title: string; body: string; components: Record<string, OutageState> } | undefined;
    if (template) {
      await askComponents();
      const summary = templateUses(template, 'summary') && !(values.title && values.message) ? await ask(values.summary, 'Summary (fills {{summary}})', 'summary') : values.summary ?? '';
      const components = componentsFlag(componentFlags, site, OUTAGE_STATES, template.state);
      const component = site.components.filter((c) => c.id in components).map((c) => c.name).join(', ');
      filled = { ...fillTemplate(template, { summary, component }), components };
    }
    const title = (await ask(values.title ?? filled?.title, 'Title (what users see)', 'title')).trim();
    const impact = oneOf(await ask(values.impact ?? template?.impact, 'Impact', 'impact', IMPACTS), IMPACTS, 'impact');
    if (interactive()) await askComponents();
    const components = filled?.components ?? componentsFlag(componentFlags, site, OUTAGE_STATES, DEFAULT_STATE[impact]);
    const status = oneOf(values.status ?? 'investigating', UPDATE_STATUSES, 'status');
    const message = await ask(values.message ?? filled?.body, 'First message to users', 'message');

    const dir = kindDir(contentDir, KINDS.incidents);
    mkdirSync(dir, { recursive: true });
    const id = incidentId(title, at, site.time_zone);
    let file = path.join(dir, `${id}.md`);
    // Two incidents with the same title on one day: number the second.
    for (let n = 2; existsSync(file); n++) file = path.join(dir, `${id}-${n}.md`);
    writeChecked(file, newIncidentText({ title, impact, components, update: { at, status, body: message } }, site.time_zone), contentDir);
    console.log(`Created ${path.relative(process.cwd(), file)}`);
    console.log(nextSteps(file, `incident/${path.basename(file, '.md')}`, `Incident: ${title}`));
    return;
  }

  if (!ref) {
    throw new StatusError('USAGE', `which incident? write its id after "${command}", like: npm run incident -- ${command} 2026-11-20-delayed-sms-delivery`);
  }
  const file = findIncidentFile(contentDir, ref);
  const before = read(file);
  const shown = path.relative(process.cwd(), file);

  if (command === 'postmortem') {
    const { text, changed } = startPostmortem(before, at, site.time_zone, OUTLINE, shown);
    if (changed) writeChecked(file, text, contentDir, before);
    console.log(changed ? `Added a postmortem outline to ${shown}` : `${shown} already has a postmortem`);
    if (!openInEditor(file)) console.log(`Write the postmortem after the closing --- line of ${shown}.`);
    if (changed) console.log(nextSteps(file, `postmortem/${path.basename(file, '.md')}`, `Postmortem: ${path.basename(file, '.md')}`));
    return;
  }

  const status = command === 'resolve' ? 'resolved' : oneOf(await ask(values.status, 'Status', 'status', UPDATE_STATUSES), UPDATE_STATUSES, 'status');
  const message = await ask(values.message, 'Message to users', 'message');
  const update: NewUpdate = { at, status, body: message, components: componentsFlag(componentFlags, site, COMPONENT_STATES) };
  writeChecked(file, addUpdate(before, update, site.time_zone, shown), contentDir, before);
  console.log(`Added a ${status} update to ${shown}`);
  console.log(nextSteps(file, `incident/${path.basename(file, '.md')}-${status}`, `${status === 'resolved' ? 'Resolve' : 'Update'}: ${path.basename(file, '.md')}`));
}
