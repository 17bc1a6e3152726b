import path from 'node:path';
import { StatusError, type Problem } from '../shared/errors.ts';
import { display, listMarkdown, readText } from './files.ts';
import { loadIncidents, type Incident, type IncidentCache } from './incidents.ts';
import { loadMaintenances, type Maintenance } from './maintenance.ts';
import type { Site } from './schema.ts';
import { siteFile } from './locate.ts';
import { loadProbes, type ProbeSeries } from './probes.ts';
import { loadSite } from './site.ts';

/** The content after loading: validated, times as epoch milliseconds, updates oldest first. */
export interface Content {
  site: Site;
  incidents: Incident[];
  /** Scheduled maintenance from the maintenance/ folder; absent means none. */
  maintenances?: Maintenance[];
  /** Probe series by component id (see src/content/probes.ts); absent or empty means no charts. */
  probes?: ProbeSeries;
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
  const incidents = site ? loadIncidents(listMarkdown(path.join(contentDir, 'incidents')), site, file, cache, problems) : [];
  const maintenanceFiles = site ? listMarkdown(path.join(contentDir, 'maintenance')) : [];
  const maintenances = site ? loadMaintenances(maintenanceFiles.map((f) => ({ file: display(f), text: readText(f, problems) })), site, problems) : [];
  const probes = site ? loadProbes(probesDir ?? probesFolder(contentDir), site, problems) : new Map();
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length) {
    throw new StatusError('CONTENT', `${errors.length} problem${errors.length > 1 ? 's' : ''} in the content`, problems);
  }
  return { site: site!, incidents, maintenances, probes, warnings: problems, dir: contentDir };
}

/** The probes folder of a content folder, when the build is not given another. */
export const probesFolder = (contentDir: string) => path.join(contentDir, 'probes');
