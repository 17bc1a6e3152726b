// Adaptive Card TextBlock Markdown (Teams): bold, italic, lists and [text](url) links. Their
// characters are backslash-escaped, and a zero-width space parts any "](" left, so a contributor
// cannot write a link or a list; <…> autolinks are escaped too.
import { plainText } from './text.ts';

export const escapeTeams = (text: string): string =>
  plainText(text)
    .replace(/[\\*_~`[\]<>#]/g, '\\$&')
    .replace(/^(\s*)([-+]|\d+\.)(?=\s)/gm, '$1\\$2')
    .replace(/\]\(/g, ']\u200b(');
