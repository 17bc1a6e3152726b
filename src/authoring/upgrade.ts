import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { StatusError } from '../shared/errors.ts';
import { PACKAGE } from '../shared/package.ts';
import { CLONE_DEPENDENCIES, CLONE_SCRIPTS, CLONE_SHIPPED, engineLeftovers, isClone, type PackageJson } from './clone.ts';
import { migrateSite, SITE_MIGRATIONS, type SiteMigration } from './migrations.ts';
import {
  decapVersion, dependencySpec, managedFiles, NODE_ENGINE, readRecord, RECORD_FILE, recordText, renderTemplate,
  textHash, TOOL_SCRIPTS, workflowValues, type StarterRecord,
} from './starter.ts';
import { checklist, DEFAULT_HOST, HOST_PROFILES, numbered, type Host } from './hosts.ts';

/**
 * `markdown-status upgrade`: brings a status repository up to this version of markdown-status,
 * locally (no token, no network). It updates package.json, refreshes the files that come from
 * the starter without overwriting one the team edited, and applies the site file migrations.
 * A clone of the generator (the format before the package) becomes a status repository; its
 * engine files are listed for the team to delete, never deleted. Incident and maintenance files
 * are never touched.
 */

export interface UpgradeOptions {
  /** The top of the status repository (or clone): the folder with package.json. */
  root: string;
  /** The markdown-status version to upgrade to; default the version of this package. */
  version?: string;
  /** What package.json depends on, when not the exact version: a tarball path, a git URL, a range. */
  packageSpec?: string;
  /** true adds the editor at /admin/ (decap-cms), false removes it; default: keep what the repository has. */
  editor?: boolean;
  /** Moves the page to another host: its files are written, the old host's unedited ones removed; default: the recorded host. */
  host?: Host;
  /** The site file migrations; default SITE_MIGRATIONS. */
  migrations?: readonly SiteMigration[];
}

export interface UpgradeResult {
  /** What changed, one line each, for the person upgrading; empty when everything was current. */
  changes: string[];
  /** Files written, relative to the root, in POSIX form. */
  written: string[];
  /** Engine files and folders a former clone still holds, which the team can now delete with `git rm -r`. */
  removable: string[];
  /** package.json changed: `npm install` updates package-lock.json and node_modules. */
  needsInstall: boolean;
}

export function upgradeSite(options: UpgradeOptions): UpgradeResult {
  const { root } = options;
  const pkgFile = path.join(root, 'package.json');
  if (!existsSync(pkgFile)) throw new StatusError('USAGE', `no package.json in ${root}: run upgrade at the top of the status repository`);
  const pkgText = readFileSync(pkgFile, 'utf8');
  let pkg: PackageJson;
  try {
    pkg = JSON.parse(pkgText) as PackageJson;
  } catch (error) {
    throw new StatusError('IO', `${pkgFile} is not valid JSON (${(error as Error).message}); fix it and run upgrade again`, [], { cause: error });
  }
  const version = options.version ?? PACKAGE.version;
  const spec = options.packageSpec === undefined ? version : dependencySpec(options.packageSpec, root);
  const clone = isClone(pkg, root);
  const record = readRecord(root);

  const files = new Map<string, string | null>();
  const changes: string[] = [];
  const next = clone ? packageFromClone(pkg, spec, options.editor, changes) : packageUpgraded(pkg, pkgFile, spec, options.editor, changes);
  const needsInstall = JSON.stringify(next) !== JSON.stringify(pkg);
  if (needsInstall) files.set('package.json', `${JSON.stringify(next, null, /\n([ \t]+)"/.exec(pkgText)?.[1] ?? 2)}\n`);

  const editor = [next.dependencies, next.devDependencies].some((deps) => deps?.['decap-cms'] !== undefined);
  // A record from before hosts were chosen, and a clone, publish to a bucket: s3.
  const was = record?.host ?? DEFAULT_HOST;
  const host = options.host ?? was;
  const hashes = refreshManaged(root, host, workflowValues(editor, host), record, clone, files, changes);
  if (host !== was) leaveHost(root, was, host, editor, record, files, changes);

  // A clone names the version it was taken from; a repository made by init records its own.
  const from = record?.version ?? (clone ? pkg.version : undefined);
  migrateSiteFile(root, from, version, options.migrations ?? SITE_MIGRATIONS, files, changes);

  const nextRecord: StarterRecord = { version, host, files: hashes };
  if (!existsSync(path.join(root, RECORD_FILE)) || readFileSync(path.join(root, RECORD_FILE), 'utf8') !== recordText(nextRecord)) {
    files.set(RECORD_FILE, recordText(nextRecord));
  }

  const removable = clone ? engineLeftovers(root) : [];
  if (removable.length) {
    changes.push(`the engine now comes from node_modules/markdown-status; delete its old copy here (nothing in it is yours): git rm -r ${removable.join(' ')}`);
  }

  const written: string[] = [];
  for (const [file, text] of files) {
    const full = path.join(root, file);
    if (text === null) {
      rmSync(full, { force: true });
      continue;
    }
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, text);
    written.push(file);
  }
  return { changes, written, removable, needsInstall };
}

/**
 * Each managed file is rewritten when it is missing or still as markdown-status last wrote it (or,
 * in a clone, as the generator shipped it); a file the team edited is kept, and the new version
 * goes beside it as `<file>.new`. Returns the record's hashes: what is now known to be ours.
 */
function refreshManaged(root: string, host: Host, values: Record<string, string>, record: StarterRecord | undefined, clone: boolean, files: Map<string, string | null>, changes: string[]): Record<string, string> {
  const hashes: Record<string, string> = {};
  for (const { template, target } of managedFiles(host)) {
    const text = renderTemplate(template, values);
    const want = textHash(text);
    const full = path.join(root, target);
    const current = existsSync(full) ? readFileSync(full, 'utf8') : undefined;
    const have = current === undefined ? undefined : textHash(current);
    const last = record?.files[target];
    const aside = `${target}.new`;
    const asideText = existsSync(path.join(root, aside)) ? readFileSync(path.join(root, aside), 'utf8') : undefined;
    if (have === want) {
      hashes[target] = want;
      // The team took the new version: the copy left beside it has done its job.
      if (asideText !== undefined && textHash(asideText) === want) {
        files.set(aside, null);
        changes.push(`removed ${aside}: ${target} has its changes`);
      }
    } else if (have === undefined || have === last || (clone && CLONE_SHIPPED[target]?.includes(have))) {
      hashes[target] = want;
      files.set(target, text);
      changes.push(`${have === undefined ? 'added' : 'updated'} ${target}`);
    } else if (last !== undefined && last === want) {
      // Edited by the team, and markdown-status has nothing newer for it.
      hashes[target] = last;
    } else {
      if (last !== undefined) hashes[target] = last;
      if (asideText === undefined || textHash(asideText) !== want) files.set(aside, text);
      const stale = /\bnpm test\b/.test(current!) ? ' (yours runs npm test, which a status repository no longer has: start from the new one)' : '';
      changes.push(`left your edited ${target}; the new version is ${aside}${stale}`);
    }
  }
  return hashes;
}

/**
 * After a move to another host: the old host's files the new one does not have go when they are
 * as markdown-status wrote them; one the team edited stays, for them to delete.
 */
function leaveHost(root: string, was: Host, host: Host, editor: boolean, record: StarterRecord | undefined, files: Map<string, string | null>, changes: string[]) {
  const kept = new Set(managedFiles(host).map((f) => f.target));
  for (const { target } of managedFiles(was)) {
    const full = path.join(root, target);
    if (kept.has(target) || !existsSync(full)) continue;
    if (record?.files[target] === textHash(readFileSync(full, 'utf8'))) {
      files.set(target, null);
      changes.push(`removed ${target}: ${HOST_PROFILES[host].label} does not use it`);
    } else {
      changes.push(`left your edited ${target}, which ${HOST_PROFILES[host].label} does not use; delete it when you are done with it`);
    }
  }
  changes.push(`the page now publishes to ${HOST_PROFILES[host].label}: README.md ("How the page is published") is yours, so the settings for it are printed here:\n${numbered(checklist(host, editor), '    ')}`);
}

/** The site file after the migrations due between the two versions; written only when one changed it. */
function migrateSiteFile(root: string, from: string | undefined, to: string, migrations: readonly SiteMigration[], files: Map<string, string | null>, changes: string[]) {
  const file = ['content/site.yml', 'content/site.yaml'].find((f) => existsSync(path.join(root, f)));
  if (!file || !migrations.length) return;
  const doc = parseDocument(readFileSync(path.join(root, file), 'utf8'), { version: '1.2', uniqueKeys: true });
  if (doc.errors.length) {
    changes.push(`${file} is not valid YAML, so its format was not brought up to date; fix it (npm run check) and run upgrade again`);
    return;
  }
  const applied = migrateSite(doc, from, to, migrations);
  if (!applied.length) return;
  files.set(file, doc.toString({ lineWidth: 0 }));
  changes.push(...applied.map((line) => `${file}: ${line}`));
}

/** A clone's package.json as a status repository's: the generator's own name, version, scripts and dependencies go; the team's stay. */
function packageFromClone(pkg: PackageJson, spec: string, editorOption: boolean | undefined, changes: string[]): PackageJson {
  const hadEditor = [pkg.dependencies, pkg.devDependencies].some((deps) => deps?.['decap-cms'] !== undefined);
  const editor = editorOption ?? hadEditor;
  const { name: _name, version: _version, private: _private, type: _type, ...rest } = pkg;
  const next: PackageJson = { private: true, type: 'module', ...rest };
  next.engines ??= { node: NODE_ENGINE };

  const kept: Record<string, string> = {};
  const dropped: string[] = [];
  for (const [name, command] of Object.entries(pkg.scripts ?? {})) {
    const shipped = CLONE_SCRIPTS[name]?.includes(command) ?? false;
    if (name in TOOL_SCRIPTS) {
      if (!shipped && command !== TOOL_SCRIPTS[name]) changes.push(`package.json: your "${name}" script (${command}) now runs ${TOOL_SCRIPTS[name]}`);
    } else if (shipped) dropped.push(name);
    else {
      kept[name] = command;
      if (name in CLONE_SCRIPTS) changes.push(`package.json: kept your "${name}" script (${command}); check it works without the engine files`);
    }
  }
  next.scripts = { ...TOOL_SCRIPTS, ...kept };

  const removed: string[] = [];
  const without = (deps: Record<string, string> | undefined) =>
    Object.fromEntries(Object.entries(deps ?? {}).filter(([name]) => {
      const generators = CLONE_DEPENDENCIES.has(name) || name === 'decap-cms';
      if (generators) removed.push(name);
      return !generators;
    }));
  const dependencies = without(pkg.dependencies);
  const devDependencies = without(pkg.devDependencies);
  const theirs = [...Object.keys(dependencies), ...Object.keys(devDependencies)];
  dependencies['markdown-status'] = spec;
  if (editor) dependencies['decap-cms'] = decapVersion();
  next.dependencies = sorted(dependencies);
  if (Object.keys(devDependencies).length) next.devDependencies = devDependencies;
  else delete next.devDependencies;

  const generatorDeps = removed.filter((name) => name !== 'decap-cms').length;
  changes.push(`package.json: depends on markdown-status ${spec} instead of holding the generator (its ${generatorDeps} dependencies${dropped.length ? ` and the scripts ${dropped.join(', ')}` : ''} are gone); the scripts run markdown-status`);
  if (editor) changes.push(`package.json: kept the editor at /admin/: decap-cms ${decapVersion()} is a dependency`);
  else if (hadEditor) changes.push('package.json: removed the editor at /admin/ (decap-cms)');
  if (theirs.length) changes.push(`package.json: kept your dependencies ${theirs.join(', ')}`);
  return next;
}

/** A status repository's package.json: the markdown-status it depends on, the editor's version, any missing tool script. */
function packageUpgraded(pkg: PackageJson, file: string, spec: string, editorOption: boolean | undefined, changes: string[]): PackageJson {
  const next: PackageJson = structuredClone(pkg);
  const field = (['dependencies', 'devDependencies'] as const).find((f) => next[f]?.['markdown-status'] !== undefined);
  if (!field) throw new StatusError('USAGE', `${file} does not depend on markdown-status, so this is not a status repository; markdown-status init makes one`);
  const deps = next[field]!;
  if (deps['markdown-status'] !== spec) {
    changes.push(`package.json: markdown-status ${deps['markdown-status']} → ${spec}`);
    deps['markdown-status'] = spec;
  }

  const decapField = (['dependencies', 'devDependencies'] as const).find((f) => next[f]?.['decap-cms'] !== undefined);
  const decapDeps = decapField && next[decapField];
  if (editorOption ?? decapDeps !== undefined) {
    const want = decapVersion();
    if (decapDeps?.['decap-cms'] !== want) {
      changes.push(decapDeps ? `package.json: decap-cms ${decapDeps['decap-cms']} → ${want}, the version markdown-status builds /admin/ with` : `package.json: added the editor at /admin/ (decap-cms ${want})`);
      if (decapDeps) decapDeps['decap-cms'] = want;
      else next.dependencies = sorted({ ...next.dependencies, 'decap-cms': want });
    }
  } else if (decapDeps) {
    delete decapDeps['decap-cms'];
    changes.push('package.json: removed the editor at /admin/ (decap-cms)');
  }

  const missing = Object.keys(TOOL_SCRIPTS).filter((name) => next.scripts?.[name] === undefined);
  if (missing.length) {
    next.scripts = { ...next.scripts, ...Object.fromEntries(missing.map((name) => [name, TOOL_SCRIPTS[name]!])) };
    changes.push(`package.json: added the script${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`);
  }
  return next;
}

/** Dependencies in name order, as npm writes them. */
const sorted = (deps: Record<string, string>) => Object.fromEntries(Object.entries(deps).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
