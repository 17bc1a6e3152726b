// What was already sent, per channel: the record that makes every message go out exactly once.
// A channel starts at the instant the ledger first saw it (`since`): what happened before is
// never sent, so a first run does not flood anyone with old incidents. After that, each event id
// sent is listed; the ledger is written after each send, so an interrupted run resends nothing.
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { iso, parseJson, StatusError } from './upstream.ts';

const channelLedgerSchema = z.object({
  /** Events at or before this instant are never sent on this channel. */
  since: z.iso.datetime(),
  /** Ids of the events sent after `since`. */
  sent: z.array(z.string()),
});
const ledgerSchema = z.object({ version: z.literal(1), channels: z.record(z.string(), channelLedgerSchema) });

export type Ledger = z.infer<typeof ledgerSchema>;
export type ChannelLedger = z.infer<typeof channelLedgerSchema>;

export const emptyLedger = (): Ledger => ({ version: 1, channels: {} });

/**
 * The channel's entry, added when the ledger has none: starting now, with `present` (the ids of
 * events already on the page whose time is not known) counted as sent.
 */
export function channelEntry(ledger: Ledger, name: string, now: number, present: readonly string[] = []): { entry: ChannelLedger; added: boolean } {
  const found = ledger.channels[name];
  if (found) return { entry: found, added: false };
  const entry = { since: iso(now), sent: [...present] };
  ledger.channels[name] = entry;
  return { entry, added: true };
}

export function parseLedger(text: string, where: string): Ledger {
  const parsed = parseJson(ledgerSchema, text);
  if (parsed === undefined) {
    throw new StatusError('IO', `${where} is not a notification ledger this version understands — restore it from a backup; deleting it makes the next run start afresh (it then sends nothing and records the present as sent)`);
  }
  return parsed;
}

/** Stable text: channels by name, ids sorted, so an unchanged ledger gives the same bytes. */
export function serializeLedger(ledger: Ledger): string {
  const channels = Object.fromEntries(
    Object.keys(ledger.channels).sort().map((name) => {
      const c = ledger.channels[name]!;
      return [name, { since: c.since, sent: [...new Set(c.sent)].sort() }];
    }),
  );
  return `${JSON.stringify({ version: 1, channels }, null, 1)}\n`;
}

/** Two ledgers of the same page joined: whatever either says was sent, was sent. */
export function mergeLedgers(a: Ledger, b: Ledger): Ledger {
  const merged = emptyLedger();
  for (const name of new Set([...Object.keys(a.channels), ...Object.keys(b.channels)])) {
    const x = a.channels[name];
    const y = b.channels[name];
    merged.channels[name] = !x || !y ? structuredClone((x ?? y)!) : { since: x.since < y.since ? x.since : y.since, sent: [...new Set([...x.sent, ...y.sent])] };
  }
  return merged;
}

/** Where the ledger is kept between runs. */
export interface LedgerStore {
  /** Shown in messages: a file path or an s3:// address. */
  readonly where: string;
  /** The ledger, or undefined when there is none yet. */
  read(): Promise<Ledger | undefined>;
  /** Replaces the ledger; may merge with a copy another run wrote meanwhile, returning what was written. */
  write(ledger: Ledger): Promise<Ledger>;
  /**
   * Keeps other runs from sending until the returned release is called: taken before the ledger
   * is read, given back after the run. Stores shared by runs that may overlap offer it.
   */
  hold?(now: number): Promise<() => Promise<void>>;
}

/** A JSON file, replaced atomically (temporary file + rename), so a crash never leaves half a ledger. */
export function fileLedgerStore(file: string): LedgerStore {
  const shown = path.relative(process.cwd(), file) || file;
  return {
    where: shown,
    async read() {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw new StatusError('IO', `could not read the ledger ${shown}: ${(error as Error).message}`, [], { cause: error });
      }
      return parseLedger(text, shown);
    },
    async write(ledger) {
      const temp = `${file}.${randomUUID()}.tmp`;
      try {
        mkdirSync(path.dirname(file), { recursive: true });
        writeFileSync(temp, serializeLedger(ledger));
        renameSync(temp, file);
      } catch (error) {
        rmSync(temp, { force: true });
        throw new StatusError('IO', `could not write the ledger ${shown}: ${(error as Error).message}`, [], { cause: error });
      }
      return ledger;
    },
  };
}
