// One damaged line of the history hides one record, never the history: the other records stay listed and
// polled, and the damaged bytes are kept, verbatim, in a side file next to the history.
import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { HistoryDamage, HistoryStore, type NewHistoryRecord } from '../../src/core/history';
import { encodeEntry } from '../../src/core/history/format';
import { DeliveryPoller } from '../../src/core/poller';
import type { DeliveryChecker, HistoryRecord, Logger } from '../../src/core/types';

const T0 = Date.parse('2026-03-01T08:00:00.000Z');

function draft(i: number, overrides: Partial<HistoryRecord> = {}): NewHistoryRecord {
  const at = new Date(T0 + i * 1000).toISOString();
  return {
    id: `r${i}`, messageId: `m-${i}`, to: '243812345678', from: 'GUEST', message: `Message ${i}`, encoding: 'GSM-7',
    segments: 1, sendStatus: 'sent', description: 'Sent', deliveryStatus: 'delivered', sentAt: at, updatedAt: at,
    sandbox: false, ...overrides,
  };
}

function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return { lines, trace: () => {}, info: (m) => lines.push(`info ${m}`), warn: (m) => lines.push(`warn ${m}`), error: (m) => lines.push(`error ${m}`) };
}

/** A gateway that says every message was delivered. */
const deliveredChecker: DeliveryChecker = {
  delivery: async (messageId) => ({ messageId, status: 'delivered', raw: 'DELIVERED' }),
};

describe('HistoryStore with damaged lines', () => {
  let dir: string;
  let file: string;
  const open: HistoryStore[] = [];
  async function openStore(logger?: Logger): Promise<HistoryStore> {
    const store = await HistoryStore.open({ dir, logger });
    open.push(store);
    return store;
  }
  /** r0 delivered, r1 pending, r2 delivered; returns the file's lines. */
  async function writeThree(): Promise<string[]> {
    const store = await openStore();
    await store.add(draft(0));
    await store.add(draft(1, { deliveryStatus: 'pending' }));
    await store.add(draft(2));
    await store.close();
    return (await fs.readFile(file, 'utf8')).split('\n').filter((l) => l !== '');
  }
  async function sideFiles(): Promise<string[]> {
    return (await fs.readdir(dir)).filter((n) => n.includes('.damaged-') || n.includes('.corrupt-')).map((n) => path.join(dir, n));
  }

  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'keccel-damage-'));
    file = path.join(dir, 'history.jsonl');
  });
  afterEach(async () => {
    for (const store of open.splice(0)) await store.close();
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('keeps a complete last line that only lacks its final newline, at open and after the next write', async () => {
    const lines = await writeThree();
    // What an editor that drops the final newline leaves, or a write stopped just before it.
    await fs.writeFile(file, lines.join('\n'));
    const logger = recordingLogger();
    const store = await openStore(logger);
    assert.deepEqual(store.all().map((r) => r.id), ['r2', 'r1', 'r0']);
    assert.equal(store.damage, undefined);
    await store.add(draft(3));
    await store.close();
    const again = await openStore();
    assert.deepEqual(again.all().map((r) => r.id), ['r3', 'r2', 'r1', 'r0']);
    assert.deepEqual(await sideFiles(), []);
    assert.ok(logger.lines.some((l) => l.includes('lacked its final newline')), logger.lines.join('\n'));
  });

  it('a damaged header line hides no record: every record line that parses is kept, the header goes to the side file', async () => {
    const lines = await writeThree();
    const damagedHeader = '{"keccel":"hist\u0000\u0000ory","v":1';
    await fs.writeFile(file, [damagedHeader, ...lines.slice(1)].join('\n') + '\n');
    const store = await openStore();
    assert.deepEqual(store.all().map((r) => r.id), ['r2', 'r1', 'r0']);
    assert.equal(store.corruption, undefined);
    assert.ok(store.damage instanceof HistoryDamage);
    assert.deepEqual(store.damage.lines, [1]);
    assert.equal(await fs.readFile(store.damage.sideFile, 'utf8'), damagedHeader + '\n');
    await store.add(draft(3));
    await store.close();
    const again = await openStore();
    assert.deepEqual(again.all().map((r) => r.id), ['r3', 'r2', 'r1', 'r0']);
  });

  it('a record or patch that is JSON but has a field of the wrong type is a damaged line too (the views call string methods on it)', async () => {
    const lines = await writeThree();
    // A number for the recipient, an object for the text, null for the sender: formatNumber and the tooltip would
    // throw on them, and one throwing row empties the whole Messages view.
    const bad = [
      '{"a":{"id":"b1","sentAt":"2026-03-01T08:00:05.000Z","deliveryStatus":null,"to":243812345678,"from":"GUEST","encoding":"GSM-7","segments":1,"sendStatus":"sent","updatedAt":"2026-03-01T08:00:05.000Z","sandbox":false}}',
      '{"a":{"id":"b2","sentAt":"2026-03-01T08:00:06.000Z","deliveryStatus":null,"to":"243812345678","from":null,"message":{"x":1},"encoding":"GSM-7","segments":1,"sendStatus":"sent","updatedAt":"2026-03-01T08:00:06.000Z","sandbox":false}}',
      '{"u":"r2","p":{"message":["x"]}}',
    ];
    await fs.writeFile(file, [...lines, ...bad].join('\n') + '\n');
    const store = await openStore();
    assert.deepEqual(store.all().map((r) => r.id), ['r2', 'r1', 'r0']);
    assert.equal(store.get('r2')?.message, 'Message 2');
    for (const record of store.all()) {
      for (const field of ['to', 'from', 'message', 'messageId', 'description'] as const) {
        assert.ok(record[field] === undefined || typeof record[field] === 'string', `${record.id}.${field}`);
      }
    }
    assert.equal(store.damage?.count, 3);
    assert.equal(await fs.readFile(store.damage.sideFile, 'utf8'), bad.join('\n') + '\n');
  });

  it('keeps every other record, still polls the pending one, and moves only the bad lines, verbatim, to a side file', async () => {
    const lines = await writeThree();
    // Line 3 is not JSON, line 5 is JSON but no history entry.
    const bad = ['this is not json {', '{"x":1,"é":"ü"}'];
    await fs.writeFile(file, [lines[0], lines[1], bad[0], lines[2], bad[1], lines[3]].join('\n') + '\n');

    const logger = recordingLogger();
    const store = await openStore(logger);
    assert.deepEqual(store.all().map((r) => r.id), ['r2', 'r1', 'r0']);
    assert.equal(store.corruption, undefined);
    const damage = store.damage;
    assert.ok(damage instanceof HistoryDamage);
    assert.equal(damage.count, 2);
    assert.deepEqual(damage.lines, [3, 5]);
    assert.match(path.basename(damage.sideFile), /^history\.jsonl\.damaged-/);
    assert.equal(path.dirname(damage.sideFile), dir);
    assert.equal(await fs.readFile(damage.sideFile, 'utf8'), bad.join('\n') + '\n');
    assert.ok(logger.lines.some((l) => l.startsWith('warn') && l.includes(damage.sideFile) && l.includes('3, 5')), logger.lines.join('\n'));
    assert.deepEqual(await sideFiles(), [damage.sideFile]);
    // The history itself now holds the good lines only.
    const text = await fs.readFile(file, 'utf8');
    for (const b of bad) assert.ok(!text.includes(b));

    // The pending message is still followed.
    const poller = new DeliveryPoller({ store, checker: deliveredChecker, intervalSeconds: 10, giveUpAfterHours: 48 });
    try {
      assert.deepEqual(store.pending().map((r) => r.id), ['r1']);
      const summary = await poller.checkNow();
      assert.equal(summary.checked, 1);
      assert.equal(store.get('r1')?.deliveryStatus, 'delivered');
    } finally {
      poller.dispose();
    }
    await store.close();
    const again = await openStore();
    assert.equal(again.damage, undefined);
    assert.deepEqual(again.all().map((r) => r.id), ['r2', 'r1', 'r0']);
    assert.equal(again.get('r1')?.deliveryStatus, 'delivered');
  });

  it('hides only the record whose line turns out damaged when it is first shown, and moves that line out', async () => {
    await writeThree();
    const text = await fs.readFile(file, 'utf8');
    // The start of the line (id, sentAt, deliveryStatus) is intact, so it loads lazily; the damage is further on.
    const damaged = text.replace('"message":"Message 0"', '"message":Message 0"');
    assert.notEqual(damaged, text);
    await fs.writeFile(file, damaged);
    const badLine = damaged.split('\n')[1];

    const store = await openStore();
    assert.equal(store.damage, undefined, 'the damage is not visible before the record is read');
    const reported = new Promise<{ damage?: HistoryDamage; ids: string[] }>((resolve) => store.onDidChange((e) => e.damage && resolve(e)));
    assert.deepEqual(store.all().map((r) => r.id), ['r2', 'r1']);
    const event = await reported;
    assert.deepEqual(event.damage?.lines, [2]);
    assert.deepEqual(event.ids, ['r0']);
    assert.equal(await fs.readFile(event.damage!.sideFile, 'utf8'), badLine + '\n');
    assert.equal(store.size, 2);
    assert.deepEqual(store.pending().map((r) => r.id), ['r1']);
    // Later scrolling and writes go on as usual.
    await store.add(draft(3));
    assert.deepEqual(store.all().map((r) => r.id), ['r3', 'r2', 'r1']);
    await store.close();
    const again = await openStore();
    assert.deepEqual(again.all().map((r) => r.id), ['r3', 'r2', 'r1']);
    assert.equal(again.damage, undefined);
  });

  it('moves out a damaged line read in another window\'s appends, numbered as in the file', async () => {
    const a = await openStore();
    const b = await openStore();
    await a.add(draft(0));
    await b.reload();
    // A line damaged on its way in, then a good one, as a window with a faulty disk would leave them.
    await fs.appendFile(file, 'garbage\n' + encodeEntry({ a: { ...draft(1, { deliveryStatus: 'pending' }), id: 'r1' } as HistoryRecord }));
    const events: HistoryDamage[] = [];
    b.onDidChange((e) => e.damage && events.push(e.damage));
    await b.reload();
    assert.deepEqual(b.all().map((r) => r.id), ['r1', 'r0']);
    assert.equal(events.length, 1);
    assert.deepEqual(events[0].lines, [3]);
    assert.equal(await fs.readFile(events[0].sideFile, 'utf8'), 'garbage\n');
    // The first window follows the rewritten file and keeps writing.
    await a.add(draft(2));
    await b.reload();
    assert.deepEqual(b.all().map((r) => r.id), ['r2', 'r1', 'r0']);
    assert.deepEqual(a.all(), b.all());
  });

  it('a damaged record line that a later patch had to read hides that record only', async () => {
    await writeThree();
    const text = await fs.readFile(file, 'utf8');
    const damaged = text.replace('"message":"Message 1"', '"message":Message 1"') + '{"u":"r1","p":{"checks":2}}\n';
    await fs.writeFile(file, damaged);
    const store = await openStore();
    assert.deepEqual(store.all().map((r) => r.id), ['r2', 'r0']);
    // The patch goes with its record: nothing of the user's is dropped by the rewrite.
    assert.deepEqual(store.damage?.lines, [3, 5]);
    const lines = damaged.split('\n');
    assert.equal(await fs.readFile(store.damage!.sideFile, 'utf8'), `${lines[2]}\n${lines[4]}\n`);
  });

  it('moves the patches of a record whose line is not JSON to the side file with it, read whole or as appends', async () => {
    const lines = await writeThree();
    const patch = '{"u":"r1","p":{"deliveryStatus":"delivered"}}';
    await fs.writeFile(file, [lines[0], lines[1], 'not json', lines[3], patch].join('\n') + '\n');
    const store = await openStore();
    assert.deepEqual(store.all().map((r) => r.id), ['r2', 'r0']);
    assert.equal(await fs.readFile(store.damage!.sideFile, 'utf8'), `not json\n${patch}\n`);

    // The same, arriving in another window's appends.
    await fs.appendFile(file, `garbage\n{"u":"r9","p":{"checks":1}}\n`);
    const seen = new Promise<HistoryDamage>((resolve) => store.onDidChange((e) => e.damage && resolve(e.damage)));
    await store.reload();
    const damage = await seen;
    assert.deepEqual(damage.lines, [4, 5]);
    assert.equal(await fs.readFile(damage.sideFile, 'utf8'), 'garbage\n{"u":"r9","p":{"checks":1}}\n');
    assert.deepEqual(store.all().map((r) => r.id), ['r2', 'r0']);
  });

  it('keeps the damaged lines in the file, skipped, when the side file cannot be written, and writes go on', async () => {
    // A name so long that neither a side file nor a temporary file fits in 255 bytes, while the history does.
    const fileName = `${'h'.repeat(240)}.jsonl`;
    const long = path.join(dir, fileName);
    const seed = await HistoryStore.open({ dir });
    await seed.add(draft(0));
    await seed.close();
    await fs.writeFile(long, (await fs.readFile(file, 'utf8')) + 'garbage\n');
    const logger = recordingLogger();
    const store = await HistoryStore.open({ dir, fileName, logger });
    open.push(store);
    assert.deepEqual(store.all().map((r) => r.id), ['r0']);
    assert.ok(logger.lines.some((l) => l.startsWith('error') && l.includes('damaged')), logger.lines.join('\n'));
    const added = await store.add(draft(1));
    assert.equal(added.id, 'r1');
    const text = await fs.readFile(long, 'utf8');
    assert.ok(text.includes('garbage\n'), 'the damaged bytes were dropped');
    await store.close();
    const again = await HistoryStore.open({ dir, fileName });
    open.push(again);
    assert.deepEqual(again.all().map((r) => r.id), ['r1', 'r0']);
  });
});
