// What one run shares with every channel's renderer: the message of each event and its Statuspage
// payload, each made at most once however many channels send it, and only when one asks.
import type { NotifyEvent } from '../events.ts';
import { messageMaker } from '../message.ts';
import type { HttpDelivery } from '../render/types.ts';
import { webhookMaker } from '../render/webhook.ts';
import type { Locale, StatusState } from '../upstream.ts';
import type { RenderContext } from './kind.ts';

/** The context for `events` (the events any channel may send in this run) of `state`. */
export function renderContext(state: StatusState, events: readonly NotifyEvent[], locale: Locale): RenderContext {
  const message = memo(messageMaker(state, events, locale));
  let statuspage: ((event: NotifyEvent) => HttpDelivery) | undefined;
  return {
    message,
    // The API objects are made on first use: a run without webhooks never needs them.
    statuspage: (event) => (statuspage ??= webhookMaker(state, events))(event),
    t: locale.messages.notify,
    siteUrl: state.content.site.url,
  };
}

function memo<K, V>(make: (key: K) => V): (key: K) => V {
  const made = new Map<K, V>();
  return (key) => {
    if (!made.has(key)) made.set(key, make(key));
    return made.get(key)!;
  };
}
