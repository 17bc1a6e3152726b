import path from 'node:path';
import nunjucks from 'nunjucks';
import { keyOf } from './input-key.ts';
import type { KeyedFile } from './outputs.ts';
import type { IncidentPage, SiteView } from './view.ts';

/**
 * Renders the incident pages — one per incident, so 10,000 on a large site — straight from the
 * Nunjucks templates Eleventy uses, with Eleventy's own `url` filter. Eleventy's per-page
 * pipeline (data cascade, permalinks, layout chain) cost more than everything else in the build
 * put together; the templates and the HTML they produce stay the same.
 */
export interface PageRenderer {
  /** Rendered one at a time as they are written, so 10,000 pages are never all in memory. */
  incidentPages(): Iterable<KeyedFile>;
}

export interface RenderOptions {
  layoutsDir: string;
  /** Global data, as Eleventy gives it to every template (`status`, `assets`). */
  globals: Record<string, unknown> & { status: SiteView };
  filters: Record<string, (...args: never[]) => unknown>;
}

export function pageRenderer({ layoutsDir, globals, filters }: RenderOptions): PageRenderer {
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader([path.join(layoutsDir, '_includes'), layoutsDir]), {
    autoescape: true,
  });
  for (const [name, filter] of Object.entries(filters)) env.addFilter(name, filter as (...args: unknown[]) => unknown);
  const body = env.getTemplate('incident-page.njk', true);
  const base = env.getTemplate('base.njk', true);
  // What the incident page and its layout read besides the incident (see incident-page.njk and
  // base.njk): an incident page's key is this and the incident's own view. The build time is left
  // out, since these pages do not show it.
  const { client, feeds, meta, t } = globals.status;
  let shared: string | undefined;
  const sharedKey = () => (shared ??= keyOf({ ...globals, status: { client, feeds, t, meta: { ...meta, generated: undefined } } }));
  return {
    *incidentPages() {
      for (const incident of globals.status.incidents) {
        const url = `/incidents/${incident.id}/`;
        const make = () => {
          const data = {
            ...globals,
            incident,
            page: { url },
            title: incident.title,
            description: incident.description,
            ogType: 'article',
            timeless: true,
            published: incident.started.iso,
            modified: incident.updated.iso,
          };
          const content = body.render(data);
          return base.render({ ...data, content });
        };
        yield { path: `${url.slice(1)}index.html`, key: () => keyOf(sharedKey(), incident), make };
      }
    },
  };
}
