// The baselines the benchmark compares against, built from the same incident Markdown:
// Hugo with a one-template site, and a bare Eleventy site with one layout.
import { createRequire } from 'node:module';
import { cpSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const require = createRequire(import.meta.url);

/** A Hugo site whose single template prints the title, every update body and the postmortem. */
export function writeHugoSite(content: string, dir: string) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.join(dir, 'layouts/_default'), { recursive: true });
  cpSync(path.join(content, 'incidents'), path.join(dir, 'content/incidents'), { recursive: true });
  writeFileSync(
    path.join(dir, 'hugo.toml'),
    'baseURL = "https://status.bench.example/"\ntitle = "Bench"\ndisableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]\n',
  );
  writeFileSync(
    path.join(dir, 'layouts/_default/single.html'),
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title></head><body><main><h1>{{ .Title }}</h1>' +
      '{{ .Content }}{{ range .Params.updates }}<section><h2>{{ .status }}</h2>{{ .body | markdownify }}<p>{{ .at }}</p></section>{{ end }}</main></body></html>\n',
  );
  writeFileSync(path.join(dir, 'layouts/_default/list.html'), '<!doctype html><title>{{ .Title }}</title>{{ range .Pages }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}\n');
}

/** A bare Eleventy site: the incident files as Markdown templates, one Nunjucks layout. */
export function writeEleventySite(content: string, dir: string) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.join(dir, '_includes'), { recursive: true });
  cpSync(path.join(content, 'incidents'), path.join(dir, 'incidents'), { recursive: true });
  writeFileSync(path.join(dir, 'incidents/incidents.json'), JSON.stringify({ layout: 'page.njk' }));
  writeFileSync(
    path.join(dir, '_includes/page.njk'),
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{{ title }}</title></head><body><main><h1>{{ title }}</h1>' +
      '{{ content | safe }}{% for u in updates %}<section><h2>{{ u.status }}</h2>{{ u.body | md | safe }}<p>{{ u.at }}</p></section>{% endfor %}</main></body></html>\n',
  );
  writeFileSync(
    path.join(dir, 'eleventy.config.cjs'),
    `const md = require(${JSON.stringify(require.resolve('markdown-it'))})();\n` +
      // The bench folder is git-ignored, and Eleventy skips git-ignored files unless told not to.
      'module.exports = (c) => { c.setUseGitIgnore(false); c.addFilter("md", (s) => md.render(String(s ?? ""))); return { templateFormats: ["md"], markdownTemplateEngine: false }; };\n',
  );
  return readdirSync(path.join(dir, 'incidents')).length;
}
