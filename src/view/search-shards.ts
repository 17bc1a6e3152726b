/**
 * How the search index is split: by the year an incident started (UTC, so a part never moves). Pagefind
 * cannot update an index, so a new update rebuilds only its year's part — 1,000 incidents rather than
 * 10,000 on a large site — and the history page's script merges the parts when a reader searches.
 */

/** Folder of the search index inside the built site. */
export const SEARCH_DIR = 'pagefind';

/** The part of the index an incident is in. */
export const searchShardOf = (incident: { started: { iso: string } }) => incident.started.iso.slice(0, 4);

/** The parts, newest first. */
export const searchShardIds = (incidents: { started: { iso: string } }[]) => [...new Set(incidents.map(searchShardOf))].sort().reverse();

/** Where each part is served (site paths), newest first, for the history page's script. */
export const searchIndexUrls = (incidents: { started: { iso: string } }[]) => searchShardIds(incidents).map((id) => `/${SEARCH_DIR}/${id}/`);
