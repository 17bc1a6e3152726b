import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadLocale, siteLocale } from '../../src/view/index.ts';
import { load, miniSiteWith } from '../helpers/site-with.ts';

describe('strings: in the site file', () => {
  it('replaces interface strings of the site’s language, the language’s own before the exact tag’s', () => {
    const { content, problems } = load(miniSiteWith(
      'locale: de-CH\nstrings:\n  de:\n    site: { history: Vergangene Störungen, support: Hilfe }\n  de-CH:\n    site: { support: Hilfe & Kontakt }\n  en:\n    site: { history: Past incidents }\n',
    ));
    assert.deepEqual(problems, []);
    const locale = siteLocale(content!.site);
    assert.equal(locale.messages.site.history, 'Vergangene Störungen');
    assert.equal(locale.messages.site.support, 'Hilfe & Kontakt');
    assert.equal(locale.messages.site.title, loadLocale('de').messages.site.title, 'everything else as in de.json');
    assert.equal(loadLocale('de').messages.site.history, 'Verlauf', 'the loaded file is left as it was');
  });

  it('keeps the locale file’s strings when the site replaces none', () => {
    const { content } = load(miniSiteWith(''));
    assert.deepEqual(siteLocale(content!.site), loadLocale('en'));
  });

  it('refuses an unknown key at its line, with the key it probably meant', () => {
    assert.deepEqual(load(miniSiteWith('strings:\n  en:\n    site:\n      histroy: Past incidents\n    sites: { support: Help }\n    hom: { zzz: x }\n')).problems, [
      'site.yml:18: strings.en.site.histroy is not an interface string — did you mean "site.history"?',
      'site.yml:19: strings.en.sites.support is not an interface string — did you mean "site.support"?',
      'site.yml:20: strings.en.hom.zzz is not an interface string — use a key of locales/en.json, like  site: { history: Past incidents }',
    ]);
  });

  it('refuses a text that leaves out a placeholder or adds one, in every language, not only the site’s', () => {
    assert.deepEqual(load(miniSiteWith('strings:\n  en:\n    site: { title: Our status }\n  fr:\n    home:\n      heading: "Statut de {nom}"\n')).problems, [
      'site.yml:17: strings.en.site.title leaves out {name}, which the page fills in — keep {name} in the text, as in "{name} Status"',
      'site.yml:20: strings.fr.home.heading leaves out {name}, which the page fills in — keep {name} in the text, as in "{name} status"',
    ]);
    assert.deepEqual(load(miniSiteWith('strings:\n  en:\n    site:\n      history: "{name} history"\n      title: "{name} status, {zone}"\n')).problems, [
      'site.yml:18: strings.en.site.history uses {name}, which nothing fills in — remove it: this text has no placeholders',
      'site.yml:19: strings.en.site.title uses {zone}, which nothing fills in — use only {name}',
    ]);
  });

  it('refuses a language without strings, the language section and empty texts', () => {
    assert.deepEqual(load(miniSiteWith('strings:\n  eng:\n    site: { history: x }\n  en:\n    language: { dir: rtl }\n    site: { history: " " }\n')).problems, [
      'site.yml:16: strings.eng: there are no interface strings for the language "eng" — did you mean "en"?',
      'site.yml:19: strings.en.language cannot be replaced: it describes the language file itself — remove it; choose the language with  locale:  in the site file',
      'site.yml:20: strings.en.site.history is empty — write the text, or remove the key to keep the built-in one',
    ]);
  });

  it('says how to nest a replacement written at the wrong depth', () => {
    assert.deepEqual(load(miniSiteWith('strings:\n  en:\n    history: Past incidents\n')).problems, [
      'site.yml:17: strings.en.history must be a map — got "Past incidents" — nest language, section and key, like  strings: { en: { site: { history: Past incidents } } }  (the keys of locales/en.json)',
    ]);
  });
});
