import path from 'node:path';
import { StatusError, type Problem } from '../shared/errors.ts';
import { display, listMarkdown, readText } from './files.ts';
import { loadIncidents, type Incident, type IncidentCache } from './incidents.ts';
import { loadMaintenances, type Maintenance } from './maintenance.ts';
import type { Site } from './schema.ts';
import { siteFile } from './locate.ts';
import { loadSite } from './site.ts';

/** The content after loading: validated, times as epoch milliseconds, updates oldest first. */
export interface Content {
  site: Site;
  incidents: Incident[];
  /** Scheduled maintenance from the maintenance/ folder; absent means none. */
  maintenances?: Maintenance[];
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
}

/** Reads and validates the whole content folder; throws one StatusError listing every problem. */
export function loadContent(contentDir: string, { cache }: LoadOptions = {}): Content {
  const problems: Problem[] = [];
  const file = siteFile(contentDir);
  const site = loadSite(file, problems);
  const incidents = site ? loadIncidents(listMarkdown(path.join(contentDir, 'incidents')), site, file, cache, problems) : [];
  const maintenanceFiles = site ? listMarkdown(path.join(contentDir, 'maintenance')) : [];
  const maintenances = site ? loadMaintenances(maintenanceFiles.map((f) => ({ file: display(f), text: readText(f, problems) })), site, problems) : [];
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length) {
    throw new StatusError('CONTENT', `${errors.length} problem${errors.length > 1 ? 's' : ''} in the content`, problems);
  }
  return { site: site!, incidents, maintenances, warnings: problems, dir: contentDir };
}
