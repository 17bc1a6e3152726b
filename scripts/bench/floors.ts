// Parts of our build that no cache or code change here can make faster, measured on their own so
// the bench shows what the targets are up against. Prints one JSON line:
//   startup: seconds to start Node with tsx and load Eleventy and the build's modules (every build
//            pays it, warm or cold);
//   search:  seconds Pagefind takes to index every incident (the cold build's search index, which
//            runs in its own process beside the rest of the build).
// Usage: tsx scripts/bench/floors.ts <content dir> <scratch dir> <now>
import { rmSync } from 'node:fs';
import path from 'node:path';

const [content, scratch, now] = process.argv.slice(2);
if (!content || !scratch || !now) throw new Error('usage: floors.ts <content dir> <scratch dir> <now>');

await import('@11ty/eleventy');
const { loadContent } = await import('../../src/content/index.ts');
const { buildModel } = await import('../../src/build/index.ts');
const { buildSearchIndex, closeSearch, searchShards } = await import('../../src/outputs/index.ts');
const { searchablePages } = await import('../../src/view/index.ts');
// From the process's start: Node itself, tsx and the modules.
const startup = process.uptime();

const { view } = buildModel(loadContent(content), Date.parse(now));
const shards = searchShards(searchablePages(view), view.t.incident, view.meta.locale).map((s) => ({ id: s.id, records: s.records() }));
rmSync(scratch, { recursive: true, force: true });
const indexing = performance.now();
await Promise.all(shards.map((s) => buildSearchIndex(path.join(scratch, s.id), s.records, view.meta.locale)));
const search = (performance.now() - indexing) / 1000;
await closeSearch();
rmSync(scratch, { recursive: true, force: true });
console.log(JSON.stringify({ startup, search }));
