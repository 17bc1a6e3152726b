import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { stringify } from 'yaml';
import { StatusError } from '../shared/errors.ts';
import { COMPONENT_STATES, IMPACTS, type KindName, KINDS, MAINTENANCE_STATUSES, OUTAGE_STATES, type Site, UPDATE_STATUSES } from '../content/index.ts';
import type { OutputFile, Output } from './files.ts';
import type { StatusState } from '../state/index.ts';

/**
 * The web editor: Decap CMS at /admin/, configured from the content schema and the site's
 * components, so a form can only write what the loader accepts. Saving opens a pull request
 * (editorial workflow); the same checks as for any other pull request then run on it.
 */

export interface CmsSettings {
  /** Decap backend: github (pull requests), git-gateway, or test-repo (in-browser, for trying it); `none` turns /admin/ off. */
  backend: string;
  /** `owner/name` of the repository holding the content. */
  repo?: string;
  branch: string;
  /** Address of the OAuth service that signs editors in to GitHub, when not Netlify's. */
  authUrl?: string;
  /** The content folder, relative to the repository root. */
  contentDir: string;
}

/** Settings from the build's environment; on GitHub Actions the repository is known already. */
export function cmsSettings(env: NodeJS.ProcessEnv = process.env): CmsSettings | undefined {
  const backend = env.STATUS_CMS_BACKEND || 'github';
  // A site that wants no editor says so, and then needs no decap-cms installed (`npm ci --omit=dev`).
  if (backend === 'none') return undefined;
  const repo = env.STATUS_CMS_REPO || env.GITHUB_REPOSITORY || undefined;
  // Without a repository there is nothing to edit: no /admin/ rather than a broken one.
  if (backend !== 'test-repo' && !repo) return undefined;
  const contentDir = env.STATUS_CONTENT && !path.isAbsolute(env.STATUS_CONTENT) ? env.STATUS_CONTENT.replace(/\/+$/, '') : 'content';
  return { backend, repo, branch: env.STATUS_CMS_BRANCH || 'main', authUrl: env.STATUS_CMS_AUTH_URL || undefined, contentDir };
}

/** A Decap field; only what we use. */
export interface CmsField {
  name: string;
  label: string;
  widget: string;
  required?: boolean;
  hint?: string;
  default?: unknown;
  options?: { label: string; value: string }[];
  multiple?: boolean;
  fields?: CmsField[];
  [key: string]: unknown;
}

const words = (value: string) => value.charAt(0).toUpperCase() + value.slice(1).replace(/_/g, ' ');
const options = (values: readonly string[]) => values.map((value) => ({ label: words(value), value }));

// Stored with an explicit offset, as the command line writes times.
const time = (name: string, label: string, extra: Partial<CmsField> = {}): CmsField => ({
  name, label, widget: 'datetime', format: 'YYYY-MM-DDTHH:mm:ssZ', date_format: 'YYYY-MM-DD', time_format: 'HH:mm', ...extra,
});

/** Links and lists, but no images: the page does not show them. */
const MARKDOWN = { widget: 'markdown', buttons: ['bold', 'italic', 'link', 'heading-two', 'heading-three', 'bulleted-list', 'numbered-list', 'quote', 'code'], editor_components: [] };

/** One optional select per site component: the content keeps a map `component id: state`. */
function componentStates(site: Site, states: readonly string[], label: string, hint: string): CmsField {
  return {
    name: 'components', label, widget: 'object', required: false, collapsed: false, hint,
    fields: site.components.map((c) => ({ name: c.id, label: c.name, widget: 'select', required: false, options: options(states) })),
  };
}

/** What each kind's collection says beyond what every one says (cmsConfig); one entry per kind of content file. */
const COLLECTIONS: Record<KindName, (site: Site) => Record<string, unknown> & { label: string; label_singular: string }> = {
  incidents: (site) => ({
    label: 'Incidents',
    label_singular: 'Incident',
    summary: '{{title}} ({{impact}})',
    sortable_fields: ['title'],
    description: 'Add updates at the top of the list: the newest update comes first.',
    fields: [
      { name: 'id', label: 'Id', widget: 'hidden', required: false, hint: 'Only for imported incidents; the file name is the id otherwise.' },
      { name: 'title', label: 'Title', widget: 'string', hint: 'What users see, like "Delayed SMS delivery".' },
      { name: 'impact', label: 'Impact', widget: 'select', options: options(IMPACTS), default: 'minor' },
      componentStates(site, OUTAGE_STATES, 'Affected components', 'The state each affected component is in when the incident starts; leave the others empty.'),
      time('postmortem_at', 'Postmortem published at', { required: false, hint: 'Set it together with the postmortem text below.' }),
      {
        name: 'updates', label: 'Updates', widget: 'list', add_to_top: true, min: 1, allow_reorder: false, collapsed: false,
        summary: '{{fields.status}}: {{fields.at}}',
        fields: [
          time('at', 'Time', { default: '{{now}}' }),
          { name: 'status', label: 'Status', widget: 'select', options: options(UPDATE_STATUSES), default: 'investigating' },
          { name: 'body', label: 'Message', widget: 'text' },
          componentStates(site, COMPONENT_STATES, 'Component changes', 'Only components whose state changes with this update; resolved sets all to operational.'),
        ],
      },
      { name: 'body', label: 'Postmortem', required: false, ...MARKDOWN },
    ],
  }),
  maintenance: (site) => ({
    label: 'Scheduled maintenance',
    label_singular: 'Maintenance',
    summary: '{{title}} ({{scheduled_for}})',
    description: 'The page moves a maintenance to in progress and completed by itself at the two times.',
    fields: [
      { name: 'id', label: 'Id', widget: 'hidden', required: false },
      { name: 'title', label: 'Title', widget: 'string' },
      time('scheduled_for', 'Starts'),
      time('scheduled_until', 'Ends'),
      { name: 'components', label: 'Components', widget: 'select', multiple: true, required: false, options: site.components.map((c) => ({ label: c.name, value: c.id })) },
      {
        name: 'updates', label: 'Updates', widget: 'list', add_to_top: true, required: false, allow_reorder: false, collapsed: false,
        summary: '{{fields.status}}: {{fields.at}}',
        fields: [
          time('at', 'Time', { default: '{{now}}' }),
          { name: 'status', label: 'Status', widget: 'select', options: options(MAINTENANCE_STATUSES), default: 'scheduled' },
          { name: 'body', label: 'Message', widget: 'text' },
        ],
      },
      { name: 'body', label: 'What will happen', required: false, ...MARKDOWN },
    ],
  }),
};

export function cmsConfig(site: Site, settings: CmsSettings): Record<string, unknown> {
  const backend: Record<string, unknown> = { name: settings.backend, branch: settings.branch };
  if (settings.repo) backend.repo = settings.repo;
  if (settings.authUrl) backend.base_url = settings.authUrl;
  const dir = settings.contentDir;
  return {
    backend,
    publish_mode: 'editorial_workflow',
    site_url: site.url,
    display_url: site.url,
    // Required by Decap; images are not shown on the status page.
    media_folder: `${dir}/uploads`,
    locale: 'en',
    collections: (Object.keys(KINDS) as KindName[]).map((name) => {
      const { label, label_singular, ...own } = COLLECTIONS[name](site);
      const { folder } = KINDS[name];
      return {
        name: folder, label, label_singular, folder: `${dir}/${folder}`, extension: 'md', format: 'frontmatter', create: true, delete: false,
        // The content convention: start day, then the title.
        slug: '{{year}}-{{month}}-{{day}}-{{slug}}',
        identifier_field: 'title',
        ...own,
      };
    }),
  };
}

const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

export function adminPage(site: Site): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Edit · ${escapeHtml(site.name)}</title>
<link href="config.yml" type="text/yaml" rel="cms-config-url">
</head>
<body>
<script src="decap-cms.js"></script>
</body>
</html>
`;
}

/** Finds an installed package's file, as `require.resolve` does; passed in so a test can play a missing package. */
export type Resolve = (specifier: string) => string;

const DECAP_ENTRY = 'decap-cms/dist/decap-cms.js';

/**
 * decap-cms is a dev dependency: it and what it pulls in are most of node_modules, and only /admin/
 * needs it, so `npm ci --omit=dev` leaves it out. A build that should have /admin/ then stops here.
 * (`npm install --no-save decap-cms` on top of a lean install is no shortcut: it installs every
 * dev dependency too.)
 */
function decapMissing(cause: unknown): StatusError {
  return new StatusError(
    'USAGE',
    'the editor at /admin/ needs the decap-cms package, which is not installed — in a status repository run `npm run upgrade -- --editor` ' +
      '(in a clone of the generator, `npm ci` without --omit=dev), or build without /admin/ with STATUS_CMS_BACKEND=none',
    [],
    { cause },
  );
}

/** The bundle and the files it loads on demand, straight from the installed package. */
export function decapBundle(resolve: Resolve = createRequire(import.meta.url).resolve): OutputFile[] {
  let entry: string;
  try {
    entry = resolve(DECAP_ENTRY);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND') throw decapMissing(error);
    throw error;
  }
  const dist = path.dirname(entry);
  return readdirSync(dist)
    .filter((f) => /^(\d+\.)?decap-cms\.js$|\.wasm$|^decap-cms\.js\.LICENSE\.txt$/.test(f))
    .sort()
    .map((f) => ({ path: `admin/${f}`, content: readFileSync(path.join(dist, f)) }));
}

// A per-process memo: the editor bundle is the installed package's files, which never change while
// the process runs, and reading its 5 MB again for each build of `npm start` is wasted.
let bundle: OutputFile[] | undefined;

/**
 * Producer: /admin/ when a repository to edit is configured (see cmsSettings). `resolve` is for
 * tests; without it the installed package is read once per process.
 */
export function cmsFiles(state: StatusState, env: NodeJS.ProcessEnv = process.env, resolve?: Resolve): OutputFile[] {
  const settings = cmsSettings(env);
  if (!settings) return [];
  const { site } = state.content;
  const files = resolve ? decapBundle(resolve) : (bundle ??= decapBundle());
  return [
    { path: 'admin/index.html', content: adminPage(site) },
    { path: 'admin/config.yml', content: `# Written by the build from the content schema and site file (src/outputs/cms.ts).\n${stringify(cmsConfig(site, settings), { lineWidth: 0 })}` },
    ...files,
  ];
}

/** Output: the editor at /admin/, when the build's environment names a repository. */
export const cmsOutput: Output = { produce: (state) => cmsFiles(state) };
