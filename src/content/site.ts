import path from 'node:path';
import { closest, type Problem } from '../shared/errors.ts';
import type { Said } from './problems/index.ts';
import { checkBrand } from './brand.ts';
import { display, readText } from './files.ts';
import { PROBLEMS, problemAt } from './problems/index.ts';
import { PROBE_KINDS, siteSchema, type Site } from './schema.ts';
import { checkStrings } from './strings.ts';
import { missingTemplate } from './templates.ts';
import { describe, lineAt, parseYaml, pathText, schemaProblems, type YamlSource } from './yaml-source.ts';
import type { z } from 'zod';

/** The site file: the page, its zone, groups and components, its brand and interface strings. */

/** Reads and checks the site file; pushes each problem and returns undefined if there is one. */
export function loadSite(file: string, problems: Problem[]): Site | undefined {
  const text = readText(file, problems);
  if (text === undefined) return undefined;
  const { source, data, problems: yamlProblems } = parseYaml(text, display(file));
  problems.push(...yamlProblems);
  if (yamlProblems.length) return undefined;
  const parsed = siteSchema.safeParse(data ?? {});
  if (!parsed.success) {
    problems.push(...siteSchemaProblems(source, parsed.error.issues, data));
    return undefined;
  }
  const site = parsed.data;
  checkSiteReferences(site, source, problems);
  checkAlertTemplate(site, source, path.dirname(file), problems);
  checkBrand(site, source, path.dirname(file), problems);
  checkStrings(site, source, problems);
  return site;
}

function checkSiteReferences(site: Site, source: YamlSource, problems: Problem[]) {
  const at = problemAt(source.file);
  const groupIds = site.groups.map((g) => g.id);
  const duplicate = (kind: 'group' | 'component', ids: string[], list: string) =>
    ids.forEach((id, i) => {
      if (ids.indexOf(id) !== i) problems.push(at(lineAt(source, [list, i, 'id']), PROBLEMS.duplicateSiteId(kind, id)));
    });
  duplicate('group', groupIds, 'groups');
  duplicate('component', site.components.map((c) => c.id), 'components');
  site.components.forEach((c, i) => {
    if (c.group !== undefined && !groupIds.includes(c.group)) {
      problems.push(at(lineAt(source, ['components', i, 'group']), PROBLEMS.unknownGroup(`component "${c.id}"`, c.group, closest(c.group, groupIds), groupIds)));
    }
  });
  const componentIds = site.components.map((c) => c.id);
  for (const [name, id] of Object.entries(site.alerts?.components ?? {})) {
    if (componentIds.includes(id)) continue;
    problems.push(at(lineAt(source, ['alerts', 'components', name]), PROBLEMS.unknownComponent(id, closest(id, componentIds), componentIds, `alerts.components (for "${name}")`)));
  }
}

/** alerts.template names a template of the content folder. */
function checkAlertTemplate(site: Site, source: YamlSource, contentDir: string, problems: Problem[]) {
  const name = site.alerts?.template;
  const missing = name === undefined ? undefined : missingTemplate(contentDir, name, 'alerts.template');
  if (missing) problems.push(problemAt(source.file)(lineAt(source, ['alerts', 'template']), missing));
}

/** The site file's schema issues as problems: schemaProblems, with a component's probe told apart by its kind. */
export function siteSchemaProblems(source: YamlSource, issues: z.core.$ZodIssue[], data: unknown): Problem[] {
  const at = problemAt(source.file);
  return issues.flatMap((issue) => {
    const probe = probeIssues(issue, data);
    if (Array.isArray(probe)) return schemaProblems(source, probe, data);
    return probe ? [at(lineAt(source, issue.path), probe)] : schemaProblems(source, [issue], data);
  });
}

/**
 * A component's `probe:` is one of three shapes, told apart by the key naming its kind. When zod
 * cannot tell which was meant, the kind key written picks the shape whose issues are reported;
 * with none or several written, the problem says to name one.
 */
function probeIssues(issue: z.core.$ZodIssue, data: unknown): z.core.$ZodIssue[] | Said | undefined {
  if (issue.code !== 'invalid_union' || issue.path.at(-1) !== 'probe') return undefined;
  let value: unknown = data;
  for (const k of issue.path) value = value !== null && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[k] : undefined;
  const where = pathText(issue.path);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return PROBLEMS.probeKind(where, describe(value));
  const kinds = PROBE_KINDS.filter((k) => k in value);
  const keys = Object.keys(value);
  if (kinds.length !== 1) return PROBLEMS.probeKind(where, keys.length ? keys.map((k) => `${k}:`).join(', ') : 'no keys');
  return (issue.errors[PROBE_KINDS.indexOf(kinds[0]!)] ?? []).map((i) => ({ ...i, path: [...issue.path, ...i.path] }));
}
