import { keyOf } from '../shared/input-key.ts';
import type { KeyedFile } from '../outputs/index.ts';
import { incidentUrl, type SiteView } from '../view/index.ts';
import { templateEnvironment } from './templates.ts';

/**
 * Renders the pages there are many of — one per incident (10,000 on a large site), one per
 * maintenance, one per component and one per page of history — straight from the Nunjucks templates in
 * `layouts/_includes/` with the layout Eleventy uses and Eleventy's own `url` filter. Eleventy's
 * per-page pipeline (data cascade, permalinks, layout chain) cost more than everything else in the
 * build put together; Eleventy renders the few other pages (home, group pages, 404, sitemap).
 */
export interface PageRenderer {
  /** Rendered one at a time as they are written, so 10,000 pages are never all in memory. */
  pages(): Iterable<KeyedFile>;
}

export interface RenderOptions {
  /** The site's template overrides, searched before the generator's templates. */
  overridesDir?: string;
  /** Global data, as Eleventy gives it to every template (`status`, `assets`). */
  globals: Record<string, unknown> & { status: SiteView };
  filters: Record<string, (...args: never[]) => unknown>;
}

/** One kind of page: its template, the items it is made from, and each page's own data. */
interface PageKind<T> {
  template: string;
  items: T[];
  /** A short stand-in for the item in its key, when one is known (see incidentSourceKey). */
  itemKey?: (item: T) => string | undefined;
  url: (item: T) => string;
  data: (item: T) => Record<string, unknown>;
  /** Whether the page leaves out the build time (see base.njk). */
  timeless: boolean;
}

export function pageRenderer({ overridesDir, globals, filters }: RenderOptions): PageRenderer {
  const env = templateEnvironment(overridesDir);
  for (const [name, filter] of Object.entries(filters)) env.addFilter(name, filter as (...args: unknown[]) => unknown);
  const base = env.getTemplate('base.njk', true);
  const { status } = globals;

  const kinds = [
    kind({
      template: 'incident-page.njk',
      items: status.incidents,
      url: (incident) => incidentUrl(incident.id),
      itemKey: (incident) => incident.sourceKey,
      timeless: true,
      data: (incident) => ({
        incident,
        title: incident.title,
        description: incident.description,
        ogType: 'article',
        published: incident.started.iso,
        modified: incident.updated.iso,
      }),
    }),
    kind({
      template: 'maintenance-page.njk',
      items: status.maintenancePages,
      url: (maintenance) => maintenance.url,
      timeless: true,
      data: (maintenance) => ({
        maintenance,
        title: maintenance.title,
        description: maintenance.description || undefined,
        ogType: 'article',
        published: maintenance.started.iso,
        modified: maintenance.updated.iso,
      }),
    }),
    kind({
      template: 'component-page.njk',
      items: status.components,
      url: (row) => row.url,
      timeless: false,
      // `pagination.items[0]` is where the layout finds a page's own feeds, as under Eleventy's pagination.
      data: (row) => ({ row, pagination: { items: [row] }, title: row.name, description: row.description || undefined }),
    }),
    kind({
      template: 'history-page.njk',
      items: status.history,
      url: (archive) => archive.url,
      timeless: true,
      data: (archive) => ({ archive, title: archive.title, search: true }),
    }),
  ];

  // What these pages and their layout read besides their own item: a page's key is this and its
  // item. Pages that leave out the build time leave it out of their key too.
  const { client, feeds, meta, t, searchIndexes } = status;
  const sharedKey = (timeless: boolean) => keyOf({ ...globals, status: { client, feeds, t, searchIndexes, meta: timeless ? { ...meta, generated: undefined } : meta } });

  function* pagesOf<T>(k: PageKind<T>): Generator<KeyedFile> {
    const body = env.getTemplate(k.template, true);
    let shared: string | undefined;
    for (const item of k.items) {
      const url = k.url(item);
      const make = () => {
        const data = { ...globals, ...k.data(item), page: { url }, timeless: k.timeless };
        const content = body.render(data);
        return base.render({ ...data, content });
      };
      yield { path: `${url.slice(1)}index.html`, key: () => keyOf((shared ??= sharedKey(k.timeless)), k.itemKey?.(item) ?? item), make };
    }
  }

  return {
    *pages() {
      for (const k of kinds) yield* pagesOf(k as PageKind<unknown>);
    },
  };
}

const kind = <T>(k: PageKind<T>) => k;
