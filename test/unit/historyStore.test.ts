import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { HistoryStore, newRecordId, type NewHistoryRecord } from '../../src/core/history';
import { encodeEntry, headerLine } from '../../src/core/history/format';
import type { HistoryRecord, Logger } from '../../src/core/types';

const T0 = Date.parse('2026-03-01T08:00:00.000Z');

function draft(i: number, overrides: Partial<HistoryRecord> = {}): NewHistoryRecord {
  const at = new Date(T0 + i * 1000).toISOString();
  return {
    messageId: String(5_000_000 + i),
    to: '243812345678',
    from: 'GUEST',
    message: `Message ${i}`,
    encoding: 'GSM-7',
    segments: 1,
    sendStatus: 'sent',
    description: 'Sent',
    deliveryStatus: 'delivered',
    sentAt: at,
    updatedAt: at,
    sandbox: false,
    ...overrides,
  };
}

function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return { lines, trace: () => {}, info: (m) => lines.push(`info ${m}`), warn: (m) => lines.push(`warn ${m}`), error: (m) => lines.push(`error ${m}`) };
}

async function fileLines(file: string): Promise<string[]> {
  return (await fs.readFile(file, 'utf8')).split('\n').filter((l) => l !== '');
}

describe('HistoryStore', () => {
  let dir: string;
  const open: HistoryStore[] = [];
  async function openStore(options: { maxMessages?: number; logger?: Logger } = {}): Promise<HistoryStore> {
    const store = await HistoryStore.open({ dir, ...options });
    open.push(store);
    return store;
  }

  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'keccel-history-'));
  });
  afterEach(async () => {
    for (const store of open.splice(0)) await store.close();
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('adds and patches many records in one append each, and reopens them as written', async () => {
    const store = await openStore();
    const events: string[][] = [];
    store.onDidChange((e) => events.push(e.ids));
    const added = await store.addMany([draft(0, { id: 'a0' }), draft(1, { id: 'a1' }), draft(2, { id: 'a2' })]);
    assert.deepEqual(added.map((r) => r.id), ['a0', 'a1', 'a2']);
    assert.equal(events.length, 1, 'one change event for the batch');
    const changed = await store.patchMany(['a0', 'a2', 'missing'], (current) =>
      current.id === 'a0' ? { wire: [{ at: current.sentAt, method: 'POST', path: '/p', params: {}, status: 200, responseBody: '{}', durationMs: 1 }] } : { deliveryStatus: 'failed' });
    assert.deepEqual(changed, ['a0', 'a2']);
    assert.equal(events.length, 2);
    // Header + three adds + two patches: one line each, written in two appends.
    assert.equal((await fileLines(store.path)).length, 6);
    const again = await HistoryStore.open({ dir });
    open.push(again);
    assert.equal(again.get('a0')?.wire?.[0].responseBody, '{}');
    assert.equal(again.get('a2')?.deliveryStatus, 'failed');
    assert.equal(again.size, 3);
  });

  it('keeps the cap when adding many', async () => {
    const store = await openStore({ maxMessages: 3 });
    await store.add(draft(0, { id: 'old' }));
    await store.addMany([1, 2, 3].map((i) => draft(i, { id: `n${i}` })));
    assert.deepEqual(store.all().map((r) => r.id), ['n3', 'n2', 'n1']);
  });

  it('keeps records newest first by sentAt, pages them, and finds them again after reopening', async () => {
    const store = await openStore();
    // Added out of order: the order shown is the send time, not the order of the calls.
    for (const i of [2, 0, 3, 1]) await store.add(draft(i, { id: `r${i}` }));
    assert.deepEqual(store.all().map((r) => r.id), ['r3', 'r2', 'r1', 'r0']);
    assert.deepEqual(store.page(1, 2).map((r) => r.id), ['r2', 'r1']);
    assert.deepEqual(store.page(3, 10).map((r) => r.id), ['r0']);
    assert.deepEqual(['r3', 'r0', 'nope'].map((id) => store.positionOf(id)), [0, 3, -1]);
    await store.close();

    const again = await openStore();
    assert.equal(again.size, 4);
    // Reopened records are read lazily: their positions come without parsing them, and match all().
    assert.deepEqual(['r3', 'r2', 'r1', 'r0'].map((id) => again.positionOf(id)), [0, 1, 2, 3]);
    assert.deepEqual(again.all().map((r) => r.id), ['r3', 'r2', 'r1', 'r0']);
    assert.equal(again.get('r2')?.message, 'Message 2');
  });

  it('reads back exactly what was stored: accents, emoji, quotes, a missing deliveryStatus', async () => {
    const store = await openStore();
    const stored = await store.add(draft(1, { message: 'Très « bien » \\ "ok" 😀\nfin', sendStatus: 'rejected', deliveryStatus: undefined, messageId: undefined }));
    const odd = await store.add(draft(2, { id: 'id with "quotes" é' }));
    await store.close();
    const again = await openStore();
    assert.deepEqual(again.get(stored.id), stored);
    assert.equal('deliveryStatus' in again.get(stored.id)!, false);
    assert.deepEqual(again.get(odd.id), odd);
    assert.deepEqual(again.all().map((r) => r.id), [odd.id, stored.id]);
  });

  it('gives new records ids that sort in creation order and never repeat', async () => {
    const ids = Array.from({ length: 2000 }, () => newRecordId(T0));
    assert.equal(new Set(ids).size, ids.length);
    assert.deepEqual([...ids].sort(), ids);
    const store = await openStore();
    const record = await store.add(draft(1));
    assert.match(record.id, /^[0-9a-z]{20}$/);
    assert.equal(store.get(record.id)?.to, '243812345678');
  });

  it('persists updates and deletes; a field patched to undefined is removed', async () => {
    const store = await openStore();
    const a = await store.add(draft(1, { deliveryStatus: 'pending' }));
    const b = await store.add(draft(2));
    const updated = await store.update(a.id, { deliveryStatus: 'delivered', checks: 3, message: undefined });
    assert.equal(updated?.deliveryStatus, 'delivered');
    assert.equal('message' in (updated ?? {}), false);
    assert.equal(a.deliveryStatus, 'pending', 'a record handed out earlier is a snapshot');
    assert.equal(await store.update('nope', { checks: 1 }), undefined);
    assert.equal(await store.delete(b.id), true);
    assert.equal(await store.delete(b.id), false);
    await store.close();

    const again = await openStore();
    assert.deepEqual(again.all().map((r) => r.id), [a.id]);
    assert.equal(again.get(a.id)?.checks, 3);
    assert.equal(again.get(a.id)?.message, undefined);
    assert.deepEqual(again.pending(), []);
  });

  it('survives a crash mid-append: the cut-short last line is moved to a side file, with the notice, and the file goes on', async () => {
    const first = await openStore();
    await first.add(draft(1, { id: 'kept1' }));
    await first.add(draft(2, { id: 'kept2' }));
    await first.close();
    await fs.appendFile(first.path, '{"a":{"id":"half","sentAt":"2026-03-01T0');

    const logger = recordingLogger();
    const store = await openStore({ logger });
    assert.deepEqual(store.all().map((r) => r.id), ['kept2', 'kept1']);
    assert.equal(store.corruption, undefined);
    assert.ok(logger.lines.some((l) => l.startsWith('warn') && l.includes('cut short')), logger.lines.join('\n'));
    assert.deepEqual(store.damage?.lines, [4]);
    assert.equal(await fs.readFile(store.damage!.sideFile, 'utf8'), '{"a":{"id":"half","sentAt":"2026-03-01T0\n');

    await store.add(draft(3, { id: 'after' }));
    await store.close();
    for (const line of await fileLines(store.path)) JSON.parse(line);
    const again = await openStore();
    assert.deepEqual(again.all().map((r) => r.id), ['after', 'kept2', 'kept1']);
    assert.equal(again.corruption, undefined);
  });

  it('survives a crash mid-compaction: the old file is read intact and the temporary file is removed', async () => {
    const first = await openStore();
    for (let i = 0; i < 5; i++) await first.add(draft(i, { id: `c${i}` }));
    await first.close();
    const temp = `${first.path}.tmp-99999-deadbeef`;
    await fs.writeFile(temp, '{"keccel":"history","v":1}\n{"a":{"id":"c0","sentA');

    const store = await openStore();
    assert.equal(store.size, 5);
    assert.equal(store.corruption, undefined);
    await assert.rejects(fs.stat(temp), { code: 'ENOENT' });
  });

  it('moves aside a file of an unknown format version instead of overwriting it', async () => {
    const file = path.join(dir, 'history.jsonl');
    await fs.writeFile(file, '{"keccel":"history","v":99}\n{"future":true}\n');
    const store = await openStore();
    assert.equal(store.size, 0);
    assert.match(store.corruption?.reason ?? '', /unknown format version 99/);
    assert.equal(await fs.readFile(store.corruption!.setAsidePath, 'utf8'), '{"keccel":"history","v":99}\n{"future":true}\n');
  });

  it('drops the oldest final records first when over the cap, keeping pending ones', async () => {
    const store = await openStore({ maxMessages: 4 });
    await store.add(draft(0, { id: 'p0', deliveryStatus: 'pending' }));
    await store.add(draft(1, { id: 'p1', deliveryStatus: 'pending' }));
    await store.add(draft(2, { id: 'f2' }));
    await store.add(draft(3, { id: 'r3', sendStatus: 'rejected', deliveryStatus: undefined }));
    await store.add(draft(4, { id: 'f4', deliveryStatus: 'failed' }));
    assert.deepEqual(store.all().map((r) => r.id), ['f4', 'r3', 'p1', 'p0']);
    await store.add(draft(5, { id: 'f5', deliveryStatus: 'expired' }));
    assert.deepEqual(store.all().map((r) => r.id), ['f5', 'f4', 'p1', 'p0']);
    // Lowering the cap drops finals before any pending one, then the oldest pending.
    await store.setMaxMessages(2);
    assert.deepEqual(store.all().map((r) => r.id), ['p1', 'p0']);
    await store.setMaxMessages(1);
    assert.deepEqual(store.all().map((r) => r.id), ['p1']);
    await store.close();
    const again = await openStore({ maxMessages: 100 });
    assert.deepEqual(again.all().map((r) => r.id), store.all().map((r) => r.id));
  });

  it('evicts settled records (delivered, failed, rejected, expired) before unknown and pending ones, also when read lazily', async () => {
    const store = await openStore({ maxMessages: 4 });
    await store.add(draft(0, { id: 'u0', sendStatus: 'unknown', description: 'Interrupted', deliveryStatus: undefined, messageId: undefined }));
    await store.add(draft(1, { id: 'p1', deliveryStatus: 'pending' }));
    await store.add(draft(2, { id: 'd2' }));
    await store.add(draft(3, { id: 'x3', sendStatus: 'rejected', deliveryStatus: undefined, messageId: undefined }));
    await store.add(draft(4, { id: 'f4', sendStatus: 'failed', deliveryStatus: undefined, messageId: undefined }));
    assert.deepEqual(store.all().map((r) => r.id), ['f4', 'x3', 'p1', 'u0'], 'the oldest settled one went, not the unknown one');
    await store.add(draft(5, { id: 'e5', deliveryStatus: 'expired' }));
    assert.deepEqual(store.all().map((r) => r.id), ['e5', 'f4', 'p1', 'u0']);
    await store.close();

    // Reopened, the records are read lazily: the unknown one (no deliveryStatus) must still be told from a settled one.
    const again = await openStore({ maxMessages: 2 });
    assert.deepEqual(again.all().map((r) => r.id), ['p1', 'u0']);
    await again.setMaxMessages(1);
    assert.deepEqual(again.all().map((r) => r.id), ['p1'], 'only then the oldest of the unknown and pending ones');
  });

  it('trims and compacts at open when the file holds more than the cap', async () => {
    const big = await openStore({ maxMessages: 1000 });
    for (let i = 0; i < 30; i++) await big.add(draft(i, { id: `n${String(i).padStart(2, '0')}`, deliveryStatus: i === 0 ? 'pending' : 'delivered' }));
    await big.close();

    const store = await openStore({ maxMessages: 10 });
    assert.equal(store.size, 10);
    const ids = store.all().map((r) => r.id);
    assert.deepEqual(ids.slice(0, 9), ['n29', 'n28', 'n27', 'n26', 'n25', 'n24', 'n23', 'n22', 'n21']);
    assert.equal(ids[9], 'n00', 'the pending record is kept');
    assert.equal((await fileLines(store.path)).length, 11, 'header + one line per live record');
  });

  it('keeps a saved record saved when the compaction after its append fails: logged, never an error to the caller', async () => {
    // A name so long that the compaction's temporary file (name + ".tmp-<pid>-<hex>") is over the file system's
    // 255-byte limit, while the history itself and its lock (name + ".lock") fit: every compaction fails (ENAMETOOLONG).
    const fileName = `${'h'.repeat(240)}.jsonl`;
    const file = path.join(dir, fileName);
    const first = { ...draft(1, { deliveryStatus: 'pending' }), id: 'r1' } as HistoryRecord;
    // Enough patches that the next append makes the log worth compacting.
    const patches = Array.from({ length: 1100 }, (_, i) => encodeEntry({ u: 'r1', p: { checks: i + 1 } }));
    await fs.writeFile(file, headerLine('g') + encodeEntry({ a: first }) + patches.join(''));
    const logger = recordingLogger();
    const store = await HistoryStore.open({ dir, fileName, logger });
    open.push(store);

    const updated = await store.update('r1', { checks: 5000, deliveryStatus: 'delivered' });
    assert.equal(updated?.checks, 5000);
    const added = await store.add(draft(2, { id: 'r2' }));
    assert.equal(added.id, 'r2');
    assert.ok(logger.lines.some((l) => l.startsWith('error') && /compact/i.test(l)), logger.lines.join('\n'));
    await store.close();

    const again = await HistoryStore.open({ dir, fileName });
    open.push(again);
    assert.equal(again.get('r1')?.checks, 5000);
    assert.equal(again.get('r1')?.deliveryStatus, 'delivered');
    assert.equal(again.get('r2')?.message, 'Message 2');
  });

  it('serialises concurrent adds: every record lands on its own whole line', async () => {
    const store = await openStore();
    const added = await Promise.all(Array.from({ length: 200 }, (_, i) => store.add(draft(i))));
    assert.equal(store.size, 200);
    assert.equal(new Set(added.map((r) => r.id)).size, 200);
    const lines = await fileLines(store.path);
    assert.equal(lines.length, 201);
    for (const line of lines) JSON.parse(line);
    await store.close();
    assert.equal((await openStore()).size, 200);
  });

  it('compacts the log when patches pile up', async () => {
    // The pile is written by hand (1500 awaited updates take seconds on a busy machine), then real updates.
    const record = { ...draft(1, { deliveryStatus: 'pending' }), id: 'pile' } as HistoryRecord;
    const patches = Array.from({ length: 1000 }, (_, i) => encodeEntry({ u: 'pile', p: { checks: i + 1 } }));
    await fs.writeFile(path.join(dir, 'history.jsonl'), headerLine('g') + encodeEntry({ a: record }) + patches.join(''));
    const store = await openStore();
    for (let i = 1001; i <= 1010; i++) await store.update(record.id, { checks: i });
    assert.ok((await fileLines(store.path)).length < 20, 'the log was rewritten');
    await store.close();
    assert.equal((await openStore()).get(record.id)?.checks, 1010);
  });

  it('reads a replaced file whole even when it reuses the old inode (generation in the header)', async () => {
    const a = await openStore();
    for (let i = 0; i < 3; i++) await a.add(draft(i, { id: `old${i}` }));
    // Another history, written elsewhere, then copied over in place: same inode, longer than what `a` read.
    const otherDir = await fs.mkdtemp(path.join(os.tmpdir(), 'keccel-history-other-'));
    try {
      const other = await HistoryStore.open({ dir: otherDir });
      for (let i = 0; i < 5; i++) await other.add(draft(10 + i, { id: `new${i}`, message: `A longer message, number ${i}` }));
      await other.close();
      await fs.writeFile(a.path, await fs.readFile(other.path));
    } finally {
      await fs.rm(otherDir, { recursive: true, force: true });
    }
    await a.reload();
    assert.equal(a.corruption, undefined);
    assert.deepEqual(a.all().map((r) => r.id), ['new4', 'new3', 'new2', 'new1', 'new0']);
  });

  it('loses nothing when two processes add, patch and compact the same file at once', async function () {
    this.timeout(60_000);
    const storeModule = path.resolve(__dirname, '../../src/core/history');
    // Each process adds 100 records and patches them 800 times in all, enough to trigger compactions.
    const script = `
      const { HistoryStore } = require(${JSON.stringify(storeModule)});
      (async () => {
        const s = await HistoryStore.open({ dir: process.argv[1] });
        const mine = [];
        for (let i = 0; i < 100; i++) {
          const at = new Date(Date.UTC(2026, 2, 1, 8, 0, i)).toISOString();
          mine.push((await s.add({ to: '243812345678', from: 'P' + process.pid, encoding: 'GSM-7', segments: 1,
            sendStatus: 'sent', messageId: String(i), description: 'Sent', deliveryStatus: 'pending', sentAt: at,
            updatedAt: at, sandbox: false })).id);
          for (let j = 0; j < 8; j++) await s.update(mine[i], { checks: j + 1 });
        }
        await s.close();
      })().catch((e) => { console.error(e); process.exit(1); });`;
    const run = () => promisify(execFile)(process.execPath, ['-e', script, dir]);
    await Promise.all([run(), run()]);
    const logger = recordingLogger();
    const store = await openStore({ logger });
    assert.equal(store.corruption, undefined);
    assert.equal(store.size, 200);
    assert.ok(store.all().every((r) => r.checks === 8));
    assert.equal(new Set(store.all().map((r) => r.from)).size, 2);
    assert.ok((await fileLines(store.path)).length < 1601, 'at least one compaction ran');
    const entries = await fs.readdir(dir);
    assert.deepEqual(entries.filter((n) => n.includes('corrupt') || n.includes('.tmp-')), []);
  });

  it('clears the history and says which records went', async () => {
    const store = await openStore();
    const a = await store.add(draft(1));
    const events: string[][] = [];
    store.onDidChange((e) => events.push(e.ids));
    await store.clear();
    assert.equal(store.size, 0);
    assert.deepEqual(events, [[a.id]]);
    await store.close();
    assert.equal((await openStore()).size, 0);
  });

  it('sees another window\'s writes on reload, including a compaction or clear there', async () => {
    const a = await openStore();
    const b = await openStore();
    const seen: string[][] = [];
    b.onDidChange((e) => seen.push(e.ids));

    const one = await a.add(draft(1, { deliveryStatus: 'pending' }));
    await b.reload();
    assert.equal(b.get(one.id)?.deliveryStatus, 'pending');
    assert.deepEqual(seen, [[one.id]]);

    await a.update(one.id, { deliveryStatus: 'delivered' });
    await b.reload();
    assert.equal(b.get(one.id)?.deliveryStatus, 'delivered');
    await b.reload();
    assert.equal(seen.length, 2, 'a reload with nothing new fires nothing');

    // Both windows write at once: nothing is lost, and each sees everything.
    await Promise.all([
      ...Array.from({ length: 40 }, (_, i) => a.add(draft(10 + i))),
      ...Array.from({ length: 40 }, (_, i) => b.add(draft(100 + i))),
    ]);
    await a.reload();
    await b.reload();
    assert.equal(a.size, 81);
    assert.deepEqual(b.all(), a.all());

    await b.clear();
    await a.reload();
    assert.equal(a.size, 0);
    const two = await a.add(draft(2));
    await b.reload();
    assert.deepEqual(b.all().map((r) => r.id), [two.id]);
  });
});
