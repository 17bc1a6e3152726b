import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadContent } from '../../src/content/load.ts';
import { checkNotifications } from '../../src/notify/index.ts';
import { formatProblem, StatusError, type Problem } from '../../src/shared/errors.ts';
import { GOOD_INCIDENT, MINI } from './mini-site.ts';
import { PNG } from './site-with.ts';

/*
 * The bad-input corpus: every file under fixtures/bad/<kind>/ is one broken content file, and
 * `<name>.expected` next to it holds the exact problems it must give (`file:line: message — hint`,
 * one per line, the file named relative to the content folder). Each file is dropped into a copy of
 * the mini site, which is otherwise valid, and checked as `npm run check` does: the content, then
 * the notifications config. Files a site file of the corpus names (brand images, a stylesheet) are
 * in fixtures/bad/files/, copied into the base site.
 */

export const BAD = path.resolve(import.meta.dirname, '../fixtures/bad');

export interface Case {
  name: string;
  /** Where the file goes in the content folder. */
  target: string;
  bytes: Buffer;
  /** The .expected file, for corpus cases. */
  expectedFile?: string;
  expected?: string;
}

/**
 * The corpus on disk: incidents/*.md, maintenance/*.md, templates/*.md, site/*.yml (each used as site.yml) and
 * probes/*.jsonl (each used as the probe series of the component "api", probes/api.jsonl) and
 * alerts/*.json (each used as the firing alerts file, probes/alerts.json).
 */
export function corpus(): Case[] {
  const cases: Case[] = [];
  const targets: Record<string, (name: string) => string> = { site: () => 'site.yml', probes: () => 'probes/api.jsonl', alerts: () => 'probes/alerts.json' };
  for (const kind of ['incidents', 'maintenance', 'site', 'probes', 'alerts', 'templates']) {
    for (const name of readdirSync(path.join(BAD, kind)).filter((f) => !f.endsWith('.expected')).sort()) {
      const file = path.join(BAD, kind, name);
      const expectedFile = `${file}.expected`;
      cases.push({
        name: `${kind}/${name}`,
        target: targets[kind]?.(name) ?? `${kind}/${name}`,
        bytes: readFileSync(file),
        expectedFile,
        expected: existsSync(expectedFile) ? readFileSync(expectedFile, 'utf8') : undefined,
      });
    }
  }
  return cases;
}

/** Cases too big or too odd to commit: written by the test. */
export const GENERATED: Case[] = [
  {
    name: 'incidents/huge.md (over 1 MB)',
    target: 'incidents/huge.md',
    bytes: Buffer.from(`${GOOD_INCIDENT}\n${'A very long postmortem line. '.repeat(40_000)}\n`),
    expected: 'incidents/huge.md:1: the file is 1133 KB, over the 1024 KB limit — shorten it; link to long documents instead\n',
  },
  {
    name: 'site.yml over 1 MB',
    target: 'site.yml',
    bytes: Buffer.from(`${readFileSync(path.join(MINI, 'site.yml'), 'utf8')}description: "${'x'.repeat(1_100_000)}"\n`),
    expected: 'site.yml:1: the file is 1074 KB, over the 1024 KB limit — shorten it; link to long documents instead\n',
  },
];

/** A valid maintenance in the base site, so a second file can collide with its id. */
export const MAINTENANCE = 'maintenance/2026-12-01-db-upgrade.md';
const GOOD_MAINTENANCE = `---
title: Database upgrade
scheduled_for: 2026-12-01 02:00
scheduled_until: 2026-12-01 04:00
components: [web-apps, api]
updates:
  - at: 2026-11-18 10:00
    status: scheduled
    body: We will upgrade the database.
---
Forms submitted meanwhile are queued.
`;

/** The base site in a folder of its own: one corpus file at a time goes in, and is taken out again. */
export class CorpusSite {
  /** The content folder. */
  readonly content: string;
  private readonly pristine = new Map<string, Buffer | undefined>();

  constructor() {
    this.content = path.join(mkdtempSync(path.join(tmpdir(), 'status-corpus-')), 'content');
    cpSync(MINI, this.content, { recursive: true });
    cpSync(path.join(BAD, 'files'), this.content, { recursive: true });
    mkdirSync(path.join(this.content, 'maintenance'));
    writeFileSync(path.join(this.content, MAINTENANCE), GOOD_MAINTENANCE);
    // Too odd to commit: a folder named like an image, and an image over the 256 KB limit.
    mkdirSync(path.join(this.content, 'brand/folder.svg'));
    writeFileSync(path.join(this.content, 'brand/large.png'), Buffer.concat([PNG, Buffer.alloc(300 * 1024)]));
  }

  /** Puts one file into the content folder, remembering what was there so it can be put back. */
  place(target: string, bytes: Buffer): void {
    const file = path.join(this.content, target);
    if (!this.pristine.has(target)) this.pristine.set(target, existsSync(file) ? readFileSync(file) : undefined);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, bytes);
  }

  restore(): void {
    for (const [target, bytes] of this.pristine) {
      const file = path.join(this.content, target);
      if (bytes) writeFileSync(file, bytes);
      else rmSync(file, { force: true });
    }
    this.pristine.clear();
  }

  /** The problems `npm run check` finds, as printed, with paths relative to the content folder. */
  problems(): { text: string; problems: Problem[] } {
    try {
      checkNotifications(loadContent(this.content).site, this.content);
    } catch (error) {
      // Anything but a StatusError would reach the user as a stack trace.
      assert.ok(error instanceof StatusError, `not a StatusError: ${(error as Error)?.stack ?? String(error)}`);
      const prefix = `${path.relative(process.cwd(), this.content)}${path.sep}`;
      const local = (text: string) => text.split(prefix).join('');
      const problems = error.problems.map((p) => ({ ...p, file: local(p.file), message: local(p.message) }));
      return { text: problems.map((p) => `${formatProblem(p)}\n`).join(''), problems };
    }
    return { text: '', problems: [] };
  }

  /** The problems of one case, the base site put back after. */
  problemsOf(c: Case): { text: string; problems: Problem[] } {
    this.place(c.target, c.bytes);
    try {
      return this.problems();
    } finally {
      this.restore();
    }
  }

  remove(): void {
    rmSync(path.dirname(this.content), { recursive: true, force: true });
  }
}
