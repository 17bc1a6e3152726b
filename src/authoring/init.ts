import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DateTime } from 'luxon';
import { Document, isMap, isScalar } from 'yaml';
import { StatusError } from '../shared/errors.ts';
import { PACKAGE } from '../shared/package.ts';
import { resolveNow } from '../shared/clock.ts';
import { isValidDate, isValidZone } from '../shared/time.ts';
import { ID_PATTERN, KINDS, siteSchema } from '../content/index.ts';
import { availableLocales } from '../view/index.ts';
import { slugWords } from './edit.ts';
import {
  decapVersion, dependencySpec, managedFiles, NODE_ENGINE, RECORD_FILE, recordText, renderTemplate, TEAM_FILES,
  textHash, TOOL_SCRIPTS, workflowValues, type StarterRecord,
} from './starter.ts';
import { checklist, DEFAULT_HOST, HOSTS, isHost, numbered, HOST_PROFILES, type Host } from './hosts.ts';

/**
 * `markdown-status init`: a new status repository, holding only its content, workflows and
 * overrides, with markdown-status as a pinned dependency. The command line asks the questions;
 * this writes the files, after checking every answer and every path first.
 */

/** A component the page reports on. */
export interface ComponentAnswer {
  name: string;
  /** What incident files call it; by default the name in lowercase words joined by dashes ("Web Apps" → web-apps). */
  id?: string;
  /** A group's id or name; a group named here and missing from `groups` is added. */
  group?: string;
  description?: string;
}

/** A heading on the home page that components sit under. */
export interface GroupAnswer {
  name: string;
  /** By default from the name, as for components. */
  id?: string;
}

export interface InitOptions {
  /** The folder to create the status repository in: missing or holding no page yet. */
  dir: string;
  /** The page's name, shown in its header. */
  name: string;
  /** The public address, like https://status.example.com/ (a sub-path works). */
  url: string;
  /** IANA time zone every time on the page is shown in, like Europe/Berlin. */
  timeZone: string;
  /** Language of the page (a file of locales/); default en. */
  locale?: string;
  /** One line under the name; default "Current and past status of <name>." */
  description?: string;
  /** What the page reports on, in order: names, or entries with an id and a group. */
  components: readonly (string | ComponentAnswer)[];
  /** Groups, in order; also made from the components' `group`. */
  groups?: readonly (string | GroupAnswer)[];
  /** The markdown-status version to depend on and to record; default the version of this package. */
  version?: string;
  /** What package.json depends on, when not the exact version: a tarball path, a git URL, a range. */
  packageSpec?: string;
  /** Where the page is served from: its workflows, and the settings README.md lists; default s3. */
  host?: Host;
  /** Adds the web editor at /admin/ (decap-cms, about 60 MB installed); default off. */
  editor?: boolean;
  /** First day of uptime data for every component (YYYY-MM-DD); default today in the page's zone. */
  startDate?: string;
  /** "Now" for the default start date, in epoch milliseconds; default the clock or STATUS_NOW. */
  now?: number;
}

/** The answers `init --yes` uses: a page that builds, to rename and fill in later. */
export const INIT_DEFAULTS = {
  name: 'Example Status',
  url: 'https://status.example.com/',
  timeZone: 'Etc/UTC',
  locale: 'en',
  components: ['Website', 'API'],
} as const satisfies Omit<InitOptions, 'dir'>;

/**
 * Writes a new status repository into `options.dir` and returns the paths written, relative to
 * it, in POSIX form. Throws a StatusError, before writing anything, when an answer is not one the
 * page accepts or when the folder already holds a page or any of the files.
 */
export function initSite(options: InitOptions): string[] {
  const version = options.version ?? PACKAGE.version;
  const site = siteData(options);
  const files = new Map<string, string>();
  files.set('package.json', statusPackageText(options.packageSpec === undefined ? version : dependencySpec(options.packageSpec, options.dir), options.editor ? decapVersion() : undefined));
  files.set('content/site.yml', siteYaml(site));
  for (const kind of Object.values(KINDS)) files.set(`content/${kind.folder}/.gitkeep`, '');
  const host = options.host ?? DEFAULT_HOST;
  if (!isHost(host)) throw new StatusError('USAGE', `host "${host}": use one of ${HOSTS.join(', ')}`);
  const values = { ...workflowValues(options.editor ?? false, host), ...readmeValues(site, options.editor ?? false, host) };
  const record: StarterRecord = { version, host, files: {} };
  for (const { template, target } of managedFiles(host)) {
    const text = renderTemplate(template, values);
    files.set(target, text);
    record.files[target] = textHash(text);
  }
  for (const { template, target } of TEAM_FILES) files.set(target, tidy(renderTemplate(template, values)));
  files.set(RECORD_FILE, recordText(record));

  refuseExisting(options.dir, [...files.keys()]);
  for (const [file, text] of files) {
    const full = path.join(options.dir, file);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, text);
  }
  return [...files.keys()];
}

/** The package.json of a status repository. */
export function statusPackageText(spec: string, decapCms?: string): string {
  const dependencies: Record<string, string> = { 'markdown-status': spec };
  if (decapCms !== undefined) dependencies['decap-cms'] = decapCms;
  const pkg = { private: true, type: 'module', scripts: TOOL_SCRIPTS, dependencies, engines: { node: NODE_ENGINE } };
  return `${JSON.stringify(pkg, null, 2)}\n`;
}

function refuseExisting(dir: string, files: string[]) {
  if (existsSync(dir) && !statSync(dir).isDirectory()) throw new StatusError('USAGE', `${dir} is a file; choose a folder for the status page`);
  for (const name of ['site.yml', 'site.yaml']) {
    if (existsSync(path.join(dir, 'content', name))) {
      throw new StatusError('USAGE', `${path.join(dir, 'content', name)} exists: this folder already holds a status page; run markdown-status upgrade there to bring it up to date, or choose an empty folder`);
    }
  }
  const taken = files.filter((file) => existsSync(path.join(dir, file)));
  if (taken.length) {
    throw new StatusError('USAGE', `${dir} already has ${taken.join(', ')}, which init would overwrite; move ${taken.length > 1 ? 'them' : 'it'} away or choose an empty folder`);
  }
}

interface SiteData {
  name: string;
  url: string;
  time_zone: string;
  locale: string;
  description: string;
  groups: { id: string; name: string; order: number }[];
  components: { id: string; name: string; description?: string; group?: string; order: number; start_date: string }[];
}

/** The site file's data from the answers; every problem in them at once, in the site checks' words. */
function siteData(options: InitOptions): SiteData {
  const problems: string[] = [];
  const idOf = (kind: string, answer: { name: string; id?: string }) => {
    if (!answer.name.trim()) problems.push(`a ${kind} has no name; give each one a name, like Website`);
    const id = answer.id ?? slugWords(answer.name);
    if (!ID_PATTERN.test(id)) {
      problems.push(answer.id === undefined
        ? `${kind} "${answer.name}": its name gives no id; give it one (lowercase letters, digits and dashes, like web-apps)`
        : `${kind} id "${id}": use lowercase letters, digits and dashes, like web-apps`);
    }
    return id;
  };
  const groups = (options.groups ?? []).map((g) => (typeof g === 'string' ? { name: g } : g)).map((g) => ({ id: idOf('group', g), name: g.name.trim() }));
  const findGroup = (ref: string) => groups.find((g) => g.id === ref) ?? groups.find((g) => g.name.toLowerCase() === ref.trim().toLowerCase());
  // An unknown zone is reported by the schema check below; Etc/UTC only keeps Luxon going until then.
  const zone = isValidZone(options.timeZone.trim()) ? options.timeZone.trim() : 'Etc/UTC';
  const start = options.startDate ?? DateTime.fromMillis(options.now ?? resolveNow([]), { zone }).toISODate()!;
  if (!isValidDate(start)) problems.push(`start date "${start}": write a date like 2024-01-31`);
  const orders = new Map<string | undefined, number>();
  const components = options.components.map((answer) => {
    const c = typeof answer === 'string' ? { name: answer } : answer;
    let group: string | undefined;
    if (c.group !== undefined) {
      group = findGroup(c.group)?.id;
      if (group === undefined) groups.push({ id: (group = idOf('group', { name: c.group })), name: c.group.trim() });
    }
    const order = (orders.get(group) ?? 0) + 1;
    orders.set(group, order);
    return { id: idOf('component', c), name: c.name.trim(), ...(c.description ? { description: c.description } : {}), ...(group ? { group } : {}), order, start_date: start };
  });
  if (!components.length) problems.push('components: name at least one component, like Website');
  for (const [kind, list] of [['group', groups], ['component', components]] as const) {
    list.forEach(({ id }, i) => {
      const twice = list.findIndex((other) => other.id === id);
      if (twice !== i && ID_PATTERN.test(id)) problems.push(`${kind} id "${id}" is used twice ("${list[twice]!.name}" and "${list[i]!.name}"); give each one its own id`);
    });
  }
  const locale = options.locale ?? 'en';
  const locales = availableLocales();
  if (![locale, locale.split('-')[0]].some((tag) => locales.includes(tag!))) problems.push(`locale "${locale}" has no strings file; use one of ${locales.join(', ')}`);

  const data: SiteData = {
    name: options.name.trim(), url: options.url.trim(), time_zone: options.timeZone.trim(), locale,
    description: options.description ?? `Current and past status of ${options.name.trim()}.`,
    groups: groups.map((g, i) => ({ ...g, order: i + 1 })), components,
  };
  // The site file's own schema says what is wrong with a name, address, zone or date, as `check` would.
  const parsed = siteSchema.safeParse(data);
  if (!parsed.success) {
    // Groups and components (ids, names, dates) are checked above, in words about the answers.
    for (const issue of parsed.error.issues.filter((i) => i.path.length === 1 && i.path[0] !== 'components' && i.path[0] !== 'groups')) {
      const key = String(issue.path[0]);
      problems.push(key === 'name' ? 'name: give the page a name, like Example Status' : `${key} ${JSON.stringify(data[key as keyof SiteData])}: ${issue.message}`);
    }
  }
  if (problems.length) throw new StatusError('USAGE', `the answers do not make a page: ${[...new Set(problems)].join('; ')}`);
  return data;
}

const SITE_COMMENTS: Record<string, string> = {
  name: ' The status page: its name, public address, time zone and what it reports on.\n Every incident file under incidents/ names components by their `id` below.',
  groups: ' Groups are the headings on the home page, in `order`. `collapsed: true` folds a group\n shut while everything in it is operational.',
  components: ' Components: `id` is what incident files name; never change it once an incident uses it.\n `start_date` is the first day uptime is counted for (no data before it).\n `only_show_if_degraded: true` hides a component from the home page while it is operational.',
};

const NOTIFICATIONS_EXAMPLE = ` Notifications after each deploy (markdown-status README, "Notifications"). Secrets stay in the
 environment: each channel names the variable that holds its webhook URL or mail relay, never the value.
 notifications:
   slack:
     - url_env: SLACK_WEBHOOK_URL`;

/** The site file, commented like the sample one. */
function siteYaml(site: SiteData): string {
  const data: Record<string, unknown> = { ...site };
  if (!site.groups.length) delete data.groups;
  const doc = new Document(data, { version: '1.2' });
  if (isMap(doc.contents)) {
    for (const pair of doc.contents.items) {
      if (!isScalar(pair.key)) continue;
      const comment = SITE_COMMENTS[String(pair.key.value)];
      if (comment) pair.key.commentBefore = comment;
      if (comment && pair.key.value !== 'name') pair.key.spaceBefore = true;
    }
  }
  doc.comment = NOTIFICATIONS_EXAMPLE;
  return doc.toString({ lineWidth: 0 });
}

function readmeValues(site: SiteData, editor: boolean, host: Host): Record<string, string> {
  const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\s+/g, ' ');
  const admin = new URL('admin/', site.url.endsWith('/') ? site.url : `${site.url}/`).href;
  return {
    name: site.name,
    url: site.url,
    time_zone: site.time_zone,
    component_id: site.components[0]!.id,
    component_rows: site.components.map((c) => `| \`${c.id}\` | ${cell(c.name)} |`).join('\n'),
    host_label: HOST_PROFILES[host].label,
    publishing: HOST_PROFILES[host].publishing,
    checklist: numbered(checklist(host, editor)),
    editor_section: editor
      ? `### In the browser: /admin/\n\nThe page also has forms for incidents and maintenance at\n<${admin}>. Sign in with GitHub; saving opens a pull request, which gets the same checks as any\nother. The forms save the whole file, so comments written in a file are lost when it is saved there.`
      : '',
  };
}

/** One blank line at most, where a placeholder was left empty. */
const tidy = (text: string) => text.replace(/\n{3,}/g, '\n\n');
