// `npm run bench`: builds a generated 10,000-incident site and compares it, in the same run on the
// same machine, with Hugo and a bare Eleventy build of the same Markdown. Never part of `npm test`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { writeEleventySite, writeHugoSite } from './bench/baselines.ts';
import { openIncident, withNewUpdate } from './bench/edit.ts';
import { BENCH_SITE, generateSite } from './bench/generate.ts';
import { latencyTable, siteLatency, withS3Server } from './bench/latency.ts';
import { flag } from './cli.ts';

const HELP = `Usage: npm run bench -- [--runs N] [--incidents N] [--out <file.json>]
       npm run bench -- --latency [--incidents N] [--out <file.json>]

Generates a deterministic site (10,000 incidents, ~60,000 updates, 200 components, 300 maintenances),
then measures, each figure the median of --runs runs (default 3):
  our cold build, Hugo and bare Eleventy on the same Markdown (wall time, peak RSS, ratios),
  warm rebuilds after one new update and after one new incident (ratios to Hugo's cold build),
  output size and file counts, and two floors no build goes below: starting Node with the
  build's modules, and Pagefind indexing every incident on its own.
Results are printed and written to --out (default .bench/results.json).
Hugo comes from the Debian package: apt-get install hugo. Peak RSS needs GNU time (/usr/bin/time).

--latency measures publishing one new update instead, on a clean clone of this checkout's HEAD
(commit first): npm ci --omit=dev, npm run check, npm run build with the build cache of a previous
build, npm run deploy to a bucket holding the previous deploy (s3rver on 127.0.0.1). For the sample
site, then for the generated site (--incidents, default 10,000; 0 skips it). Expects a warm npm
cache (this checkout installed). Results go to --out (default .bench/latency.json).`;

const argv = process.argv.slice(2);
if (argv.includes('--help') || argv.includes('-h')) {
  console.log(HELP);
  process.exit(0);
}
const RUNS = Number(flag(argv, 'runs') ?? 3);
const WORK = path.resolve('.bench');
if (argv.includes('--latency')) {
  const work = path.join(WORK, 'latency');
  const incidents = Number(flag(argv, 'incidents') ?? BENCH_SITE.incidents);
  const results = await withS3Server(work, async (endpoint) => [
    await siteLatency(process.cwd(), work, endpoint, 'sample'),
    ...(incidents > 0 ? [await siteLatency(process.cwd(), work, endpoint, 'generated', incidents)] : []),
  ]);
  const file = path.resolve(flag(argv, 'out') ?? path.join(WORK, 'latency.json'));
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`${latencyTable(results)}\nResults written to ${path.relative(process.cwd(), file)}`);
  process.exit(0);
}
const CONTENT = path.join(WORK, 'content');
const NOW = '2026-11-21T00:00:00Z';
const resultsFile = path.resolve(flag(argv, 'out') ?? path.join(WORK, 'results.json'));
const GNU_TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
const HUGO = spawnSync('hugo', ['version'], { encoding: 'utf8' }).status === 0 ? 'hugo' : undefined;

interface Measure {
  seconds: number;
  peakMB: number | null;
}

/** Runs a command once; wall time from here, peak RSS from GNU time when present. */
function measure(command: string, args: string[], env: NodeJS.ProcessEnv = {}): Measure {
  const rss = path.join(WORK, 'rss.txt');
  const [cmd, cmdArgs] = GNU_TIME ? [GNU_TIME, ['-f', '%M', '-o', rss, command, ...args]] : [command, args];
  const started = performance.now();
  const result = spawnSync(cmd, cmdArgs, { encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 });
  const seconds = (performance.now() - started) / 1000;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${result.stderr.slice(-2000)}`);
  const peakMB = GNU_TIME ? Number(readFileSync(rss, 'utf8').trim().split('\n').at(-1)) / 1024 : null;
  return { seconds, peakMB };
}

function median(runs: Measure[]): Measure {
  const mid = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const peaks = runs.map((r) => r.peakMB).filter((x): x is number => x !== null);
  return { seconds: mid(runs.map((r) => r.seconds)), peakMB: peaks.length ? mid(peaks) : null };
}

function repeat(label: string, before: () => void, run: () => Measure): Measure {
  const runs: Measure[] = [];
  for (let i = 0; i < RUNS; i++) {
    before();
    // Each run starts with the disk quiet: otherwise the last run's 400 MB are still being
    // flushed during this one, and timings of the same build moved by a third.
    spawnSync('sync');
    runs.push(run());
    process.stderr.write(`  ${label} run ${i + 1}/${RUNS}: ${runs.at(-1)!.seconds.toFixed(2)} s\n`);
  }
  return median(runs);
}

const ours = (out: string, extra: NodeJS.ProcessEnv = {}) =>
  measure(process.execPath, ['scripts/markdown-status.js', 'build', '--content', CONTENT, '--out', out, '--now', NOW], extra);

function folderStats(dir: string) {
  let bytes = 0;
  let files = 0;
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    files++;
    bytes += statSync(path.join(e.parentPath, e.name)).size;
  }
  return { bytes, files };
}

const size = (file: string) => (existsSync(file) ? statSync(file).size : null);

// ---- run ----
mkdirSync(WORK, { recursive: true });
const options = { ...BENCH_SITE, incidents: Number(flag(argv, 'incidents') ?? BENCH_SITE.incidents) };
process.stderr.write(`Generating ${options.incidents} incidents into ${path.relative(process.cwd(), CONTENT)}…\n`);
const generated = generateSite(CONTENT, options);
const out = path.join(WORK, 'site');
const cache = path.join(WORK, 'cache');
const env = { STATUS_CACHE: cache };
// The output goes too, as on a fresh checkout: a build over an old output deletes it in the
// background after swapping in the new one, which would slow the next run down.
const clean = () => {
  rmSync(cache, { recursive: true, force: true });
  rmSync(out, { recursive: true, force: true });
};

process.stderr.write('Our cold build:\n');
const cold = repeat('ours (cold)', clean, () => ours(out));

let hugo: Measure | undefined;
if (HUGO) {
  const dir = path.join(WORK, 'hugo');
  writeHugoSite(CONTENT, dir);
  process.stderr.write('Hugo:\n');
  hugo = repeat('hugo', () => rmSync(path.join(dir, 'public'), { recursive: true, force: true }), () =>
    measure('hugo', ['--source', dir, '--quiet', '--destination', path.join(dir, 'public')]),
  );
} else {
  process.stderr.write('hugo is not installed: skipping the Hugo baseline (apt-get install hugo)\n');
}

const eleventyDir = path.join(WORK, 'eleventy');
writeEleventySite(CONTENT, eleventyDir);
process.stderr.write('Bare Eleventy:\n');
const eleventyOut = path.join(WORK, 'eleventy-out');
const eleventy = repeat('eleventy', () => rmSync(eleventyOut, { recursive: true, force: true }), () =>
  measure(process.execPath, [
    'node_modules/@11ty/eleventy/cmd.cjs', `--input=${eleventyDir}`, `--output=${eleventyOut}`,
    `--config=${path.join(eleventyDir, 'eleventy.config.cjs')}`, '--quiet',
  ]),
);
const eleventyPages = folderStats(eleventyOut).files;
if (eleventyPages < generated.incidents) throw new Error(`bare Eleventy wrote ${eleventyPages} files, expected ${generated.incidents}`);

// Warm rebuilds: the cache from a full build is kept, then one file changes.
const incidentsDir = path.join(CONTENT, 'incidents');
const target = openIncident(CONTENT);
const original = readFileSync(target, 'utf8');
process.stderr.write('Warm rebuild after one new update:\n');
clean();
ours(out, env); // fills the cache
let text = original;
const warmUpdate = repeat('warm (one update)', () => {
  text = withNewUpdate(text);
  writeFileSync(target, text);
}, () => ours(out, env));
writeFileSync(target, original);
process.stderr.write('Warm rebuild after one new incident:\n');
const added = path.join(incidentsDir, '2026-11-20-bench-added-incident.md');
const warmAdd = repeat('warm (one incident)', () => {
  rmSync(added, { force: true });
  ours(out, env);
  writeFileSync(added, '---\ntitle: Added for the benchmark\nimpact: minor\nupdates:\n  - at: "2026-11-20T20:00:00Z"\n    status: investigating\n    body: Added.\n---\n');
}, () => ours(out, env));
rmSync(added, { force: true });

// What no build of ours can go below: starting up, and Pagefind indexing every incident.
process.stderr.write('Floors (startup, search index alone):\n');
const floorRuns: { startup: number; search: number }[] = [];
for (let i = 0; i < RUNS; i++) {
  spawnSync('sync');
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/bench/floors.ts', CONTENT, path.join(WORK, 'floors'), NOW], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`the floors script failed:\n${run.stderr.slice(-2000)}`);
  floorRuns.push(JSON.parse(run.stdout.trim().split('\n').at(-1)!));
  process.stderr.write(`  floors run ${i + 1}/${RUNS}: startup ${floorRuns.at(-1)!.startup.toFixed(2)} s, search ${floorRuns.at(-1)!.search.toFixed(2)} s\n`);
}
const middle = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const floors = { startupSeconds: middle(floorRuns.map((f) => f.startup)), searchSeconds: middle(floorRuns.map((f) => f.search)) };

const output = folderStats(out);
const results = {
  machine: { cores: (await import('node:os')).availableParallelism(), node: process.version },
  site: generated,
  runs: RUNS,
  ours: { cold },
  hugo: hugo ?? null,
  eleventy,
  ratios: {
    coldVsHugo: hugo ? cold.seconds / hugo.seconds : null,
    coldVsEleventy: cold.seconds / eleventy.seconds,
    warmUpdateVsHugoCold: hugo ? warmUpdate.seconds / hugo.seconds : null,
    warmAddVsHugoCold: hugo ? warmAdd.seconds / hugo.seconds : null,
  },
  warm: { oneUpdate: warmUpdate, oneIncident: warmAdd },
  floors: {
    ...floors,
    startupVsHugo: hugo ? floors.startupSeconds / hugo.seconds : null,
    searchVsHugo: hugo ? floors.searchSeconds / hugo.seconds : null,
  },
  output: {
    ...output,
    indexHtml: size(path.join(out, 'index.html')),
    historyAtom: size(path.join(out, 'history.atom')),
    summaryJson: size(path.join(out, 'api/v2/summary.json')),
  },
};
writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`);

const fmt = (m: Measure | undefined | null) => (m ? `${m.seconds.toFixed(2)} s  ${m.peakMB === null ? '   – ' : `${m.peakMB.toFixed(0)} MB`}` : 'not measured');
const ratio = (x: number | null) => (x === null ? 'n/a (no hugo)' : `${x.toFixed(2)}×`);
const table = [
  `Site: ${generated.incidents} incidents, ${generated.updates} updates, ${generated.components} components, ${generated.maintenances} maintenances; median of ${RUNS}`,
  '',
  `  our cold build          ${fmt(cold)}`,
  `  Hugo (one template)     ${fmt(hugo)}`,
  `  bare Eleventy           ${fmt(eleventy)}`,
  `  ours / Hugo             ${ratio(results.ratios.coldVsHugo)}`,
  `  ours / Eleventy         ${ratio(results.ratios.coldVsEleventy)}`,
  `  warm, one new update    ${fmt(warmUpdate)}   (${ratio(results.ratios.warmUpdateVsHugoCold)} Hugo cold)`,
  `  warm, one new incident  ${fmt(warmAdd)}   (${ratio(results.ratios.warmAddVsHugoCold)} Hugo cold)`,
  `  floor: startup          ${floors.startupSeconds.toFixed(2)} s   (${ratio(results.floors.startupVsHugo)} Hugo cold)`,
  `  floor: search index     ${floors.searchSeconds.toFixed(2)} s   (${ratio(results.floors.searchVsHugo)} Hugo cold)`,
  `  output                  ${(output.bytes / 1e6).toFixed(1)} MB in ${output.files} files`,
  `  index.html ${results.output.indexHtml} B · history.atom ${results.output.historyAtom ?? '–'} B · api/v2/summary.json ${results.output.summaryJson ?? '–'} B`,
  '',
  `Results written to ${path.relative(process.cwd(), resultsFile)}`,
].join('\n');
console.log(table);
