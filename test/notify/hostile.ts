// Hostile text for the notification tests: the XSS payloads of test/fixtures/xss plus each chat
// service's mention-all and link tricks. What a contributor writes must never become a mention, a
// link or markup the format would not show as plain text.
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The XSS payloads the page's own tests use (test/xss.test.ts). */
export const XSS = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../fixtures/xss/payloads.json'), 'utf8')) as { payloads: { name: string; payload: string }[] };
/** Mentions, masked links and formatting each chat service would act on. */
export const CHAT = [
  '<!channel> <!here> <!everyone> <@U024BE7LH> <#C024BE7LR> <!subteam^SAZ94GDB8>',
  '@channel @here @everyone @Everyone',
  '<https://evil.invalid|Click to reset your password>',
  '[Click to reset your password](https://evil.invalid) and [x]( https://evil.invalid )',
  '<@123456789012345678> <@&123456789012345678> <#123456789012345678> ||spoiler|| `code` **bold** __u__ ~~s~~',
  '# Heading\n> quote\n- list\n1. one\n```\nfence\n```',
  'Tab\tand \u001b[31mred\u001b[0m and bidi \u202Egnp.exe',
  '&amp; &lt;script&gt; & < >',
];
/** Every hostile text, XSS payloads first. */
export const HOSTILE = [...XSS.payloads.map((p) => p.payload), ...CHAT];
