import path from 'node:path';
import { closest, type Problem } from '../shared/errors.ts';
import { checkBrand } from './brand.ts';
import { display, readText } from './files.ts';
import { PROBLEMS, problemAt } from './problems/index.ts';
import { siteSchema, type Site } from './schema.ts';
import { checkStrings } from './strings.ts';
import { lineAt, parseYaml, schemaProblems, type YamlSource } from './yaml-source.ts';

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
    problems.push(...schemaProblems(source, parsed.error.issues, data));
    return undefined;
  }
  const site = parsed.data;
  checkSiteReferences(site, source, problems);
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
