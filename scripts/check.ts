// `npm run check`: validates the content; on GitHub Actions the problems also become PR annotations.
import { appendFileSync } from 'node:fs';
import { annotation, checkContent, errorCount, summaryMarkdown } from '../src/authoring/index.ts';
import type { Content } from '../src/content/index.ts';
import { checkNotifications } from '../src/notify/index.ts';
import { resolveNow } from '../src/shared/clock.ts';
import { formatProblem, StatusError, type Problem } from '../src/shared/errors.ts';
import { parseFlags } from './prompt.ts';

const HELP = `Usage: npm run check -- [--content <dir>] [--now <iso time>]

Validates the site file and every incident and prints each problem as
  file:line: message — what to do
Exits with 1 when there is an error. Warnings (an incident open for more than a week, an
update dated in the future) are printed but do not fail the check.

Inside GitHub Actions (GITHUB_ACTIONS=true) each problem is also printed as a workflow
annotation, so it shows on the pull request's diff at its line, and a table is added to the
run's summary.

  --content <dir>    the content folder (default content/)
  --now <iso time>   check as of this instant (default: the clock, or STATUS_NOW)
  -h, --help         this help`;

export async function main(argv: string[]): Promise<void> {
  const { values } = parseFlags(argv, {
    content: { type: 'string' },
    now: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) return void console.log(HELP);
  const contentDir = values.content ?? process.env.STATUS_CONTENT ?? 'content';
  const checked = checkContent(contentDir, resolveNow(argv));
  const { content } = checked;
  const problems = [...checked.problems, ...notificationProblems(content, contentDir)];

  for (const p of problems) (p.severity === 'error' ? console.error : console.warn)(formatProblem(p));
  if (process.env.GITHUB_ACTIONS === 'true') {
    for (const p of problems) console.log(annotation(p));
    if (process.env.GITHUB_STEP_SUMMARY) appendFileSync(process.env.GITHUB_STEP_SUMMARY, summaryMarkdown(problems));
  }
  const errors = errorCount(problems);
  const warnings = problems.length - errors;
  const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (errors) {
    console.error(`${count(errors, 'error')}, ${count(warnings, 'warning')}: fix the errors above (file:line) and run npm run check again`);
    process.exitCode = 1;
  } else {
    console.log(`Content OK: ${count(content!.incidents.length, 'incident')}, ${count(warnings, 'warning')}`);
  }
}

/** The notifications config's own checks (component ids, names used twice), once the content loaded. */
function notificationProblems(content: Content | undefined, contentDir: string): Problem[] {
  if (!content) return [];
  try {
    checkNotifications(content.site, contentDir);
    return [];
  } catch (error) {
    if (error instanceof StatusError) return error.problems;
    throw error;
  }
}
