import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { closest, StatusError, type Problem } from '../shared/errors.ts';
import { loadMaintenances, type Maintenance } from './maintenance.ts';
import {
  ID_PATTERN,
  incidentSchema,
  siteSchema,
  type ComponentState,
  type Impact,
  type OutageState,
  type Site,
  type UpdateStatus,
} from './schema.ts';
import { lineAt, parseYaml, readFrontMatter, schemaProblems, timeReader, type YamlSource } from './yaml-source.ts';

/** The content after loading: validated, times as epoch milliseconds, updates oldest first. */
export interface Content {
  site: Site;
  incidents: Incident[];
  /** Scheduled maintenance from the maintenance/ folder; absent means none. */
  maintenances?: Maintenance[];
  /** Problems that do not stop the build. */
  warnings: Problem[];
}

export interface Update {
  at: number;
  status: UpdateStatus;
  body: string;
  /** Component states set by this update. */
  components: Record<string, ComponentState>;
}

export interface Incident {
  id: string;
  /** Path of the source file, relative to the working directory. */
  file: string;
  title: string;
  impact: Impact;
  /** The state each affected component was in when the incident opened. */
  components: Record<string, OutageState>;
  updates: Update[];
  postmortem?: { at: number; body: string };
  /**
   * With a build cache: a hash of the file and the site file it was read from, so what is made
   * from this incident alone can be keyed without hashing it again.
   */
  source?: string;
}

/** A valid incident file as loaded before, with the warnings it gave. */
export interface LoadedIncident {
  incident: Incident;
  warnings: Problem[];
}

/**
 * Remembers valid incident files between builds, keyed by a hash of the file, its path and the
 * site file (which the checks read), so a warm build parses only the files that changed.
 */
export interface IncidentCache {
  get(key: string): LoadedIncident | undefined;
  set(key: string, value: LoadedIncident): void;
}

export interface LoadOptions {
  cache?: IncidentCache;
}

const MAX_FILE_BYTES = 1024 * 1024;

/** Reads and validates the whole content folder; throws one StatusError listing every problem. */
export function loadContent(contentDir: string, { cache }: LoadOptions = {}): Content {
  const problems: Problem[] = [];
  const siteFile = findSiteFile(contentDir);
  const site = loadSite(siteFile, problems);
  const incidentsDir = path.join(contentDir, 'incidents');
  const files = listMarkdown(incidentsDir);
  const incidents: Incident[] = [];
  if (site) {
    const seen = new Map<string, string>();
    const siteKey = cache && createHash('sha256').update(readFileSync(siteFile)).digest('hex');
    for (const file of files) {
      const incident = cache ? loadCachedIncident(file, site, siteKey!, cache, problems) : loadIncident(file, site, problems);
      if (!incident) continue;
      const first = seen.get(incident.id);
      if (first) {
        problems.push({
          file: incident.file, line: 1, severity: 'error',
          message: `incident id "${incident.id}" is already used by ${first}`,
          hint: 'give one of them a different file name (or `id:`); never change an id once published',
        });
      } else seen.set(incident.id, incident.file);
      incidents.push(incident);
    }
  }
  const maintenanceFiles = site ? listMarkdown(path.join(contentDir, 'maintenance')) : [];
  const maintenances = site ? loadMaintenances(maintenanceFiles.map((f) => ({ file: display(f), text: readText(f, problems) })), site, problems) : [];
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length) {
    throw new StatusError('CONTENT', `${errors.length} problem${errors.length > 1 ? 's' : ''} in the content`, problems);
  }
  return { site: site!, incidents, maintenances, warnings: problems };
}

function loadCachedIncident(file: string, site: Site, siteKey: string, cache: IncidentCache, problems: Problem[]): Incident | undefined {
  const bytes = readFileSync(file);
  const key = createHash('sha256').update(siteKey).update('\0').update(display(file)).update('\0').update(bytes).digest('hex');
  const hit = cache.get(key);
  if (hit) {
    problems.push(...hit.warnings);
    return hit.incident;
  }
  const before = problems.length;
  const read = loadIncident(file, site, problems, bytes);
  if (!read) return undefined;
  const incident = { ...read, source: key };
  cache.set(key, { incident, warnings: problems.slice(before) });
  return incident;
}

function findSiteFile(contentDir: string): string {
  for (const name of ['site.yml', 'site.yaml']) {
    const file = path.join(contentDir, name);
    if (exists(file)) return file;
  }
  throw new StatusError('IO', `no site file: expected ${display(path.join(contentDir, 'site.yml'))}`);
}

function listMarkdown(dir: string): string[] {
  if (!exists(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => path.join(dir, f));
}

function exists(file: string): boolean {
  try {
    statSync(file);
    return true;
  } catch {
    return false;
  }
}

const display = (file: string) => path.relative(process.cwd(), file) || file;

/** Text as editors write it: without a byte-order mark and with LF line ends. */
function readText(file: string, problems: Problem[], bytes: Uint8Array = readFileSync(file)): string | undefined {
  const where = { file: display(file), line: 1, severity: 'error' as const };
  if (bytes.length > MAX_FILE_BYTES) {
    problems.push({ ...where, message: `the file is ${Math.round(bytes.length / 1024)} KB, over the 1024 KB limit`, hint: 'shorten it; link to long documents instead' });
    return undefined;
  }
  if (bytes.includes(0)) {
    problems.push({ ...where, message: 'the file is binary, not text', hint: 'save it as UTF-8 text' });
    return undefined;
  }
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    // Editors set to Latin-1 or Windows-1252 write bytes that would show as "�" on the page.
    const line = Buffer.from(bytes).toString('utf8').split('\uFFFD')[0]!.split(/\r\n?|\n/).length;
    problems.push({ ...where, line, message: 'the file is not UTF-8 text: this line has a character in another encoding', hint: 'save the file as UTF-8 (most editors offer it under "Save with encoding")' });
    return undefined;
  }
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function loadSite(file: string, problems: Problem[]): Site | undefined {
  const text = readText(file, problems);
  if (text === undefined) return undefined;
  const { source, data, problems: yamlProblems } = parseYaml(text, display(file));
  problems.push(...yamlProblems);
  if (yamlProblems.length) return undefined;
  const parsed = siteSchema.safeParse(data ?? {});
  if (!parsed.success) {
    problems.push(...schemaProblems(source, parsed.error.issues, data));
    return undefined;
  }
  const site = parsed.data;
  checkSiteReferences(site, source, problems);
  return site;
}

function checkSiteReferences(site: Site, source: YamlSource, problems: Problem[]) {
  const groupIds = site.groups.map((g) => g.id);
  const duplicate = (kind: string, ids: string[], list: string) =>
    ids.forEach((id, i) => {
      if (ids.indexOf(id) !== i) {
        problems.push({ file: source.file, line: lineAt(source, [list, i, 'id']), severity: 'error', message: `${kind} id "${id}" is used twice`, hint: 'give each one its own id' });
      }
    });
  duplicate('group', groupIds, 'groups');
  duplicate('component', site.components.map((c) => c.id), 'components');
  site.components.forEach((c, i) => {
    if (c.group !== undefined && !groupIds.includes(c.group)) {
      const guess = closest(c.group, groupIds);
      problems.push({
        file: source.file, line: lineAt(source, ['components', i, 'group']), severity: 'error',
        message: `component "${c.id}" names group "${c.group}", which is not in groups`,
        hint: guess ? `did you mean "${guess}"?` : `use one of: ${groupIds.join(', ') || '(add a groups: list first)'}`,
      });
    }
  });
}

function loadIncident(file: string, site: Site, problems: Problem[], bytes?: Uint8Array): Incident | undefined {
  const shown = display(file);
  const text = readText(file, problems, bytes);
  if (text === undefined) return undefined;
  const at = (line: number, message: string, hint?: string): Problem => ({ file: shown, line, message, hint, severity: 'error' });
  const read = readFrontMatter(text, shown, 'title, impact, components, updates', problems);
  if (!read) return undefined;
  const { source, data } = read;
  const parsed = incidentSchema.safeParse(data ?? {});
  if (!parsed.success) {
    problems.push(...schemaProblems(source, parsed.error.issues, data));
    return undefined;
  }
  const fm = parsed.data;
  const before = problems.length;
  const time = timeReader(source, site.time_zone, problems);
  const componentIds = site.components.map((c) => c.id);
  const checkComponents = (ids: string[], pathTo: (string | number)[]) => {
    for (const id of ids) {
      if (componentIds.includes(id)) continue;
      const guess = closest(id, componentIds);
      problems.push(at(lineAt(source, [...pathTo, id]), `unknown component "${id}"`, guess ? `did you mean "${guess}"?` : `use an id from the site file: ${componentIds.join(', ')}`));
    }
  };
  checkComponents(Object.keys(fm.components), ['components']);

  // The file lists updates newest first, as the page shows them; the model keeps them oldest first.
  const updates = fm.updates
    .map((u, i) => {
      if (u.components) checkComponents(Object.keys(u.components), ['updates', i, 'components']);
      return { at: time(u.at, ['updates', i, 'at']), status: u.status, body: u.body.trim(), components: u.components ?? {}, index: i };
    })
    .reverse();
  updates.forEach((u, i) => {
    const older = updates[i - 1];
    if (!older || Number.isNaN(u.at) || Number.isNaN(older.at)) return;
    // Only a problem needs the line; finding it parses the file again.
    const line = () => lineAt(source, ['updates', u.index, 'at']);
    if (u.at <= older.at) {
      problems.push(at(line(), `this update is not later than the one below it (updates are listed newest first)`, 'put the newest update at the top of the list and check the times'));
    } else if (older.status === 'resolved') {
      problems.push(at(line(), 'this update comes after the incident was resolved', 'remove it, or change the resolved update below it to monitoring'));
    }
  });

  let postmortem: Incident['postmortem'];
  const body = read.body;
  if (body) {
    if (!fm.postmortem_at) {
      problems.push(at(read.bodyLine, 'the file has a postmortem (text after the front matter) but no postmortem_at', 'add a line like  postmortem_at: 2026-11-22 10:00  to the front matter'));
    } else {
      postmortem = { at: time(fm.postmortem_at, ['postmortem_at']), body };
    }
  } else if (fm.postmortem_at) {
    problems.push(at(lineAt(source, ['postmortem_at']), 'postmortem_at is set but the file has no postmortem text', 'write the postmortem after the closing --- line, or remove postmortem_at'));
  }
  const id = fm.id ?? path.basename(file, '.md');
  if (!fm.id && !ID_PATTERN.test(id)) {
    const suggestion = id.toLowerCase().replace(/[^a-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '');
    problems.push(at(1, `the file name "${path.basename(file)}" cannot be used in the page address`, `rename it to ${suggestion || 'YYYY-MM-DD-short-title'}.md (lowercase letters, digits and dashes)`));
  }
  if (problems.length > before) return undefined;
  // A copy: strings the YAML parser and gray-matter cut from the file keep the whole file text
  // alive (V8 slices point into their parent), 34 MB for 10,000 files that are never read again.
  return structuredClone({
    id,
    file: shown,
    title: fm.title,
    impact: fm.impact,
    components: fm.components,
    updates: updates.map(({ index: _index, ...u }) => u),
    postmortem,
  });
}
