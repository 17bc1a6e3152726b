import { readFileSync } from 'node:fs';
import { StatusError, type Problem } from '../shared/errors.ts';
import { stamp } from '../shared/format.ts';
import { type Content, lineAt, loadContent, parseYaml, PROBLEMS, problemAt, type YamlSource } from '../content/index.ts';

/** `npm run check`: every problem in the content, plus warnings that need "now" to see. */

const DAY = 86_400_000;
/** An incident left open longer than this was probably forgotten. */
export const STALE_OPEN_DAYS = 7;

export interface CheckResult {
  problems: Problem[];
  /** Set when the content loaded (no errors). */
  content?: Content;
}

export function checkContent(contentDir: string, now: number): CheckResult {
  try {
    const content = loadContent(contentDir);
    return { content, problems: [...content.warnings, ...timeWarnings(content, now)] };
  } catch (error) {
    // Every refusal of the content lists its problems (a missing site file too); anything else is the entry point's to print.
    if (!(error instanceof StatusError) || !error.problems.length) throw error;
    return { problems: error.problems };
  }
}

export const errorCount = (problems: Problem[]) => problems.filter((p) => p.severity === 'error').length;

/** Warnings that depend on the time of the check: forgotten open incidents, times in the future. */
export function timeWarnings(content: Content, now: number): Problem[] {
  const clock = { zone: content.site.time_zone, locale: content.site.locale };
  const warnings: Problem[] = [];
  for (const incident of content.incidents) {
    const source = frontMatter(incident.file);
    const at = problemAt(incident.file);
    // The model keeps updates oldest first; the file lists them newest first.
    const line = (i: number) => (source ? lineAt(source, ['updates', incident.updates.length - 1 - i, 'at']) : 1);
    const first = incident.updates[0]!;
    const last = incident.updates.at(-1)!;
    if (last.status !== 'resolved' && first.at <= now && now - first.at > STALE_OPEN_DAYS * DAY) {
      warnings.push(at(line(incident.updates.length - 1), PROBLEMS.openTooLong(Math.floor((now - first.at) / DAY), stamp(first.at, clock), incident.id)));
    }
    incident.updates.forEach((u, i) => {
      if (u.at > now) warnings.push(at(line(i), PROBLEMS.updateInFuture(stamp(u.at, clock))));
    });
  }
  return warnings;
}

function frontMatter(file: string): YamlSource | undefined {
  const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const m = /^---[ \t]*\n([\s\S]*?\n)---[ \t]*(\n|$)/.exec(text);
  return m ? parseYaml(m[1]!, file, 2).source : undefined;
}

// GitHub's workflow command format: data escapes %, CR, LF; properties also `:` and `,`.
const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** A GitHub Actions annotation, so the problem shows on the pull request's diff at its line. */
export function annotation(p: Problem): string {
  const text = `${p.message}${p.hint ? ` — ${p.hint}` : ''}`;
  const props = `file=${escapeProperty(p.file)},line=${p.line},title=${escapeProperty(p.severity === 'error' ? 'Content error' : 'Content warning')}`;
  return `::${p.severity} ${props}::${escapeData(text)}`;
}

/** A Markdown table for the workflow run's summary page. */
export function summaryMarkdown(problems: Problem[]): string {
  if (!problems.length) return '### Content check\n\nNo problems.\n';
  const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const rows = problems.map((p) => `| ${p.severity} | \`${cell(p.file)}:${p.line}\` | ${cell(p.message)} | ${cell(p.hint ?? '')} |`);
  return ['### Content check', '', '| | Where | Problem | What to do |', '| --- | --- | --- | --- |', ...rows, ''].join('\n');
}
