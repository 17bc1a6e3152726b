import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { StatusError, type Problem } from '../shared/errors.ts';
import { display, listMarkdown } from './files.ts';
import type { Incident, IncidentCache } from './incidents.ts';
import { KINDS, loadKind, readKindFile } from './kinds.ts';
import type { Maintenance } from './maintenance.ts';
import type { Site } from './schema.ts';
import { siteFile } from './locate.ts';
import { loadFiring, type FiringAlert } from './firing.ts';
import { loadProbes, type ProbeSeries } from './probes.ts';
import { loadSite } from './site.ts';
import { checkTemplates } from './templates.ts';

/** The content after loading: validated, times as epoch milliseconds, updates oldest first. */
export interface Content {
  site: Site;
  incidents: Incident[];
  /** Scheduled maintenance from the maintenance/ folder; absent means none. */
  maintenances?: Maintenance[];
  /** Probe series by component id (see src/content/probes.ts); absent or empty means no charts. */
  probes?: ProbeSeries;
  /** Alerts firing now, from the probes folder's alerts.json; absent or empty means none. */
  firing?: FiringAlert[];
  /** Problems that do not stop the build. */
  warnings: Problem[];
  /**
   * The content folder, which holds the site file: files the site file names (`brand:`) are
   * relative to it. Content made in memory (tests) may leave it out, and then name no such files.
   */
  dir?: string;
}

export interface LoadOptions {
  cache?: IncidentCache;
  /** The probes folder: `<content>/probes` unless given. */
  probes?: string;
}

/** Reads and validates the whole content folder; throws one StatusError listing every problem. */
export function loadContent(contentDir: string, { cache, probes: probesDir }: LoadOptions = {}): Content {
  const problems: Problem[] = [];
  const file = siteFile(contentDir);
  const site = loadSite(file, problems);
  const files = (kind: { folder: string }) => (site ? listMarkdown(path.join(contentDir, kind.folder)) : []);
  const incidents = site ? loadKind(KINDS.incidents, files(KINDS.incidents), site, problems, cache && cachedIncidents(cache, site, file, problems)) : [];
  const maintenances = site ? loadKind(KINDS.maintenance, files(KINDS.maintenance), site, problems) : [];
  const monitored = probesDir ?? probesFolder(contentDir);
  const probes = site ? loadProbes(monitored, site, problems) : new Map();
  const firing = site ? loadFiring(monitored, site, problems) : [];
  // Incident templates are checked here so a broken one is found before an alert needs it.
  if (site) checkTemplates(contentDir, problems);
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length) {
    throw new StatusError('CONTENT', `${errors.length} problem${errors.length > 1 ? 's' : ''} in the content`, problems);
  }
  return { site: site!, incidents, maintenances, probes, firing, warnings: problems, dir: contentDir };
}

/**
 * Reads incident files through the build cache, keyed by a hash of the file, its path and the site
 * file (which the checks read), so a warm build parses only the files that changed.
 */
function cachedIncidents(cache: IncidentCache, site: Site, siteFile: string, problems: Problem[]) {
  const siteKey = createHash('sha256').update(readFileSync(siteFile)).digest('hex');
  return (file: string): Incident | undefined => {
    const bytes = readFileSync(file);
    const key = createHash('sha256').update(siteKey).update('\0').update(display(file)).update('\0').update(bytes).digest('hex');
    const hit = cache.get(key);
    if (hit) {
      problems.push(...hit.warnings);
      return hit.incident;
    }
    const before = problems.length;
    const read = readKindFile(KINDS.incidents, file, site, problems, bytes);
    if (!read) return undefined;
    const incident = { ...read, source: key };
    cache.set(key, { incident, warnings: problems.slice(before) });
    return incident;
  };
}

/** The probes folder of a content folder, when the build is not given another. */
export const probesFolder = (contentDir: string) => path.join(contentDir, 'probes');
