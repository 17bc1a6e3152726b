import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { z } from 'zod';
import { CATALOGUE, FORMATS, PROBLEMS } from '../../src/content/problems/index.ts';
import { parseYaml, schemaProblems } from '../../src/content/yaml-source.ts';
import { corpus, CorpusSite, GENERATED } from '../helpers/bad-corpus.ts';

/*
 * The catalogue (src/content/problems/): one entry per problem, each with a code of its own and a
 * hint, and each given by at least one case: a file of the bad-input corpus (test/fixtures/bad/,
 * or a case the corpus test writes), or, for what no content file can cause (a missing site file,
 * the locale files, warnings that need the time of the check, zod's own wording), a unit test
 * that asserts the entry's code.
 */

const ROOT = path.resolve(import.meta.dirname, '../..');

/** Where each entry is given: a corpus case by name, or a test file (path from the repository root). */
const COVERED: Record<string, string> = {
  /* Reading the file */
  'file-too-large': 'incidents/huge.md (over 1 MB)',
  'binary-file': 'incidents/binary-junk.md',
  'not-utf8': 'incidents/latin1-text.md',
  'empty-file': 'incidents/empty.md',
  'no-front-matter': 'incidents/no-front-matter.md',
  'front-matter-not-closed': 'incidents/front-matter-never-closed.md',
  /* YAML */
  'unclosed-bracket': 'incidents/flow-map-unclosed.md',
  'unclosed-quote': 'incidents/unclosed-quote.md',
  'duplicate-key': 'incidents/duplicate-key.md',
  'tab-indent': 'incidents/tab-indentation.md',
  'value-reads-as-key': 'incidents/colon-in-text.md',
  'multiline-key': 'incidents/key-without-colon.md',
  'bad-indent': 'incidents/components-not-lined-up.md',
  'unknown-tag': 'incidents/custom-tag.md',
  'second-document': 'incidents/yaml-document-end.md',
  'yaml-unreadable': 'incidents/text-after-quote.md',
  'special-character': 'incidents/markdown-bold-unquoted.md',
  'unknown-alias': 'incidents/unknown-alias.md',
  'alias-bomb': 'incidents/alias-bomb.md',
  /* The schema */
  'missing-key': 'incidents/impact-missing.md',
  'file-not-a-map': 'incidents/front-matter-is-a-list.md',
  'states-not-a-map': 'incidents/components-not-a-map.md',
  'strings-not-nested': 'site/strings-not-nested.yml',
  'wrong-type': 'incidents/title-number.md',
  'not-one-of': 'incidents/impact-unknown.md',
  'unknown-key': 'incidents/unknown-key.md',
  'merge-key': 'incidents/merge-key.md',
  'too-few-items': 'incidents/updates-empty.md',
  'number-too-small': 'site/feed-limit-zero.yml',
  'empty-value': 'incidents/title-empty.md',
  'colour-unquoted': 'site/brand-colour-unquoted.yml',
  'id-key': 'incidents/component-id-not-an-id.md',
  'not-valid': 'test/content/problems.test.ts',
  'impossible-time': 'incidents/at-february-30.md',
  'id-format': 'incidents/id-not-an-address.md',
  'time-format': 'incidents/at-not-a-time.md',
  'date-format': 'site/component-start-date-month-13.yml',
  'time-zone': 'site/time-zone-unknown.yml',
  'site-url': 'site/url-not-a-url.yml',
  'support-url': 'site/support-url-not-a-url.yml',
  'colour-format': 'site/brand-colour-named.yml',
  'env-name': 'site/notify-url-env-lowercase.yml',
  'channel-name': 'site/notify-channel-name.yml',
  'email-address': 'site/notify-email-address.yml',
  'mail-or-web-address': 'site/notify-list-unsubscribe.yml',
  /* The site file */
  'site-file-missing': 'test/authoring/check.test.ts',
  'duplicate-site-id': 'site/group-duplicate.yml',
  'unknown-group': 'site/component-group-unknown.yml',
  'unknown-language': 'site/locale-unknown.yml',
  'fixed-section': 'site/strings-language-section.yml',
  'unknown-string': 'site/strings-unknown-key.yml',
  'empty-string': 'site/strings-empty.yml',
  'placeholder-left-out': 'site/strings-placeholder-missing.yml',
  'placeholder-unknown': 'site/strings-placeholder-unknown.yml',
  /* brand: */
  'brand-contrast': 'site/brand-accent-low-contrast.yml',
  'header-text-alone': 'site/brand-header-text-alone.yml',
  'brand-file-missing': 'site/brand-logo-missing.yml',
  'brand-file-folder': 'site/brand-logo-folder.yml',
  'brand-file-outside': 'site/brand-logo-outside.yml',
  'brand-file-type': 'site/brand-logo-gif.yml',
  'brand-file-content': 'site/brand-logo-not-a-png.yml',
  'brand-file-too-large': 'site/brand-logo-too-large.yml',
  'svg-script': 'site/brand-logo-svg-script.yml',
  'css-loads-other': 'site/brand-css-loads-other.yml',
  /* Incident and maintenance files */
  'unknown-component': 'incidents/component-unknown.md',
  'duplicate-id': 'incidents/duplicate-incident-id.md',
  'file-name-not-id': 'incidents/Slow Pages.md',
  'reserved-id': 'maintenance/reserved-id.md',
  'update-not-later': 'incidents/updates-out-of-order.md',
  'update-after-final': 'incidents/update-after-resolved.md',
  'postmortem-without-time': 'incidents/postmortem-without-time.md',
  'postmortem-time-without-text': 'incidents/postmortem-time-without-text.md',
  'window-ends-first': 'maintenance/ends-before-it-starts.md',
  'scheduled-after-start': 'maintenance/scheduled-after-start.md',
  'update-after-window': 'maintenance/update-after-window.md',
  'maintenance-components': 'maintenance/components-wrong-shape.md',
  'components-in-update': 'maintenance/update-component-key.md',
  /* Probe series */
  'probe-line': 'probes/values-wrong.jsonl',
  'probe-file-name': 'test/content/probes.test.ts',
  'firing-not-json': 'test/content/firing.test.ts',
  'probe-kind': 'site/probe-kind-missing.yml',
  'probe-url': 'site/probe-http-not-a-url.yml',
  'host-port': 'site/probe-tcp-no-port.yml',
  /* The notifications config, checked after the content as `npm run check` does */
  'ledger-name-twice': 'site/notify-ledger-name-twice.yml',
  'no-recipients': 'site/notify-no-recipients.yml',
  /* Locale files and check warnings: no content file gives them */
  'locale-key-missing': 'test/view/i18n.test.ts',
  'locale-key-empty': 'test/view/i18n.test.ts',
  'locale-placeholders': 'test/view/i18n.test.ts',
  'locale-key-unknown': 'test/view/i18n.test.ts',
  'locale-format': 'test/view/i18n.test.ts',
  'locale-dir': 'test/view/i18n.test.ts',
  'open-too-long': 'test/authoring/check.test.ts',
  'update-in-future': 'test/authoring/check.test.ts',
  /* Alerts from monitoring: the site file's alerts:, then payloads (test/fixtures/alerts/bad/) */
  'alert-names-not-a-map': 'site/alerts-not-a-map.yml',
  'alert-not-json': 'test/alerts/bad-payloads.test.ts',
  'alert-shape-unknown': 'test/alerts/bad-payloads.test.ts',
  'alert-source-unknown': 'test/alerts/bad-payloads.test.ts',
  'alert-component-unknown': 'test/alerts/bad-payloads.test.ts',
  'alert-time': 'test/alerts/bad-payloads.test.ts',
  /* Incident templates (templates/*.md) and what names one */
  'template-unknown': 'site/alerts-template-missing.yml',
  'template-placeholder-unknown': 'templates/placeholder-misspelt.md',
};

const codes = CATALOGUE.map((e) => e.code);

describe('the catalogue of problems', () => {
  it('gives every entry a code of its own, in kebab case, and names every entry once', () => {
    const twice = codes.filter((code, i) => codes.indexOf(code) !== i);
    assert.deepEqual(twice, [], 'codes used by two entries');
    for (const code of codes) assert.match(code, /^[a-z0-9]+(-[a-z0-9]+)*$/);
    // An entry whose key another area also uses would be hidden from PROBLEMS.
    assert.equal(CATALOGUE.length, Object.keys(PROBLEMS).length + Object.keys(FORMATS).length);
    const hints = Object.values(FORMATS).map((f) => f.hint);
    assert.equal(new Set(hints).size, hints.length, 'each format has a hint of its own: problems find their entry by it');
  });

  it('has a case for every entry, and no case for an entry that is gone', () => {
    assert.deepEqual(codes.filter((code) => !(code in COVERED)), [], 'add a corpus case (test/fixtures/bad/) or a unit test to COVERED');
    assert.deepEqual(Object.keys(COVERED).filter((code) => !codes.includes(code)), []);
  });

  describe('entries given by a unit test', () => {
    for (const [code, where] of Object.entries(COVERED).filter(([, where]) => where.startsWith('test/'))) {
      it(`${code}: ${where} asserts it`, () => {
        const file = path.join(ROOT, where);
        assert.ok(existsSync(file), `${where} does not exist`);
        assert.ok(readFileSync(file, 'utf8').includes(`'${code}'`), `${where} never names '${code}'`);
      });
    }
  });

  describe('entries given by the corpus', () => {
    const cases = new Map([...corpus(), ...GENERATED].map((c) => [c.name, c]));
    let site: CorpusSite;
    before(() => (site = new CorpusSite()));
    after(() => site.remove());
    for (const [code, name] of Object.entries(COVERED).filter(([, where]) => !where.startsWith('test/'))) {
      it(`${code}: ${name} gives it, with a hint`, () => {
        const c = cases.get(name);
        assert.ok(c, `no corpus case ${name}`);
        const problems = site.problemsOf(c).problems;
        for (const p of problems) assert.ok(codes.includes(p.code), `${p.code} is not a catalogue code`);
        const mine = problems.filter((p) => p.code === code);
        assert.ok(mine.length, `${name} gives ${problems.map((p) => p.code).join(', ') || 'no problem'}`);
        for (const p of mine) assert.ok(p.message.trim() && p.hint.trim(), `${name}: ${p.message} — ${p.hint}`);
      });
    }
  });

  it('not-valid: a check without a format of the catalogue keeps zod’s words as the hint', () => {
    const { source, data } = parseYaml('contact: nobody\n', 'x.yml');
    const parsed = z.strictObject({ contact: z.email() }).safeParse(data);
    assert.ok(!parsed.success);
    const [problem, ...rest] = schemaProblems(source, parsed.error.issues, data);
    assert.equal(rest.length, 0);
    assert.deepEqual([problem?.code, problem?.line, problem?.message], ['not-valid', 1, 'contact is not valid: "nobody"']);
    assert.ok(problem?.hint.trim());
  });

  it('finds the entry of a format by the hint its check carries', () => {
    const { source, data } = parseYaml('when: soon\n', 'x.yml');
    const parsed = z.strictObject({ when: z.string().regex(/^\d/, { error: FORMATS.time.hint }) }).safeParse(data);
    assert.ok(!parsed.success);
    assert.deepEqual(schemaProblems(source, parsed.error.issues, data).map((p) => [p.code, p.hint]), [['time-format', FORMATS.time.hint]]);
  });
});
