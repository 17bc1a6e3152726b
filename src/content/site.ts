import path from 'node:path';
import { closest, StatusError, type Problem } from '../shared/errors.ts';
import { checkBrand } from './brand.ts';
import { display, exists, readText } from './files.ts';
import { siteSchema, type Site } from './schema.ts';
import { checkStrings } from './strings.ts';
import { lineAt, parseYaml, schemaProblems, type YamlSource } from './yaml-source.ts';

/** The site file: the page, its zone, groups and components, its brand and interface strings. */

export function findSiteFile(contentDir: string): string {
  for (const name of ['site.yml', 'site.yaml']) {
    const file = path.join(contentDir, name);
    if (exists(file)) return file;
  }
  throw new StatusError('IO', `no site file: expected ${display(path.join(contentDir, 'site.yml'))}`);
}

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
  const groupIds = site.groups.map((g) => g.id);
  const duplicate = (kind: string, ids: string[], list: string) =>
    ids.forEach((id, i) => {
      if (ids.indexOf(id) !== i) {
        problems.push({ file: source.file, line: lineAt(source, [list, i, 'id']), severity: 'error', message: `${kind} id "${id}" is used twice`, hint: 'give each one its own id' });
      }
    });
  duplicate('group', groupIds, 'groups');
  duplicate('component', site.components.map((c) => c.id), 'components');
  site.components.forEach((c, i) => {
    if (c.group !== undefined && !groupIds.includes(c.group)) {
      const guess = closest(c.group, groupIds);
      problems.push({
        file: source.file, line: lineAt(source, ['components', i, 'group']), severity: 'error',
        message: `component "${c.id}" names group "${c.group}", which is not in groups`,
        hint: guess ? `did you mean "${guess}"?` : `use one of: ${groupIds.join(', ') || '(add a groups: list first)'}`,
      });
    }
  });
}
