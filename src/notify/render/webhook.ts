// Generic webhook: Statuspage's webhook payload, so receivers written for Statuspage work
// unchanged. The incident (or maintenance) object is the one our API publishes at
// api/v2/incidents/<id>.json, taken from the same producer; with a secret, the raw body is signed.
import { createHmac } from 'node:crypto';
import type { NotifyEvent } from '../events.ts';
import { absoluteUrl, apiObjects, iso, pageId, stableId, SUBSCRIBE_URL, type StatusState } from '../upstream.ts';
import type { HttpDelivery } from './types.ts';

export const SIGNATURE_HEADER = 'x-status-signature';

/** `sha256=<hex>` of the body, as the X-Status-Signature header carries it. */
export const signature = (secret: string, body: string) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

/** The payload with its signature header added: the HMAC of exactly the bytes sent. */
export const signed = (delivery: HttpDelivery, secret: string): HttpDelivery => ({
  body: delivery.body,
  headers: { ...delivery.headers, [SIGNATURE_HEADER]: signature(secret, delivery.body) },
});

/**
 * Payloads for the given events, unsigned (see `signed`). The API producer is walked once, and
 * only the files of the incidents and maintenances these events are about are made.
 */
export function webhookMaker(state: StatusState, events: readonly NotifyEvent[]): (event: NotifyEvent) => HttpDelivery {
  const { site } = state.content;
  // The same API objects the api/v2 files are made of, made only for the events that need them.
  const api = apiObjects(state);
  const components = new Map(api.components.map((c) => [c.id, c]));
  const meta = { unsubscribe: absoluteUrl(site.url, SUBSCRIBE_URL), documentation: absoluteUrl(site.url, SUBSCRIBE_URL) };
  const page = { id: pageId(site.url), status_indicator: state.indicator, status_description: state.description };

  return (event) => {
    let payload: object;
    if ('incident' in event) payload = { meta, page, incident: api.incident(event.incident) };
    else if ('maintenance' in event) payload = { meta, page, incident: api.maintenance(event.maintenance) };
    else {
      const id = event.componentIds[0];
      const c = components.get(id);
      payload = {
        meta,
        page,
        component_update: { created_at: iso(event.at), new_status: event.to, old_status: event.from, id: stableId(event.id), component_id: id },
        component: { created_at: c?.created_at ?? iso(event.at), id, name: c?.name ?? id, status: event.to },
      };
    }
    const body = JSON.stringify(payload);
    const headers: Record<string, string> = {
      'content-type': 'application/json; charset=utf-8',
      'x-status-event': event.kind,
      // Receivers can drop a message they already have by this id.
      'x-status-event-id': event.id,
    };
    return { body, headers };
  };
}
