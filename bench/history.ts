// History store goals: open (load) 100k records under 300 ms, append one record under 5 ms. Baselines from the
// same run: reading and JSON.parse'ing the same records stored as one JSON array (what a naive store would do
// at load), and a bare fs.appendFile of one line (the floor of any append).
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { HistoryStore } from '../src/core/history';
import { encodeEntry, headerLine } from '../src/core/history/format';
import type { HistoryRecord } from '../src/core/types';
import { printTable } from './table';

export type Row = Record<string, string | number>;

const SIZES = [1_000, 10_000, 100_000];
const LOAD_RUNS = 5;
const APPEND_RUNS = 50;
const LOAD_GOAL_MS = 300;
const APPEND_GOAL_MS = 5;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

/** A realistic record: a ~100-character French text, most delivered, some pending, a few rejected. */
function record(i: number, base: number): HistoryRecord {
  const at = new Date(base + i * 60_000).toISOString();
  const rejected = i % 50 === 7;
  return {
    id: i.toString(36).padStart(9, '0') + '0000' + 'abcdefg',
    ...(rejected ? {} : { messageId: String(100_000_000 + i) }),
    to: `2438${String(10_000_000 + (i % 89_999_999)).padStart(8, '0')}`,
    from: 'KECCEL',
    message: `Bonjour ${i}, votre rendez-vous est confirmé pour demain à 10 h. Merci de votre confiance. Réf ${i}`,
    encoding: 'UCS-2',
    segments: 2,
    sendStatus: rejected ? 'rejected' : 'sent',
    description: rejected ? 'Invalid destination' : 'Sent',
    ...(rejected ? {} : { deliveryStatus: i % 20 === 0 ? 'pending' : 'delivered', lastCheckedAt: at, checks: 2 }),
    sentAt: at,
    updatedAt: at,
    sandbox: false,
  };
}

function draft(i: number): Omit<HistoryRecord, 'id'> {
  const { id: _id, ...rest } = record(i, Date.now());
  return rest;
}

export async function benchHistory(): Promise<Row[]> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'keccel-bench-history-'));
  const rows: Row[] = [];
  try {
    for (const size of SIZES) {
      const dir = path.join(root, String(size));
      await fs.mkdir(dir);
      // Written with the store's own line encoder: the same bytes the store would have appended.
      const base = Date.parse('2025-01-01T00:00:00.000Z');
      const records = Array.from({ length: size }, (_, i) => record(i, base));
      const file = path.join(dir, 'history.jsonl');
      await fs.writeFile(file, headerLine('bench') + records.map((r) => encodeEntry({ a: r })).join(''));
      const arrayFile = path.join(root, `${size}.json`);
      await fs.writeFile(arrayFile, JSON.stringify(records));
      const bytes = (await fs.stat(file)).size;

      const loads: number[] = [];
      const parses: number[] = [];
      for (let run = 0; run < LOAD_RUNS; run++) {
        parses.push(await timed(async () => JSON.parse(await fs.readFile(arrayFile, 'utf8'))));
        let store: HistoryStore | undefined;
        loads.push(await timed(async () => (store = await HistoryStore.open({ dir, maxMessages: size * 2 }))));
        if (store?.size !== size) throw new Error(`loaded ${store?.size} records, expected ${size}`);
        await store.close();
      }

      const store = await HistoryStore.open({ dir, maxMessages: size * 2 });
      const appends: number[] = [];
      const bare: number[] = [];
      const bareFile = path.join(root, `${size}.bare.jsonl`);
      await fs.copyFile(file, bareFile);
      for (let run = 0; run < APPEND_RUNS; run++) {
        const next = draft(size + run);
        appends.push(await timed(() => store.add(next)));
        const line = encodeEntry({ a: { ...next, id: `bare${run}` } });
        bare.push(await timed(() => fs.appendFile(bareFile, line)));
      }
      await store.close();

      const load = median(loads);
      const parse = median(parses);
      const append = median(appends);
      const appendBase = median(bare);
      rows.push({
        records: size.toLocaleString('en-US'),
        'file MB': +(bytes / 1e6).toFixed(1),
        'load ms': +load.toFixed(1),
        'baseline readFile+JSON.parse ms': +parse.toFixed(1),
        'load vs baseline': `${(load / parse).toFixed(2)}x`,
        [`load < ${LOAD_GOAL_MS} ms`]: load < LOAD_GOAL_MS ? 'yes' : 'NO',
        'append ms': +append.toFixed(2),
        'baseline appendFile ms': +appendBase.toFixed(2),
        'append vs baseline': `${(append / appendBase).toFixed(1)}x`,
        [`append < ${APPEND_GOAL_MS} ms`]: append < APPEND_GOAL_MS ? 'yes' : 'NO',
      });
    }
  } finally {
    await fs.rm(root, { recursive: true, force: true });
  }
  printTable(`History store (median of ${LOAD_RUNS} loads, ${APPEND_RUNS} awaited appends; goals at 100k: load < ${LOAD_GOAL_MS} ms, append < ${APPEND_GOAL_MS} ms)`, rows);
  return rows;
}

if (require.main === module) {
  benchHistory().catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
