import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { channelEntry, emptyLedger, fileLedgerStore, mergeLedgers, parseLedger, serializeLedger } from '../../src/notify/ledger.ts';
import { StatusError } from '../../src/shared/errors.ts';

describe('ledger', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'status-ledger-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('starts a new channel at now with nothing sent, and keeps an existing one', () => {
    const ledger = emptyLedger();
    assert.deepEqual(channelEntry(ledger, 'slack', Date.parse('2026-11-20T08:00:00Z')), { entry: { since: '2026-11-20T08:00:00.000Z', sent: [] }, added: true });
    ledger.channels.slack!.sent.push('a');
    assert.equal(channelEntry(ledger, 'slack', 0).added, false);
    assert.deepEqual(ledger.channels.slack!.sent, ['a']);
  });

  it('is written atomically (no temporary file left) and read back; a missing file is no ledger', async () => {
    const store = fileLedgerStore(path.join(dir, 'sub', 'ledger.json'));
    assert.equal(await store.read(), undefined);
    const ledger = { version: 1 as const, channels: { b: { since: '2026-11-20T08:00:00.000Z', sent: ['y', 'x', 'x'] } } };
    await store.write(ledger);
    assert.deepEqual(readdirSync(path.join(dir, 'sub')), ['ledger.json']);
    assert.deepEqual(await store.read(), { version: 1, channels: { b: { since: '2026-11-20T08:00:00.000Z', sent: ['x', 'y'] } } });
    assert.equal(serializeLedger(ledger), readFileSync(path.join(dir, 'sub', 'ledger.json'), 'utf8'));
  });

  it('refuses a damaged ledger with what to do, rather than starting afresh on its own', async () => {
    const file = path.join(dir, 'bad.json');
    writeFileSync(file, '{"version": 2}');
    await assert.rejects(fileLedgerStore(file).read(), (e: unknown) => e instanceof StatusError && /not a notification ledger .* restore it from a backup/.test(e.message));
    assert.throws(() => parseLedger('not json', 'x'), StatusError);
  });

  it('merges two runs: whatever either sent, was sent', () => {
    const a = { version: 1 as const, channels: { s: { since: '2026-11-20T08:00:00.000Z', sent: ['1', '2'] } } };
    const b = { version: 1 as const, channels: { s: { since: '2026-11-20T07:00:00.000Z', sent: ['2', '3'] }, t: { since: '2026-11-20T09:00:00.000Z', sent: [] } } };
    assert.deepEqual(mergeLedgers(a, b), { version: 1, channels: { s: { since: '2026-11-20T07:00:00.000Z', sent: ['1', '2', '3'] }, t: { since: '2026-11-20T09:00:00.000Z', sent: [] } } });
  });
});
