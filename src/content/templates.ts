import path from 'node:path';
import { z } from 'zod';
import { closest, StatusError, type Problem } from '../shared/errors.ts';
import { markdownLine, plainLine } from '../shared/inline-text.ts';
import { display, exists, listMarkdown, readText } from './files.ts';
import { PROBLEMS, problemAt } from './problems/index.ts';
import { ID_PATTERN, impactSchema, outageStateSchema, schemaKeys, type Impact, type OutageState } from './schema.ts';
import { readFrontMatter, schemaProblems } from './yaml-source.ts';

/**
 * Incident templates: templates/<name>.md in the content folder, the words an incident starts
 * with when an alert drafts it (`markdown-status alert --draft`) or an editor runs
 * `incident new --template <name>`. The front matter holds the title, the impact and the state the
 * component is put in; the Markdown after it is the first update. `{{summary}}` and
 * `{{component}}` are filled with outside text, always as text: plain in the title, escaped
 * Markdown in the update, so an alert cannot write a link, HTML or a mention into the page.
 *
 * They live in the content folder (beside incidents/ and maintenance/) rather than next to it, so
 * that whatever finds the content (--content, STATUS_CONTENT) finds them, `check` reads them with
 * the rest, and the site's editors keep one folder. The build reads only incidents/ and
 * maintenance/, so a template never shows on the page.
 */

export const TEMPLATES_FOLDER = 'templates';

/** What a template may fill in. */
export const TEMPLATE_PLACEHOLDERS = ['summary', 'component'] as const;
export type TemplateValues = Record<(typeof TEMPLATE_PLACEHOLDERS)[number], string>;

export const templateSchema = z.strictObject({
  /** What users see; may use {{summary}} and {{component}}. */
  title: z.string().trim().min(1),
  impact: impactSchema,
  /** The state the component the incident is about is put in; default major_outage. */
  state: outageStateSchema.default('major_outage'),
});

export interface IncidentTemplate {
  /** The file name without .md, or `default`. */
  name: string;
  title: string;
  impact: Impact;
  state: OutageState;
  /** The first update's Markdown. */
  body: string;
}

/** The template used when none is named: what a person would write in the first minutes. */
export const DEFAULT_TEMPLATE: IncidentTemplate = {
  name: 'default',
  title: '{{summary}}',
  impact: 'major',
  state: 'major_outage',
  body: 'We are investigating a problem with {{component}}. Monitoring reports: {{summary}}',
};

const PLACEHOLDER = /\{\{\s*([^{}\s]*)\s*\}\}/g;
const KEYS = schemaKeys(templateSchema);

export const templatesFolder = (contentDir: string) => path.join(contentDir, TEMPLATES_FOLDER);

/** The names of the content folder's templates, sorted. */
export const templateNames = (contentDir: string): string[] => listMarkdown(templatesFolder(contentDir)).map((f) => path.basename(f, '.md'));

/** Reads one template file; pushes each problem found and returns undefined if there is one. */
export function readTemplateFile(file: string, problems: Problem[]): IncidentTemplate | undefined {
  const text = readText(file, problems);
  if (text === undefined) return undefined;
  const shown = display(file);
  const read = readFrontMatter(text, shown, 'title, impact', problems);
  if (!read) return undefined;
  const parsed = templateSchema.safeParse(read.data ?? {});
  if (!parsed.success) {
    problems.push(...schemaProblems(read.source, parsed.error.issues, read.data, { keys: KEYS, examples: { impact: 'impact: major', state: 'state: major_outage' } }));
    return undefined;
  }
  const before = problems.length;
  const at = problemAt(shown);
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    for (const [, name] of line.matchAll(PLACEHOLDER)) {
      if ((TEMPLATE_PLACEHOLDERS as readonly string[]).includes(name!)) continue;
      problems.push(at(i + 1, PROBLEMS.templatePlaceholderUnknown(name!, closest(name!, TEMPLATE_PLACEHOLDERS), TEMPLATE_PLACEHOLDERS)));
    }
  });
  if (problems.length > before) return undefined;
  return { name: path.basename(file, '.md'), ...parsed.data, body: read.body || DEFAULT_TEMPLATE.body };
}

/** Checks every template of the content folder, as `check` and the build do. */
export function checkTemplates(contentDir: string, problems: Problem[]): void {
  for (const file of listMarkdown(templatesFolder(contentDir))) readTemplateFile(file, problems);
}

/** What is wrong with `name`, named by `where`, when the content folder has no templates/<name>.md; undefined when it has. */
export function missingTemplate(contentDir: string, name: string, where: string) {
  if (ID_PATTERN.test(name) && exists(path.join(templatesFolder(contentDir), `${name}.md`))) return undefined;
  const known = templateNames(contentDir);
  return PROBLEMS.templateUnknown(where, name, closest(name, known), known);
}

/**
 * The template `name` (the built-in one when undefined); throws a StatusError listing the
 * problems when it is missing or broken. `where` says what named it, for the message.
 */
export function loadTemplate(contentDir: string, name: string | undefined, where = '--template'): IncidentTemplate {
  if (name === undefined) return DEFAULT_TEMPLATE;
  const problems: Problem[] = [];
  const missing = missingTemplate(contentDir, name, where);
  if (missing) problems.push(problemAt(display(templatesFolder(contentDir)))(1, missing));
  const template = problems.length ? undefined : readTemplateFile(path.join(templatesFolder(contentDir), `${name}.md`), problems);
  if (!template) throw new StatusError('CONTENT', `the incident template "${name}" cannot be used`, problems);
  return template;
}

/** Whether the template's title or first update uses the placeholder `name`. */
export const templateUses = (template: IncidentTemplate, name: string) => [...`${template.title}\n${template.body}`.matchAll(PLACEHOLDER)].some((m) => m[1] === name);

/** The title and first update of a template with its placeholders filled: as plain text in the title, as escaped Markdown in the update. */
export function fillTemplate(template: IncidentTemplate, values: TemplateValues): { title: string; body: string } {
  // One pass each: text that looks like a placeholder, coming from a value, is never filled again.
  const fill = (text: string, as: (v: string) => string) => text.replace(PLACEHOLDER, (whole, name: string) => (Object.hasOwn(values, name) ? as(values[name as keyof TemplateValues]) : whole));
  return { title: plainLine(fill(template.title, plainLine)), body: fill(template.body, markdownLine).trim() };
}
