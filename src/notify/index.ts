// The notification stage: after a deploy, tell subscribers what changed. Its public surface.
export { runNotify, type NotifyOptions, type NotifyReport, type ChannelReport } from './run.ts';
export { fileLedgerStore, parseLedger, serializeLedger, type Ledger, type LedgerStore } from './ledger.ts';
export { s3LedgerStore, LEDGER_KEY } from './ledger-s3.ts';
export { gitLedgerStore, LEDGER_BRANCH, LEDGER_FILE, type GitLedgerOptions } from './ledger-git.ts';
export { channelsOf, checkNotifications, type Channel } from './config.ts';
export { eventsSince, type NotifyEvent, type NotifyEventKind } from './events.ts';
export { DEFAULT_RETRY } from './retry.ts';
export type { RetryPolicy } from './upstream.ts';
export { signature, SIGNATURE_HEADER } from './render/webhook.ts';
export { notifyAsOf } from './cutoff.ts';
