// The ledger on a branch of the status repository, for hosts that build from git and have no
// bucket: every CI checkout can fetch and push its own repository. Two files on the branch: the
// ledger, and a hold that one run takes before sending (and gives back after), so two runs started
// together never send the same message; every write of the ledger is merged with what another run
// wrote, so nothing recorded is lost either. A hold lapses after `holdMs` of the holder's clock, so
// a run that was killed blocks the next ones for that long at most.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { mergeLedgers, parseLedger, serializeLedger, type Ledger, type LedgerStore } from './ledger.ts';
import { branchFile, iso, parseJson, sleep, STATE_BRANCH, StatusError } from './upstream.ts';

/** The branch's default name: the branch of machine-written state. */
export const LEDGER_BRANCH = STATE_BRANCH;
export const LEDGER_FILE = 'notify-ledger.json';
const HOLD_FILE = 'notify-hold.json';

const holdSchema = z.object({ holder: z.string().nullable(), since: z.iso.datetime().optional(), until: z.iso.datetime().optional() });

export interface GitLedgerOptions {
  /** A folder of the status repository's checkout. */
  cwd: string;
  remote?: string;
  branch?: string;
  env?: NodeJS.ProcessEnv;
  /** The run's now: the commits' time, and the start of its hold. */
  now: number;
  /** Pushes tried per write when other runs keep pushing first. */
  attempts?: number;
  /** How long a hold lasts, from the holder's now. */
  holdMs?: number;
  /** Longest wait for another run's hold to end (10 minutes of holding; a run seldom takes one). */
  waitMs?: number;
  /** Told of each push refused because another run pushed first, and each wait for a hold. */
  onRetry?: (what: 'refused' | 'held') => void;
}

export function gitLedgerStore(options: GitLedgerOptions): LedgerStore {
  const { now, onRetry } = options;
  const holdMs = options.holdMs ?? 10 * 60_000;
  const waitMs = options.waitMs ?? 5 * 60_000;
  const common = { cwd: options.cwd, remote: options.remote, branch: options.branch ?? LEDGER_BRANCH, env: options.env, now, attempts: options.attempts, onRefused: () => onRetry?.('refused') };
  const ledgerFile = branchFile({ ...common, file: LEDGER_FILE, message: 'Record the notifications sent' });
  const holdFile = branchFile({ ...common, file: HOLD_FILE, message: 'Hold or release the notification ledger' });
  const where = ledgerFile.where;

  const parseHold = (text: string | undefined) => {
    if (text === undefined) return { holder: null };
    const hold = parseJson(holdSchema, text);
    if (!hold) throw new StatusError('IO', `${holdFile.where} is not a hold this version understands — delete the file from the branch`);
    return hold;
  };
  const holdText = (hold: z.infer<typeof holdSchema>) => `${JSON.stringify(hold, null, 1)}\n`;

  return {
    where,
    async read() {
      const text = await ledgerFile.read();
      return text === undefined ? undefined : parseLedger(text, where);
    },
    async write(ledger) {
      let written: Ledger = ledger;
      await ledgerFile.update((old) => {
        // What another run recorded meanwhile is kept: the ledger says all that either sent.
        written = old === undefined ? ledger : mergeLedgers(parseLedger(old, where), ledger);
        return serializeLedger(written);
      });
      return written;
    },
    async hold(runNow) {
      const me = randomUUID();
      const started = performance.now();
      let other: z.infer<typeof holdSchema> | undefined;
      // Bounded by time (waitMs) and, should the clock stall, by count.
      for (let n = 0; n < 1000; n++) {
        // The run's now moves on while it waits, so a hold that lapses meanwhile is taken over.
        const at = runNow + (performance.now() - started);
        await holdFile.update((old) => {
          const hold = parseHold(old);
          other = hold.holder && hold.holder !== me && Date.parse(hold.until ?? '') > at ? hold : undefined;
          return other ? old! : holdText({ holder: me, since: iso(runNow), until: iso(runNow + holdMs) });
        });
        if (!other) break;
        if (performance.now() - started > waitMs) {
          throw new StatusError('IO', `another notification run has held ${where} since ${other.since} (until ${other.until} at the latest); this run waited ${Math.round(waitMs / 1000)} s and sent nothing — run again later`);
        }
        onRetry?.('held');
        await sleep(Math.min(200 * 2 ** Math.min(n, 5), 2000) * (0.8 + Math.random() * 0.4));
      }
      return async () => {
        await holdFile.update((old) => (parseHold(old).holder === me ? holdText({ holder: null }) : old!));
      };
    },
  };
}
