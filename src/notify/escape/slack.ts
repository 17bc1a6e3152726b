// Slack mrkdwn: Slack reads <…> as links and mentions (<!channel>, <@U123>, <https://x|y>), so
// & < > are escaped as Slack documents; bare @channel / @here / @everyone get a word joiner so no
// client turns them into a mention. Formatting characters stay: *bold* from a title is harmless.
import { plainText } from './text.ts';

const MENTION_ALL = /@(channel|here|everyone)\b/gi;

export const escapeSlack = (text: string): string =>
  plainText(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(MENTION_ALL, '@\u2060$1');

/** A link of our own: the URL is encoded so it cannot close the <…|…> early; the label is escaped. */
export function slackLink(url: string, label: string): string {
  if (!/^https?:\/\//.test(url)) throw new Error(`refusing a link to ${JSON.stringify(url)} in a Slack message`);
  return `<${url.replace(/[<>|\s]/g, (c) => encodeURIComponent(c))}|${escapeSlack(label).replace(/\|/g, '\u2758')}>`;
}
