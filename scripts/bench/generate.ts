// Deterministic generator of a large, realistic status site for the benchmark.
// Same arguments → same bytes, so every run measures the same work.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DateTime } from 'luxon';
import { prng } from './prng.ts';

export interface GenerateOptions {
  incidents: number;
  groups: number;
  componentsPerGroup: number;
  maintenances: number;
  years: number;
  /** Last day of the generated history (site zone UTC). */
  end: string;
  seed: number;
}

export const BENCH_SITE: GenerateOptions = {
  incidents: 10_000,
  groups: 20,
  componentsPerGroup: 10,
  maintenances: 300,
  years: 10,
  end: '2026-11-20T18:00:00Z',
  seed: 20261125,
};

const REGIONS = ['US East', 'US West', 'Canada', 'Brazil', 'Ireland', 'Frankfurt', 'London', 'Paris', 'Stockholm', 'Mumbai',
  'Singapore', 'Sydney', 'Tokyo', 'Seoul', 'Jakarta', 'Cape Town', 'Bahrain', 'Milan', 'Zurich', 'Osaka'];
const SERVICES = ['Web Dashboard', 'REST API', 'GraphQL API', 'Webhooks', 'Authentication', 'File Storage', 'Search',
  'Notifications', 'Billing', 'Data Export'];
const PROBLEMS = ['elevated error rates', 'increased latency', 'failed logins', 'delayed processing', 'timeouts',
  'degraded performance', 'partial unavailability', 'stale data', 'failed uploads', 'delayed emails'];
const CAUSES = ['a failed database failover', 'an expired certificate on an internal load balancer', 'a configuration change that was rolled out too widely',
  'a saturated message queue', 'an upstream provider outage', 'a faulty deploy', 'a DNS resolution problem', 'disk exhaustion on a storage node',
  'a memory leak in a worker process', 'a network partition between two availability zones'];
const SENTENCES = [
  'We are continuing to investigate and will post another update within 30 minutes.',
  'Customers may see errors or slow responses while we work on this.',
  'Requests that failed can be retried safely; no data has been lost.',
  'Our engineers have been paged and are working with the highest priority.',
  'We apologise for the disruption and thank you for your patience.',
  'The queue of delayed jobs is draining and should be empty within the hour.',
  'Error rates have returned to normal levels and we are watching closely.',
  'See the [runbook](https://example.com/runbook) for what to do if you are still affected.',
];
const STATES = ['degraded_performance', 'partial_outage', 'major_outage'] as const;

const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
const stampOf = (ms: number) => DateTime.fromMillis(ms, { zone: 'UTC' }).toFormat("yyyy-MM-dd'T'HH:mm:ss'Z'");

/** Writes site.yml, incidents/ and maintenance/ under `dir`; returns counts. */
export function generateSite(dir: string, options: GenerateOptions = BENCH_SITE) {
  const r = prng(options.seed);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.join(dir, 'incidents'), { recursive: true });
  mkdirSync(path.join(dir, 'maintenance'), { recursive: true });

  const end = DateTime.fromISO(options.end, { zone: 'UTC' });
  const start = end.minus({ years: options.years });
  const groups = REGIONS.slice(0, options.groups).map((name, g) => ({ id: `g${g + 1}-${slug(name)}`, name }));
  const components = groups.flatMap((g, gi) =>
    SERVICES.slice(0, options.componentsPerGroup).map((s, ci) => ({ id: `${g.id}-${slug(s)}`, name: `${s} (${g.name})`, group: g.id, order: ci + 1, gi })),
  );
  const site = [
    'name: Bench Cloud', 'url: https://status.bench.example/', 'time_zone: Etc/UTC', 'locale: en',
    'description: A generated site for the benchmark.', 'groups:',
    ...groups.flatMap((g, i) => [`  - id: ${g.id}`, `    name: ${g.name}`, `    order: ${i + 1}`]),
    'components:',
    ...components.flatMap((c) => [`  - id: ${c.id}`, `    name: ${c.name}`, `    group: ${c.group}`, `    order: ${c.order}`, `    start_date: ${start.toISODate()}`]),
  ].join('\n');
  writeFileSync(path.join(dir, 'site.yml'), `${site}\n`);

  const span = end.toMillis() - start.toMillis();
  let updates = 0;
  const used = new Set<string>();
  for (let n = 0; n < options.incidents; n++) {
    // Spread evenly with jitter, so starts are increasing and ids unique.
    const opened = start.toMillis() + Math.floor(((n + r.next()) / options.incidents) * span);
    const group = r.int(0, groups.length - 1);
    const affected = Array.from({ length: r.int(1, 3) }, () => components[group * options.componentsPerGroup + r.int(0, options.componentsPerGroup - 1)]!);
    const problem = r.pick(PROBLEMS);
    const title = `${affected[0]!.name.split(' (')[0]} ${problem} in ${groups[group]!.name}`;
    const impact = r.pick(['minor', 'minor', 'major', 'major', 'critical', 'none'] as const);
    const count = r.int(3, 9);
    const stillOpen = n >= options.incidents - 2;
    const statuses = ['investigating', ...Array.from({ length: count - 2 }, (_, i) => (i < (count - 2) / 2 ? 'identified' : 'monitoring')), stillOpen ? 'monitoring' : 'resolved'];
    let at = opened;
    const items = statuses.map((status) => {
      const item = { at, status, body: [`We are seeing ${problem} for ${affected.map((a) => a.name).join(', ')}.`, r.pick(SENTENCES), r.pick(SENTENCES), r.pick(SENTENCES)].join(' ') };
      at += r.int(5, n % 97 === 0 ? 1440 : 90) * 60_000;
      return item;
    });
    updates += items.length;
    const hasPostmortem = n % 10 === 0 && !stillOpen;
    const id = `${DateTime.fromMillis(opened, { zone: 'UTC' }).toISODate()}-${slug(title)}`;
    const fileId = used.has(id) ? `${id}-${n}` : id;
    used.add(fileId);
    const front = [
      '---', `title: ${title}`, `impact: ${impact}`, 'components:',
      ...[...new Set(affected.map((a) => a.id))].map((c) => `  ${c}: ${r.pick(STATES)}`),
      ...(hasPostmortem ? [`postmortem_at: "${stampOf(at + 3 * 86_400_000)}"`] : []),
      'updates:',
      ...items.reverse().flatMap((u) => [`  - at: "${stampOf(u.at)}"`, `    status: ${u.status}`, `    body: |`, `      ${u.body}`, `      `, `      ${r.pick(SENTENCES)} ${r.pick(SENTENCES)}`, '']),
      '---',
    ];
    const postmortem = hasPostmortem
      ? ['## Overview', '', `On ${DateTime.fromMillis(opened, { zone: 'UTC' }).toFormat('LLLL d, yyyy')} customers saw ${problem}.`, '', '## Root cause', '',
          `The incident was caused by ${r.pick(CAUSES)}. ${r.pick(SENTENCES)}`, '', '## Next steps', '', '- Add an alert on the symptom we saw first.', '- Practise the failover quarterly.', '- Review the change process for this system.', '']
      : [];
    writeFileSync(path.join(dir, 'incidents', `${fileId}.md`), [...front, ...postmortem].join('\n') + '\n');
  }

  for (let n = 0; n < options.maintenances; n++) {
    const from = start.toMillis() + Math.floor(((n + r.next()) / options.maintenances) * (span + 30 * 86_400_000));
    const group = r.int(0, groups.length - 1);
    const title = `Planned ${r.pick(['database upgrade', 'network maintenance', 'storage migration', 'certificate rotation'])} in ${groups[group]!.name}`;
    const text = [
      '---', `title: ${title}`, `scheduled_for: "${stampOf(from)}"`, `scheduled_until: "${stampOf(from + r.int(1, 6) * 3_600_000)}"`,
      'components:', ...[...new Set([r.int(0, 9), r.int(0, 9)])].map((c) => `  - ${components[group * options.componentsPerGroup + c]!.id}`), '---',
      '', `We will carry out ${title.toLowerCase()}. ${r.pick(SENTENCES)}`, '',
    ];
    writeFileSync(path.join(dir, 'maintenance', `${DateTime.fromMillis(from, { zone: 'UTC' }).toISODate()}-maintenance-${n + 1}.md`), text.join('\n'));
  }
  return { incidents: options.incidents, updates, components: components.length, groups: groups.length, maintenances: options.maintenances };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = process.argv[2] ?? '.bench/content';
  console.log(generateSite(dir));
}
