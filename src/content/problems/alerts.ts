import { entry, guessOr } from './entry.ts';

/**
 * An alert from monitoring, as `markdown-status alert` reads it (src/alerts/): the payload a
 * monitoring service posted, and the component it is about. The payload's fields past its shape
 * are worded by the schema entries (missing-key, not-one-of, …) like any file's.
 */

const SHAPES = 'Alertmanager (webhook version 4), Grafana alerting, PagerDuty (webhooks v3), or the Datadog or generic template of the README, "Monitoring and alerts"';

export const ALERTS = {
  /* The site file's alerts: */
  alertNamesNotAMap: entry('alert-names-not-a-map', (where: string, written: string) => ({
    message: `${where} must be a map — got ${written}`,
    hint: 'write one  name: component-id  line per name under it, indented, like    checkout-service: web-apps',
  })),

  /* The alert */
  alertNotJson: entry('alert-not-json', (reason: string) => ({
    message: `the alert is not JSON: ${reason}`,
    hint: 'pass the body the monitoring service posted, unchanged',
  })),
  /** `keys`: the payload's top-level keys (or what it is when it is not a map). */
  alertShapeUnknown: entry('alert-shape-unknown', (what: string) => ({
    message: `the alert is none of the kinds this tool reads (${what})`,
    hint: `send ${SHAPES}; or say which it is, like  "source": "generic"`,
  })),
  alertSourceUnknown: entry('alert-source-unknown', (written: string, guess: string | undefined, known: readonly string[]) => ({
    message: `the alert names the source "${written}", which this tool does not read`,
    hint: guessOr(guess, `use one of: ${known.join(', ')}`),
  })),
  /** `names`: what the alert calls it, each with where (`label component`, `service`). Reported, never guessed. */
  alertComponentUnknown: entry('alert-component-unknown', (key: string, names: readonly string[], known: readonly string[]) => ({
    message: `alert "${key}" is about ${names.join(' or ')}, which is not a component id of the site file nor in its alerts.components`,
    hint: `map it in the site file, like  alerts: { components: { "${/"([^"]*)"/.exec(names[0] ?? '')?.[1] ?? 'name'}": ${known[0] ?? 'web-apps'} } }  — the component ids are ${known.join(', ')}`,
  }), 'warning'),
} as const;
