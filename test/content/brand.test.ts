import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { THEME } from '../../src/content/index.ts';
import { contrast } from '../../src/shared/colour.ts';
import { load, miniSiteWith, PNG, SVG } from '../helpers/site-with.ts';

const colours = (lines: string) => `brand:\n  colors:\n${lines}`;

describe('brand: in the site file', () => {
  it('accepts a logo, a favicon, a stylesheet and colours that are readable where they are shown', () => {
    const dir = miniSiteWith(
      'brand:\n  logo: brand/logo.svg\n  favicon: brand/icon.png\n  css: brand/extra.css\n  colors:\n    accent: "#6b21a8"\n    accent_dark: "#d8b4fe"\n    header: "#6b21a8"\n    header_text: "#fff"\n',
      { 'brand/logo.svg': SVG, 'brand/icon.png': PNG, 'brand/extra.css': '.banner { border-radius: 0; background-image: url("data:image/png;base64,AAAA"); }\n' },
    );
    const { content, problems } = load(dir);
    assert.deepEqual(problems, []);
    assert.deepEqual(content?.site.brand?.colors, { accent: '#6b21a8', accent_dark: '#d8b4fe', header: '#6b21a8', header_text: '#fff' });
    assert.equal(content?.dir, dir);
  });

  it('refuses a colour below 4.5:1 at its line, suggesting the nearest one that passes', () => {
    const { problems } = load(miniSiteWith(colours('    accent: "#7dd3fc"\n    accent_dark: "#3b0764"\n')));
    assert.deepEqual(problems, [
      'site.yml:17: brand.colors.accent: #7dd3fc on the white page background has contrast 1.6:1; WCAG AA needs 4.5:1 — use a darker colour such as #0477ae',
      "site.yml:18: brand.colors.accent_dark: #3b0764 on the dark theme's page background (#0f1216) has contrast 1.2:1; WCAG AA needs 4.5:1 — use a lighter colour such as #af58f3",
    ]);
    assert.ok(contrast('#0477ae', THEME.light.bg) >= 4.5 && contrast('#0477ae', THEME.light.card) >= 4.5);
    assert.ok(contrast('#af58f3', THEME.dark.bg) >= 4.5 && contrast('#af58f3', THEME.dark.card) >= 4.5);
  });

  it('reads links against the grey incident boxes too, where a colour just passing on white fails', () => {
    // #757575 has 4.6:1 on white and 4.3:1 on #f6f8fa.
    const { problems } = load(miniSiteWith(colours('    accent: "#757575"\n')));
    assert.equal(problems.length, 1);
    assert.match(problems[0]!, /^site\.yml:17: brand\.colors\.accent: #757575 on the light grey background \(#f6f8fa\) of incident and maintenance boxes has contrast 4\.3:1; WCAG AA needs 4\.5:1 — use a darker colour such as #[0-9a-f]{6}$/);
  });

  it('checks the header bar text against the bar, and refuses text for a bar that is not there', () => {
    assert.deepEqual(load(miniSiteWith(colours('    header: "#6b21a8"\n    header_text: "#555"\n'))).problems, [
      'site.yml:18: brand.colors.header_text: #555 on the header bar (#6b21a8) has contrast 1.1:1; WCAG AA needs 4.5:1 — use a lighter colour such as #bbbbbb',
    ]);
    assert.deepEqual(load(miniSiteWith(colours('    header: "#fde68a"\n    header_text: "#a3a3a3"\n'))).problems.map((p) => p.replace(/#[0-9a-f]{6}$/, '#…')), [
      'site.yml:18: brand.colors.header_text: #a3a3a3 on the header bar (#fde68a) has contrast 2.0:1; WCAG AA needs 4.5:1 — use a darker colour such as #…',
    ]);
    assert.deepEqual(load(miniSiteWith(colours('    header_text: "#ffffff"\n'))).problems, [
      'site.yml:17: brand.colors.header_text is set, but there is no header bar (brand.colors.header) — add  header: "#…"  for the bar\'s background, or remove header_text',
    ]);
    assert.deepEqual(load(miniSiteWith(colours('    header: "#6b21a8"\n'))).problems, [], 'the text colour defaults to white or black');
  });

  it('says what to write for a colour that is not #rgb or #rrggbb, or left unquoted', () => {
    assert.deepEqual(load(miniSiteWith(colours('    accent: purple\n    header: #6b21a8\n'))).problems, [
      'site.yml:17: brand.colors.accent is not valid: "purple" — write a colour as #rgb or #rrggbb, in quotes, like  accent: "#6b21a8"',
      'site.yml:18: brand.colors.header is empty — put the colour in quotes, like  header: "#6b21a8"  (unquoted, # starts a comment)',
    ]);
  });

  it('names a missing, misplaced or mistyped file at the line of its key', () => {
    const { problems } = load(miniSiteWith(
      'brand:\n  logo: brand/logo.svg\n  favicon: ../icon.png\n  css: brand/extra.scss\n',
    ));
    assert.deepEqual(problems, [
      'site.yml:16: brand.logo names brand/logo.svg, which does not exist — add the file or remove the key',
      'site.yml:17: brand.favicon names ../icon.png, which is outside the content folder — put the file in the content folder and name it from there, like brand/logo.svg',
      'site.yml:18: brand.css names brand/extra.scss: the file must be .css — name a .css file',
    ]);
  });

  it('refuses an image that is not what its name says, or an SVG with a script', () => {
    const { problems } = load(miniSiteWith('brand:\n  logo: brand/logo.png\n  favicon: brand/icon.svg\n', {
      'brand/logo.png': SVG,
      'brand/icon.svg': '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>',
    }));
    assert.deepEqual(problems, [
      'site.yml:16: brand.logo names brand/logo.png, which does not hold a PNG image — save it as a PNG, or name it with the extension of its format',
      "site.yml:17: brand.favicon names brand/icon.svg, which holds a script (a <script> element, an on… attribute or a javascript: link) — remove it: an image needs no script, and the page's security policy blocks it",
    ]);
  });

  it('refuses a stylesheet that loads anything, at the stylesheet’s own line', () => {
    const css = '/* url(https://example.com/in-a-comment.png) is fine */\n@import url("https://fonts.example.com/a.css");\n.brand { background: url(../logo.png); }\n';
    const { problems } = load(miniSiteWith('brand:\n  css: brand/extra.css\n', { 'brand/extra.css': css }));
    const hint = 'pages load nothing from other addresses: paste the rules here, use a data: URL, or brand.logo for the logo';
    assert.deepEqual(problems, [
      `brand/extra.css:2: this line loads another stylesheet (@import) — ${hint}`,
      `brand/extra.css:2: this line loads "https://fonts.example.com/a.css" — ${hint}`,
      `brand/extra.css:3: this line loads "../logo.png" — ${hint}`,
    ]);
  });

  it('knows the colours of style.css that brand colours replace and are read against', () => {
    const css = readFileSync(path.resolve(import.meta.dirname, '../../layouts/assets/style.css'), 'utf8');
    const [light = '', dark = ''] = [/^:root \{([^}]*)\}/m.exec(css)?.[1], /@media \(prefers-color-scheme: dark\) \{\s*:root \{([^}]*)\}/.exec(css)?.[1]];
    const variable = (block: string, name: string) => new RegExp(`--${name}: (#[0-9a-f]{3,6});`).exec(block)?.[1];
    for (const [theme, block] of [['light', light], ['dark', dark]] as const) {
      for (const name of ['bg', 'card', 'link'] as const) assert.equal(variable(block, name), THEME[theme][name], `--${name} in the ${theme} theme`);
    }
  });
});
