import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { StatusError } from '../shared/errors.ts';
import { parseJson } from '../shared/json.ts';
import { PACKAGE } from '../shared/package.ts';
import { DEFAULT_HOST, HOST_PROFILES, HOSTS, type Host, type StarterFile } from './hosts.ts';

/**
 * The starter: files a status repository gets from markdown-status (workflows, Dependabot, the
 * pull request template, .gitignore, the editors' README), kept as data files in ./starter/ with
 * `{{name}}` placeholders, and the record of what was last written, so `upgrade` can tell a file
 * the team edited from one it may replace.
 */

/** The folder of templates, shipped inside the package. */
export const STARTER_DIR = path.join(import.meta.dirname, 'starter');

/** Managed files every status repository has, whatever its host. */
const COMMON_FILES: readonly StarterFile[] = [
  { template: 'pull-request.yml', target: '.github/workflows/pull-request.yml' },
  { template: 'dependabot.yml', target: '.github/dependabot.yml' },
  { template: 'pull-request-template.md', target: '.github/PULL_REQUEST_TEMPLATE.md' },
];

/** What `upgrade` keeps current for a page on `host`: the files whose every line comes from markdown-status. */
export const managedFiles = (host: Host): readonly StarterFile[] => [...COMMON_FILES, ...HOST_PROFILES[host].files];

/** Written once by `init` and the team's from then on. Stored without the dot: npm pack leaves .gitignore out. */
export const TEAM_FILES: readonly StarterFile[] = [
  { template: 'gitignore', target: '.gitignore' },
  { template: 'editors-readme.md', target: 'README.md' },
];

/** Where the hashes of the managed files, as last written, are kept. */
export const RECORD_FILE = '.github/markdown-status.json';

// A placeholder is {{name}}; `${{ … }}` is a GitHub Actions expression and stays as it is.
const PLACEHOLDER = /(?<!\$)\{\{([a-z_]+)\}\}/g;

/** A template with its placeholders filled; a placeholder without a value is a bug, so it throws. */
export function renderTemplate(template: string, values: Readonly<Record<string, string>>): string {
  const text = readFileSync(path.join(STARTER_DIR, template), 'utf8');
  return text.replace(PLACEHOLDER, (whole, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`starter template ${template} has ${whole}, which has no value`);
    return value;
  });
}

/**
 * The values of the workflows' placeholders. Without the editor the build is told `none`: on
 * GitHub Actions it would otherwise try to build /admin/ and stop, as decap-cms is not installed.
 * With it, the repository variable STATUS_CMS_BACKEND still switches it (github when unset).
 */
export function workflowValues(editor: boolean, host: Host = DEFAULT_HOST): Record<string, string> {
  return { cms_backend: editor ? '${{ vars.STATUS_CMS_BACKEND }}' : 'none', host_label: HOST_PROFILES[host].label };
}

/** sha256 of a text file's content, line ends ignored (a checkout on Windows may add CRs). */
export function textHash(text: string): string {
  return createHash('sha256').update(text.replace(/\r\n/g, '\n')).digest('hex');
}

const recordSchema = z.object({
  /** The markdown-status version that last wrote the managed files and migrated the site file. */
  version: z.string(),
  /** Where the page is served from (init --host); a record from before hosts were chosen means s3. */
  host: z.enum(HOSTS).optional(),
  /** Managed file (as in managedFiles) → textHash of what was written there. */
  files: z.record(z.string(), z.string()),
});
export type StarterRecord = z.infer<typeof recordSchema>;

/** The record in a status repository; undefined when there is none or it is not ours any more. */
export function readRecord(root: string): StarterRecord | undefined {
  const file = path.join(root, RECORD_FILE);
  return existsSync(file) ? parseJson(recordSchema, readFileSync(file, 'utf8')) : undefined;
}

export const recordText = (record: StarterRecord) => `${JSON.stringify(record, null, 2)}\n`;

/** What a status repository needs to know about the markdown-status package it is made with. */
/**
 * What a status repository's package.json depends on. A tarball or folder given by path is written
 * as a `file:` spec relative to the repository, as npm itself records one; anything else (a
 * version, a range, a git URL) is kept as it is.
 */
export function dependencySpec(spec: string, root: string): string {
  const local = spec.startsWith('file:') ? spec.slice(5) : spec;
  if (!/^[./~]|^[A-Za-z]:[\\/]/.test(local) || !existsSync(path.resolve(local))) return spec;
  return `file:${path.relative(root, path.resolve(local)).split(path.sep).join('/')}`;
}

/** The scripts of a status repository: each runs one subcommand of the markdown-status tool. */
export const TOOL_SCRIPTS: Readonly<Record<string, string>> = {
  start: 'markdown-status serve',
  build: 'markdown-status build',
  check: 'markdown-status check',
  incident: 'markdown-status incident',
  maintenance: 'markdown-status maintenance',
  import: 'markdown-status import',
  deploy: 'markdown-status deploy',
  notify: 'markdown-status notify',
  upgrade: 'markdown-status upgrade',
};

export const NODE_ENGINE = '>=20.19';

/** The decap-cms version the editor needs (the generator names it as an optional peer dependency). */
export function decapVersion(): string {
  const version = PACKAGE.peerDependencies?.['decap-cms'];
  if (version === undefined) throw new StatusError('IO', 'this markdown-status names no decap-cms version, so the editor at /admin/ cannot be added; leave the editor off');
  return version;
}
