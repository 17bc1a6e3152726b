import type { ShownState } from '../../state/index.ts';
import type { ClientSettings } from '../../view/index.ts';
import type { Times } from './times.ts';

/** What the home page's live refresh works with: the site's settings, the page's parts, and how a state is shown. */
export interface LivePage {
  site: ClientSettings;
  /** The site's root path, as the page's links start with it. */
  base: string;
  /** The open incidents' place (#live-incidents). */
  live: Element;
  times: Times;
  /** Shows a state on a state label; returns whether its text changed. */
  setState(node: Element | null, state: ShownState): boolean;
}
