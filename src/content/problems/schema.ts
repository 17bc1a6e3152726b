import { entry, format, guessOr } from './entry.ts';

/**
 * A file's keys and values against its schema (src/content/schema.ts), as schemaProblems in
 * src/content/yaml-source.ts words zod's issues. `where` is a path like `updates[2].at`; `written`
 * is the value as written, quoted; an example is a whole line like `impact: minor`.
 */

/** How a problem names the type zod expected. */
const TYPE_NAMES: Record<string, string> = { string: 'text', number: 'a number', int: 'a whole number', boolean: 'true or false', array: 'a list', object: 'a map', record: 'a map' };

const typeName = (expected: string) => TYPE_NAMES[expected] ?? expected;

const ID_HINT = 'use lowercase letters, digits and dashes, like web-apps';
const TIME_HINT = 'write a time like 2026-11-20 14:05 (in the site time zone) or 2026-11-20T14:05:00+01:00';

export const SCHEMA = {
  missingKey: entry('missing-key', (where: string, example: string | undefined, key: string) => ({
    message: `${where} is missing`,
    hint: `add a line like  ${example ?? `${key}: …`}`,
  })),
  fileNotAMap: entry('file-not-a-map', (written: string) => ({
    message: `the file must be a map of keys — got ${written}`,
    hint: 'write one  key: value  pair per line, starting at the left edge; see README "Content format"',
  })),
  statesNotAMap: entry('states-not-a-map', (where: string, written: string) => ({
    message: `${where} must be a map — got ${written}`,
    hint: 'write one  id: state  line per item under it, indented, like    web-apps: partial_outage',
  })),
  stringsNotNested: entry('strings-not-nested', (where: string, written: string) => ({
    message: `${where} must be a map — got ${written}`,
    hint: 'nest language, section and key, like  strings: { en: { site: { history: Past incidents } } }  (the keys of locales/en.json)',
  })),
  /** `quote`: free text YAML read as something else, where quotes are the fix. */
  wrongType: entry('wrong-type', (where: string, expected: string, written: string, example: string | undefined, quote: boolean) => ({
    message: `${where} must be ${typeName(expected)} — got ${written}`,
    hint: quote ? 'put the text in quotes' : example ? `write it like  ${example}` : `write ${typeName(expected)} here`,
  })),
  /** `runOn`: the value starts with an allowed one and goes on ("resolved We restarted …"). */
  notOneOf: entry('not-one-of', (where: string, options: readonly string[], written: string, key: string, guess: string | undefined, runOn: string | undefined) => ({
    message: `${where} must be one of ${options.join(', ')} — got ${written}`,
    hint: runOn ? `write  ${key}: ${runOn}  and put the rest on a line of its own` : guessOr(guess, `write one of: ${options.join(', ')}`),
  })),
  unknownKey: entry('unknown-key', (keys: readonly string[], where: string | undefined, guess: string | undefined) => ({
    message: unknownKeyText(keys, where),
    hint: guessOr(guess, 'remove it, or check its indentation'),
  })),
  mergeKey: entry('merge-key', (where: string | undefined) => ({
    message: unknownKeyText(['<<'], where),
    hint: 'YAML merge keys (<<) are not supported: write the keys out',
  })),
  tooFewItems: entry('too-few-items', (where: string, least: number, example: string | undefined) => ({
    message: `${where} needs at least ${least} item`,
    hint: example ? `write it like  ${example}` : `list at least ${least === 1 ? 'one' : least}, or remove the key`,
  })),
  /** `least`: "at least 1" or "more than 0". */
  numberTooSmall: entry('number-too-small', (where: string, least: string, written: string, example: string | undefined) => ({
    message: `${where} must be ${least} — got ${written}`,
    hint: example ? `write it like  ${example}` : `write a number ${least}`,
  })),
  emptyValue: entry('empty-value', (where: string, example: string | undefined) => ({
    message: `${where} is empty`,
    hint: example ? `write it like  ${example}` : 'write the value here',
  })),
  /** `accent: #6b21a8` unquoted reads as an empty value followed by a comment. */
  colourUnquoted: entry('colour-unquoted', (where: string, key: string) => ({
    message: `${where} is empty`,
    hint: `put the colour in quotes, like  ${key}: "#6b21a8"  (unquoted, # starts a comment)`,
  })),
  idKey: entry('id-key', (parent: string, written: string) => ({
    message: `${parent} has a key that is not a valid id: ${written}`,
    hint: ID_HINT,
  })),
  /** A value zod refused in its own words: a check written without one of the FORMATS below. */
  notValid: entry('not-valid', (where: string, written: string, zod: string) => ({
    message: `${where} is not valid: ${written}`,
    hint: zod,
  })),
  /** A time of the right shape that does not exist; `reason` comes from parseTimestamp (src/shared/time.ts). */
  impossibleTime: entry('impossible-time', (where: string, reason: string) => ({
    message: `${where}: ${reason}`,
    hint: TIME_HINT,
  })),
} as const;

function unknownKeyText(keys: readonly string[], where: string | undefined): string {
  return `unknown key "${keys.join('", "')}"${where ? ` in ${where}` : ''}`;
}

/**
 * The formats the schema checks, each with the hint its check carries as the issue's text
 * (`{ error: FORMATS.id.hint }`); schemaProblems finds the entry again by that text.
 */
export const FORMATS = {
  id: format('id-format', ID_HINT),
  time: format('time-format', TIME_HINT),
  date: format('date-format', 'write a date like 2024-01-31'),
  timeZone: format('time-zone', 'use an IANA time zone name, like Europe/Berlin or Etc/UTC'),
  siteUrl: format('site-url', 'write the public address, like https://status.example.com/'),
  supportUrl: format('support-url', 'write a web address, like https://example.com/support'),
  colour: format('colour-format', 'write a colour as #rgb or #rrggbb, in quotes, like  accent: "#6b21a8"'),
  envName: format('env-name', 'name an environment variable (capitals, digits and _), like SLACK_WEBHOOK_URL'),
  channelName: format('channel-name', 'use letters, digits and : _ . -, like ops-slack'),
  email: format('email-address', 'write an email address, like status-announce@example.org'),
  mailOrWeb: format('mail-or-web-address', 'write a mailto: or https:// address'),
  probeUrl: format('probe-url', 'write the address to check, starting with https:// or http://, like  http: https://example.com/health'),
  hostPort: format('host-port', 'write a host name and a port, like  tcp: db.example.com:5432  (an IPv6 address in brackets: [2001:db8::1]:443)'),
  /** A time in an alert from monitoring (src/alerts/): there is no site zone to read it in. */
  alertTime: format('alert-time', 'send an ISO 8601 time with its offset, like 2026-11-20T14:05:00Z, or milliseconds since 1970'),
} as const;
