import { createHash } from 'node:crypto';
import type { AlertEvent } from '../alerts/index.ts';
import { addUpdate, incidentId, newestUpdate, newIncidentText, setNewestStatus, slugWords } from '../authoring/index.ts';
import { fillTemplate, type AlertPublish, type IncidentTemplate, type Site } from '../content/index.ts';
import { StatusError } from '../shared/errors.ts';
import { markdownLine } from '../shared/inline-text.ts';
import { parseTimestamp } from '../shared/time.ts';
import type { GitHubRepo, PullRequest } from './github.ts';

/**
 * Incident drafts from alerts: each firing alert about a known component becomes an incident
 * file written from the template, in a pull request of its own (or, with `publish: direct`, a
 * commit to the main branch). One alert key has one draft: later events of the same alert —
 * repeats, its resolution, flapping — find it by its branch and change the same file, so a
 * flapping alert never opens a second pull request.
 */

export interface DraftContext {
  github: GitHubRepo;
  site: Site;
  template: IncidentTemplate;
  /** The incidents folder as a path in the repository: content/incidents. */
  folder: string;
  /** The branch the page is built from, which drafts start from and pull requests go to. */
  base: string;
  publish: AlertPublish;
  /** When a resolution is written (an alert event says when it began, not when it ended). */
  now: number;
}

export interface DraftResult {
  key: string;
  /** `opened`: a new incident; `updated`: an update added to it; `unchanged`: a repeat; `skipped`: nothing written, `note` says why. */
  action: 'opened' | 'updated' | 'unchanged' | 'skipped';
  /** The incident file, a path in the repository. */
  file?: string;
  pull?: PullRequest;
  note: string;
}

/** A branch of its own per alert key; a key the slug changes (case, punctuation) gets a hash of it too, so two keys never share one. */
export function alertBranch(key: string): string {
  const slug = slugWords(key);
  if (slug === key) return `status/alert-${slug}`;
  return `status/alert-${slug.slice(0, 40).replace(/-+$/, '') || 'key'}-${createHash('sha256').update(key).digest('hex').slice(0, 8)}`;
}

/** Drafts each event in turn (one workflow run at a time, so the order of the payload is kept). */
export async function draftAlerts(events: readonly AlertEvent[], ctx: DraftContext): Promise<DraftResult[]> {
  const results: DraftResult[] = [];
  for (const event of events) results.push(await draftAlert(event, ctx));
  return results;
}

export async function draftAlert(event: AlertEvent, ctx: DraftContext): Promise<DraftResult> {
  const { key } = event;
  // Reported by the normaliser already; never guessed, and nothing is asked of GitHub.
  if (!event.component) return { key, action: 'skipped', note: 'it names no component of the site file' };
  return ctx.publish === 'direct' ? direct(event, ctx) : pullRequest(event, ctx);
}

async function pullRequest(event: AlertEvent, ctx: DraftContext): Promise<DraftResult> {
  const { github, base } = ctx;
  const branch = alertBranch(event.key);
  const open = await github.openPull(branch);
  if (open) {
    const file = (await github.pullFiles(open.number)).find((f) => f.startsWith(`${ctx.folder}/`) && f.endsWith('.md'));
    if (!file) return { key: event.key, action: 'skipped', pull: open, note: `pull request #${open.number} changes no incident file of ${ctx.folder}` };
    const current = await github.file(file, branch);
    const next = current && nextText(current.text, event, ctx, file);
    if (!current || !next) return { key: event.key, action: 'unchanged', file, pull: open, note: `pull request #${open.number} already says it` };
    await github.putFile(file, { text: next.text, message: `${next.what}: ${file}`, branch, sha: current.sha });
    await github.comment(open.number, `${next.what}: the alert ${event.status === 'resolved' ? 'resolved' : 'fired again'}, and ${file} has a new \`${next.status}\` update. Review it with the rest before merging.`);
    return { key: event.key, action: 'updated', file, pull: open, note: `${next.status} update on pull request #${open.number}` };
  }
  if (event.status === 'resolved') return { key: event.key, action: 'skipped', note: `no open pull request from ${branch}: nothing to resolve (a published incident is resolved with  incident resolve)` };
  const start = await github.ref(base);
  if (!start) throw new StatusError('USAGE', `the repository has no branch ${base} to draft from; name it with --base`);
  // A branch left by a closed or merged draft starts again from the base.
  if (await github.ref(branch)) await github.moveRef(branch, start);
  else await github.createRef(branch, start);
  const draft = newDraft(event, ctx);
  let file = `${ctx.folder}/${draft.id}.md`;
  // Two incidents with the same title on one day: number the second, as `incident new` does.
  for (let n = 2; n <= 20 && (await github.file(file, branch)); n++) file = `${ctx.folder}/${draft.id}-${n}.md`;
  await github.putFile(file, { text: draft.text, message: `Incident draft from an alert: ${file}`, branch });
  const pull = await github.createPull({ title: `Incident: ${draft.title}`, head: branch, base, body: pullBody(event, ctx, file) });
  return { key: event.key, action: 'opened', file, pull, note: `pull request #${pull.number}` };
}

async function direct(event: AlertEvent, ctx: DraftContext): Promise<DraftResult> {
  const draft = newDraft(event, ctx);
  const file = `${ctx.folder}/${draft.id}.md`;
  const current = await ctx.github.file(file, ctx.base);
  if (!current) {
    if (event.status === 'resolved') return { key: event.key, action: 'skipped', file, note: `${file} is not on ${ctx.base}: nothing to resolve` };
    await ctx.github.putFile(file, { text: draft.text, message: `Incident from an alert: ${file}`, branch: ctx.base });
    return { key: event.key, action: 'opened', file, note: `committed to ${ctx.base}` };
  }
  const next = nextText(current.text, event, ctx, file);
  if (!next) return { key: event.key, action: 'unchanged', file, note: `${file} already says it` };
  await ctx.github.putFile(file, { text: next.text, message: `${next.what}: ${file}`, branch: ctx.base, sha: current.sha });
  return { key: event.key, action: 'updated', file, note: `${next.status} update committed to ${ctx.base}` };
}

/** A component's name in the site file, for the words of a draft; its id when the site file has no such component. */
const componentName = (site: Site, id: string) => site.components.find((c) => c.id === id)?.name ?? id;

/** The incident file a firing alert starts: the template filled with the alert's text, its component put in the template's state. */
function newDraft(event: AlertEvent, ctx: DraftContext): { id: string; title: string; text: string } {
  const component = event.component!;
  const { title, body } = fillTemplate(ctx.template, { summary: event.summary, component: componentName(ctx.site, component) });
  const at = Date.parse(event.startsAt);
  const text = newIncidentText({ title, impact: ctx.template.impact, components: { [component]: ctx.template.state }, update: { at, status: 'investigating', body } }, ctx.site.time_zone);
  return { id: incidentId(title, at, ctx.site.time_zone), title, text };
}

/**
 * What a later event of the alert changes in its file: a resolution adds a `resolved` update; a
 * firing after one turns that into `monitoring` and adds an `investigating` update with the
 * component back in the template's state. Undefined when the file already says it (a repeat).
 */
function nextText(text: string, event: AlertEvent, ctx: DraftContext, file: string): { text: string; status: 'resolved' | 'investigating'; what: string } | undefined {
  const zone = ctx.site.time_zone;
  const newest = newestUpdate(text, file);
  const resolved = newest?.status === 'resolved';
  if ((event.status === 'resolved') === resolved) return undefined;
  const after = newest ? parseTimestamp(newest.at, zone) : undefined;
  // An update must come after the one before it: a second later at least.
  const later = (ms: number) => (after && 'ms' in after && ms <= after.ms ? after.ms + 1000 : ms);
  if (event.status === 'resolved') {
    return { text: addUpdate(text, { at: later(ctx.now), status: 'resolved', body: 'The alert has cleared, and this incident is resolved.' }, zone, file), status: 'resolved', what: 'Alert resolved' };
  }
  const reopened = setNewestStatus(text, 'monitoring', file);
  const body = `The problem is back. Monitoring reports: ${markdownLine(event.summary)}`;
  const update = { at: later(Date.parse(event.startsAt)), status: 'investigating' as const, body, components: { [event.component!]: ctx.template.state } };
  return { text: addUpdate(reopened, update, zone, file), status: 'investigating', what: 'Alert fired again' };
}

/** The pull request's text: what to do with it, and the alert's own words inside a code block, where nothing in them is a link, markup or a mention. */
function pullBody(event: AlertEvent, ctx: DraftContext, file: string): string {
  const name = componentName(ctx.site, event.component!);
  const alert = `source: ${event.source}\nkey: ${event.key}\nsummary: ${event.summary}\nstarted: ${event.startsAt}`;
  const fence = '`'.repeat(Math.max(3, ...[...alert.matchAll(/`+/g)].map((m) => m[0].length + 1)));
  return [
    `Monitoring raised an alert about **${markdownLine(name)}**, and this pull request drafts its incident in \`${file}\`.`,
    '',
    `- Check the title, the impact and the first update; edit them on this branch.`,
    `- Merge to publish it on the page; close it to drop it.`,
    `- Later events of the same alert (its resolution, a repeat) update this pull request.`,
    '',
    'The alert, as the monitoring service sent it:',
    '',
    `${fence}text`,
    alert,
    fence,
    '',
  ].join('\n');
}
