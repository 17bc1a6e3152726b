import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import * as pagefind from 'pagefind';
import { StatusError } from '../shared/errors.ts';
import { searchShardIds, searchShardOf, type Stamp } from '../view/index.ts';

export { SEARCH_DIR } from '../view/index.ts';

/** One incident as the search index holds it: its address, text and what a result shows. */
export interface SearchRecord {
  url: string;
  content: string;
  meta: { title: string; started: string };
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };
const htmlText = (html: string) => html.replace(/<[^>]*>/g, ' ').replace(/&(amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e]!);

/** A page the index holds: an incident's or a maintenance's, as their view models have it. */
export interface SearchablePage {
  url: string;
  title: string;
  postmortem?: { html: string };
  updates: { label: string; html: string; posted: Stamp }[];
  affectedText: string;
  started: Stamp;
  summary: string;
  sourceKey?: string;
}

/** What readers can search for in a page: its title, postmortem and every update, as on the page. */
export function searchRecords(incidents: SearchablePage[], labels: { postmortem: string }): SearchRecord[] {
  return incidents.map((i) => ({
    url: i.url,
    content: [
      i.title,
      ...(i.postmortem ? [labels.postmortem, htmlText(i.postmortem.html)] : []),
      ...i.updates.flatMap((u) => [u.label, htmlText(u.html), u.posted.text]),
      i.affectedText,
    ].join('\n'),
    meta: { title: i.title, started: `${i.started.text} · ${i.summary}` },
  }));
}

/** One part of the search index: the incidents that started in one year, newest year first. */
export interface SearchShard {
  /** Folder under pagefind/: the year, like "2026". */
  id: string;
  /** Its records, made when asked for (they are the whole text of a year's incidents). */
  records: () => SearchRecord[];
  /** What the part is made from, for a build cache: the incidents' source keys when all are known. */
  inputs: () => string;
}

/** The records of each part of the index (see search-shards.ts), newest year first. */
export function searchShards(incidents: SearchablePage[], labels: { postmortem: string }, language: string): SearchShard[] {
  return searchShardIds(incidents).map((id) => {
    const listed = incidents.filter((i) => searchShardOf(i) === id);
    const records = () => searchRecords(listed, labels);
    // A page with a source key (an incident, with a build cache) stands for its record; the few
    // without (maintenance pages) give their record, so they do not make a year's whole text.
    const inputs = () => JSON.stringify([language, labels.postmortem, listed.map((p) => p.sourceKey ?? searchRecords([p], labels)[0])]);
    return { id, records, inputs };
  });
}

/**
 * Builds one part of the self-hosted search index (Pagefind's binary ships inside its npm package:
 * nothing is downloaded) from the incidents themselves rather than by reading the written pages back,
 * so it can run in Pagefind's own process while the pages are still being written. Call
 * `closeSearch` when every part is built.
 */
export async function buildSearchIndex(outputPath: string, records: SearchRecord[], language: string): Promise<{ pages: number }> {
  const { index, errors } = await pagefind.createIndex({ forceLanguage: language });
  if (!index) throw searchError(errors);
  // In batches: sending 10,000 records at once holds all of them, encoded, in this process's memory.
  const failed: string[] = [];
  for (let start = 0; start < records.length; start += RECORD_BATCH) {
    const added = await Promise.all(records.slice(start, start + RECORD_BATCH).map((r) => index.addCustomRecord({ ...r, language })));
    failed.push(...added.flatMap((a) => a.errors));
  }
  if (failed.length) throw searchError(failed);
  const written = await index.writeFiles({ outputPath });
  if (written.errors.length) throw searchError(written.errors);
  // The history page has its own small search script; Pagefind's ready-made UIs are not served.
  for (const file of readdirSync(outputPath)) {
    if (/^pagefind-(.*ui|highlight)\.(js|css)$/.test(file)) rmSync(path.join(outputPath, file));
  }
  await index.deleteIndex();
  return { pages: records.length };
}

const RECORD_BATCH = 200;

/** Stops Pagefind's process. */
export const closeSearch = () => pagefind.close();

const searchError = (errors: string[]) =>
  new StatusError('IO', `the search index could not be built: ${errors.join('; ') || 'unknown error'}`);
