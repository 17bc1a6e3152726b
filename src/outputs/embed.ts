import { StatusError } from '../shared/errors.ts';
import type { StatusState } from '../state/index.ts';
import { EMBED_SCRIPT_URL, embedTexts, siteLocale } from '../view/index.ts';
import type { OutputFile, Output } from './files.ts';

/**
 * The status embed: a script other sites include with one tag, at the path Statuspage's own embed
 * uses, so a migrating site changes only the host name. It finds the site from its own address and
 * reads api/v2/summary.json at run time. Its code is bundled from src/client/ once per process;
 * each build writes the site's strings into it.
 */

export const EMBED_SCRIPT = EMBED_SCRIPT_URL.slice(1);

/**
 * The name the bundled script has where its strings go (src/client/browser/embed.ts declares it).
 * The build puts them there as a JSON object between a texts comment and an end comment, so a
 * reader of the served file sees where they are.
 */
export const EMBED_TEXTS_SLOT = '__STATUS_EMBED_TEXTS__';

/** Producer: embed/script.js, with the strings of the site's language; `script` is the bundled embed. */
export function embedFiles(state: StatusState, script: () => string): Iterable<OutputFile> {
  return {
    *[Symbol.iterator]() {
      const texts = embedTexts(siteLocale(state.content.site));
      const source = script();
      const parts = source.split(EMBED_TEXTS_SLOT);
      if (parts.length !== 2) throw new StatusError('IO', `the bundled status embed names ${EMBED_TEXTS_SLOT} ${parts.length - 1} times instead of once; see src/client/browser/embed.ts`);
      yield { path: EMBED_SCRIPT, content: `${parts[0]}/*texts*/ ${JSON.stringify(texts)} /*end*/${parts[1]}` };
    },
  };
}

/** Output: the status embed, served with CORS so other sites may load it with crossorigin. */
export const embedOutput: Output = {
  produce: (state, { embedScript }) => embedFiles(state, embedScript),
  serves: [{ path: EMBED_SCRIPT_URL, type: 'text/javascript; charset=utf-8' }],
};
