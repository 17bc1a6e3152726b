// Discord Markdown: every formatting character is backslash-escaped (so no masked link [x](url),
// spoiler, heading or quote can be written by a contributor), `<` too (no <@id>, <#id>, <@&role>),
// and @everyone / @here get a zero-width space. The payload also sets allowed_mentions: {parse: []},
// so even a mention that got through would ping nobody.
import { plainText } from './text.ts';

export const escapeDiscord = (text: string): string =>
  plainText(text)
    .replace(/[\\*_~`|>#\-[\]()<]/g, '\\$&')
    .replace(/^(\s*\d+)\.(?=\s)/gm, '$1\\.')
    .replace(/@(everyone|here)/gi, '@\u200b$1');
