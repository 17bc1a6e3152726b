import type { Problem } from '../../shared/errors.ts';
import { ALERTS } from './alerts.ts';
import { BRAND } from './brand.ts';
import { ENTRIES } from './entries.ts';
import type { Entry, Said } from './entry.ts';
import { CHECK, LOCALES, NOTIFY } from './outside.ts';
import { PROBES } from './probes.ts';
import { FORMATS, SCHEMA } from './schema.ts';
import { SITE } from './site.ts';
import { TEMPLATES } from './templates.ts';
import { TEXT } from './text.ts';

/**
 * The catalogue: every problem the tool reports about content and configuration, each with a
 * stable code, its message and a hint saying what to write instead, so a wording lives in one
 * place and the same mistake reads the same wherever it is found. A check reports one as
 *
 *     const at = problemAt(file);
 *     problems.push(at(line, PROBLEMS.unknownComponent(id, guess, known)));
 *
 * where `at` adds the file and the line to what the entry says. How to word an entry: the message
 * says what is wrong with what was written, naming the key and quoting the value; the hint says
 * what to write instead, with an example line where one helps. Neither names code, parsers or
 * internals. Every entry has a case that gives it in test/content/problems.test.ts.
 */

export { entry, type Entry, type FormatEntry, type Said } from './entry.ts';
export { PROBE_EXAMPLE } from './probes.ts';
export { FORMATS } from './schema.ts';

/** The areas, each in its own file: by what is being read. */
const AREAS = { TEXT, SCHEMA, SITE, BRAND, ENTRIES, PROBES, NOTIFY, LOCALES, CHECK, ALERTS, TEMPLATES } as const;

export const PROBLEMS = { ...TEXT, ...SCHEMA, ...SITE, ...BRAND, ...ENTRIES, ...PROBES, ...NOTIFY, ...LOCALES, ...CHECK, ...ALERTS, ...TEMPLATES } as const;

/** Every entry, the FORMATS the schema checks among them. */
export const CATALOGUE: readonly Entry[] = [...Object.values(AREAS).flatMap((area) => Object.values(area) as Entry[]), ...Object.values(FORMATS)];

/** Puts what an entry said at a line of a file. */
export type At = (line: number, said: Said) => Problem;

export const problemAt = (file: string): At => (line, said) => ({ file, line, ...said });
