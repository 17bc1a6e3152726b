/** Alerts from monitoring: payloads of Alertmanager, Grafana, Datadog, PagerDuty or the generic shape made into one list of events, and the relay that passes them to a repository. */
export { ALERT_SOURCES, ALERT_STATUSES, alertEventSchema, SUMMARY_MAX, type AlertEvent, type AlertSource, type AlertStatus } from './event.ts';
export { alertComponents, normaliseAlerts, PAYLOAD_MAX_BYTES, readAlertPayload, type AlertComponents, type AlertPayload, type Normalised } from './normalise.ts';
export { DISPATCH_EVENT, relay, RELAY_MAX_BYTES, type RelayEnv } from './relay.ts';
export { relayServer } from './node-server.ts';
export { applyAlertEvents, firingFileText, readFiringFile, recordFiringOnBranch } from './firing.ts';
