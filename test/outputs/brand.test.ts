import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { brandAssets, brandCss, brandFiles, headersFor } from '../../src/outputs/index.ts';
import { load, miniSiteWith, PNG, SVG } from '../helpers/site-with.ts';

describe('the brand as output', () => {
  it('writes no CSS and no files for a site without a brand, so its stylesheet is unchanged', () => {
    assert.equal(brandCss({}), '');
    assert.deepEqual(brandAssets({}, undefined), { files: [], links: { logo: undefined, favicon: undefined }, css: '' });
  });

  it('overrides the link colour per theme, for screens only, so print keeps its black links', () => {
    const css = brandCss({ brand: { colors: { accent: '#6b21a8', accent_dark: '#d8b4fe' } } });
    assert.match(css, /@media screen and \(prefers-color-scheme: light\) \{ :root \{ --link: #6b21a8; \} \}/);
    assert.match(css, /@media screen and \(prefers-color-scheme: dark\) \{ :root \{ --link: #d8b4fe; \} \}/);
    assert.match(css, /\.brand \{ color: var\(--link\); \}/, 'the page name in the header takes the accent');
    assert.doesNotMatch(css, /header\.site \{/, 'no header bar unless asked for');
    assert.doesNotMatch(css, /<style|\bstyle=/);
  });

  it('keeps the built-in dark link colour when only the light accent is given', () => {
    const css = brandCss({ brand: { colors: { accent: '#6b21a8' } } });
    assert.doesNotMatch(css, /prefers-color-scheme: dark/);
    assert.doesNotMatch(css, /^:root|\n:root/, 'no --link outside the light-theme rule');
  });

  it('colours the header bar, with white or black text by default', () => {
    assert.match(brandCss({ brand: { colors: { header: '#6b21a8' } } }), /header\.site \{ background: #6b21a8; border-bottom-color: #6b21a8; \} header\.site a, header\.site \.brand span \{ color: #ffffff; \}/);
    assert.match(brandCss({ brand: { colors: { header: '#fde68a' } } }), /header\.site \.brand span \{ color: #000000; \}/);
    assert.match(brandCss({ brand: { colors: { header: '#0b5cad', header_text: '#fff' } } }), /\{ color: #fff; \}/);
  });

  it('sizes the logo and appends the site’s own stylesheet last, so its rules win', () => {
    const css = brandCss({ brand: { logo: 'brand/logo.svg', colors: { accent: '#6b21a8' } } }, '.banner { border-radius: 0 }');
    assert.match(css, /\.brand img \{ height: 2rem;/);
    assert.ok(css.endsWith("/* The site's own stylesheet (brand.css). */\n.banner { border-radius: 0 }\n"), css);
    assert.ok(css.indexOf('--link') < css.indexOf('.banner'));
  });

  it('names the logo and favicon by a hash of their bytes, with their content type', () => {
    const dir = miniSiteWith('brand:\n  logo: brand/Company Logo.SVG\n  favicon: brand/icon.png\n  css: brand/extra.css\n', {
      'brand/Company Logo.SVG': SVG, 'brand/icon.png': PNG, 'brand/extra.css': '\uFEFF.x { color: red }\r\n',
    });
    const { content, problems } = load(dir);
    assert.deepEqual(problems, []);
    const hash = (bytes: string | Buffer) => createHash('sha256').update(bytes).digest('hex').slice(0, 10);
    const files = brandFiles(content!.site, content!.dir);
    assert.deepEqual(files.map((f) => [f.key, f.path, f.type]), [
      ['logo', `assets/logo.${hash(SVG)}.svg`, 'image/svg+xml'],
      ['favicon', `assets/favicon.${hash(PNG)}.png`, 'image/png'],
    ]);
    for (const f of files) assert.equal(headersFor(f.path).cacheControl, 'public, max-age=31536000, immutable');
    const assets = brandAssets(content!.site, content!.dir);
    assert.deepEqual(assets.links, { logo: `/assets/logo.${hash(SVG)}.svg`, favicon: { href: `/assets/favicon.${hash(PNG)}.png`, type: 'image/png' } });
    assert.deepEqual(assets.files.map((f) => f.path), files.map((f) => f.path));
    assert.ok(assets.css.endsWith('\n.x { color: red }\n'), 'without byte-order mark or CR');
  });

  it('refuses to guess where brand files are for content made in memory', () => {
    assert.throws(() => brandFiles({ brand: { logo: 'brand/logo.svg' } }, undefined), /not loaded from a folder/);
  });
});
