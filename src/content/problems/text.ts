import { entry } from './entry.ts';

/**
 * Reading a file before its keys mean anything: size and encoding (src/content/files.ts), the
 * front matter's --- lines and YAML itself (src/content/yaml-source.ts). YAML's own messages
 * name parser internals, so each error code the parser gives gets words of ours.
 */

/** When all we know is that the parser stopped. */
const CHECK_YAML = 'check the indentation and put text containing ": " or "#" in quotes';

export const TEXT = {
  fileTooLarge: entry('file-too-large', (kb: number, limitKb: number) => ({
    message: `the file is ${kb} KB, over the ${limitKb} KB limit`,
    hint: 'shorten it; link to long documents instead',
  })),
  binaryFile: entry('binary-file', () => ({
    message: 'the file is binary, not text',
    hint: 'save it as UTF-8 text',
  })),
  notUtf8: entry('not-utf8', () => ({
    message: 'the file is not UTF-8 text: this line has a character in another encoding',
    hint: 'save the file as UTF-8 (most editors offer it under "Save with encoding")',
  })),

  /* The front matter (readFrontMatter) */
  emptyFile: entry('empty-file', () => ({
    message: 'the file is empty',
    hint: 'start it with a front matter block between two --- lines (see "Content format" in the README)',
  })),
  noFrontMatter: entry('no-front-matter', (keys: string) => ({
    message: 'the file does not start with ---',
    hint: `put the front matter (${keys}) between two --- lines at the top`,
  })),
  frontMatterNotClosed: entry('front-matter-not-closed', () => ({
    message: 'the front matter is never closed',
    hint: 'add a line with only --- after the front matter',
  })),

  /* YAML (parseYamlDocument) */
  unclosedBracket: entry('unclosed-bracket', (opener: '{' | '[') => ({
    message: `this ${opener} is never closed`,
    hint: `end it with ${opener === '{' ? '}' : ']'} on the same line, like  components: ${opener === '{' ? '{ web-apps: partial_outage }' : '[web-apps, api]'}  or write one entry per line instead`,
  })),
  unclosedQuote: entry('unclosed-quote', (quote: string) => ({
    message: `this ${quote} quote is never closed`,
    hint: `end the text with ${quote}, or remove the opening ${quote}`,
  })),
  duplicateKey: entry('duplicate-key', () => ({
    message: 'this key appears twice',
    hint: 'keep one of the two lines',
  })),
  tabIndent: entry('tab-indent', () => ({
    message: 'a tab is used for indentation',
    hint: 'indent with spaces, not tabs',
  })),
  valueReadsAsKey: entry('value-reads-as-key', () => ({
    message: 'a value on this line reads as a new key: it contains ": " or is indented too far',
    hint: 'put text that contains ": " in quotes, like  body: "Error: timeout"; line up the keys of one item under each other',
  })),
  multilineKey: entry('multiline-key', () => ({
    message: 'a key runs over more than one line (a line without ": " or a wrong indent)',
    hint: CHECK_YAML,
  })),
  badIndent: entry('bad-indent', (parser: string) => ({
    message: `the indentation is wrong: ${parser}`,
    hint: CHECK_YAML,
  })),
  unknownTag: entry('unknown-tag', (tag: string) => ({
    message: `unknown YAML tag: ${tag}`,
    hint: 'remove the word starting with "!", or put the whole value in quotes',
  })),
  secondDocument: entry('second-document', () => ({
    message: 'the front matter holds a second YAML document (after a line with only ... or ---)',
    hint: 'remove the ... or --- line inside the front matter',
  })),
  yamlUnreadable: entry('yaml-unreadable', (parser: string) => ({
    message: `the YAML cannot be read: ${parser}`,
    hint: CHECK_YAML,
  })),
  specialCharacter: entry('special-character', (value: string, key: string | undefined) => ({
    message: `the value on this line starts with "${value.charAt(0)}", which YAML reads as a special character`,
    hint: `put the whole value in quotes${key ? `:  ${key}: "${value.replace(/["\\]/g, '\\$&')}"` : ''}`,
  })),
  unknownAlias: entry('unknown-alias', (name: string) => ({
    message: `*${name} refers to an anchor &${name} that is not defined above it`,
    hint: 'write the value out instead, or put text starting with "*" in quotes',
  })),
  aliasBomb: entry('alias-bomb', () => ({
    message: 'the aliases (*name) in this file expand to too much data',
    hint: 'write the values out instead of repeating them with & and *',
  })),
} as const;
