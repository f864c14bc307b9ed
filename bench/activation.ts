// Activation cost in the real extension host (code-server, offline): the activationTimeMs the extension measures
// inside activate(), with an empty history and with 10,000 messages pre-seeded in its history file, plus the time of
// the first history() (the lazy load activation must not pay). Each case is a fresh code-server run of
// test/integration/support/activationProbe (median of KECCEL_BENCH_RUNS, default 3). Also prints the .vsix size.
// Goals (docs/performance.md): activation < 20 ms whatever the history size, .vsix < 450 KB (the third release: 376 KB before it, 424 KB with its features).
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { HistoryStore } from '../src/core/history';
import type { HistoryRecord } from '../src/core/types';
import { printTable } from './table';
import { ensureProvisioned, loadExtensionTests, repoRoot } from './extensionTests';

export interface Row extends Record<string, string | number> {
  case: string;
  'activation ms': number;
  'first history() ms': number;
  'activation / empty': string;
  'goal < 20 ms': string;
}

interface ProbeResult {
  activationTimeMs: number;
  historyMs: number;
  messages: number;
}



const EXTENSION_ID = 'keccel-tools.keccel-sms';
const PROBE_TAG = 'KECCEL_ACTIVATION';
const SEEDED = 10_000;
const ACTIVATION_GOAL_MS = 20;
const VSIX_GOAL_KB = 450;


export async function benchActivation(): Promise<Row[]> {
  const runs = Math.max(1, Number(process.env.KECCEL_BENCH_RUNS) || 3);
  const harness = await loadExtensionTests();
  await ensureProvisioned();
  if (!fs.existsSync(path.join(repoRoot, 'dist', 'extension.js'))) throw new Error('dist/extension.js is missing: run "npm run build:prod"');

  // Seeded once, copied into each fresh user-data-dir (10,000 appends through the store take a few seconds).
  const seedDir = fs.mkdtempSync(path.join(os.tmpdir(), 'keccel-bench-seed-'));
  await seedHistory(seedDir, SEEDED);
  const probe = async (messages: number): Promise<ProbeResult> => {
    let result: ProbeResult | undefined;
    const { code } = await harness.runExtensionTests({
      name: `bench-activation-${messages}`,
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: path.join(repoRoot, 'out', 'test', 'integration', 'support', 'activationProbe'),
      settings: { 'keccel.apiBaseUrl': 'http://127.0.0.1:9/sms/v2' },
      prepare: async (layout) => {
        if (messages === 0) return;
        const storage = path.join(layout.userDataDir, 'User', 'globalStorage', EXTENSION_ID);
        fs.mkdirSync(storage, { recursive: true });
        fs.copyFileSync(path.join(seedDir, 'history.jsonl'), path.join(storage, 'history.jsonl'));
      },
      timeoutMs: 120_000,
      onLine: (line) => {
        if (line.startsWith(PROBE_TAG)) result = JSON.parse(line.slice(PROBE_TAG.length)) as ProbeResult;
      },
    });
    if (code !== 0 || !result) throw new Error(`activation probe failed (exit ${code}) with ${messages} messages`);
    if (result.messages !== messages) throw new Error(`the probe saw ${result.messages} messages, ${messages} were seeded`);
    return result;
  };

  const measure = async (messages: number) => {
    const results: ProbeResult[] = [];
    for (let i = 0; i < runs; i++) results.push(await probe(messages));
    return {
      activation: median(results.map((r) => r.activationTimeMs)),
      history: median(results.map((r) => r.historyMs)),
    };
  };
  let empty: Awaited<ReturnType<typeof measure>>;
  let seeded: Awaited<ReturnType<typeof measure>>;
  try {
    empty = await measure(0);
    seeded = await measure(SEEDED);
  } finally {
    fs.rmSync(seedDir, { recursive: true, force: true });
  }
  const row = (name: string, m: { activation: number; history: number }): Row => ({
    case: name,
    'activation ms': round(m.activation),
    'first history() ms': round(m.history),
    'activation / empty': `${(m.activation / empty.activation).toFixed(2)}x`,
    'goal < 20 ms': m.activation < ACTIVATION_GOAL_MS ? 'yes' : 'NO',
  });
  const rows = [row('empty history', empty), row(`${SEEDED.toLocaleString('en')} messages`, seeded)];
  printTable(`Activation in code-server's extension host (median of ${runs} fresh starts each)`, rows);

  const vsix = packageVsix();
  const kb = fs.statSync(vsix).size / 1024;
  printTable('Package', [{ file: path.relative(repoRoot, vsix), 'size KB': round(kb), 'goal < 450 KB': kb < VSIX_GOAL_KB ? 'yes' : 'NO' }]);
  return rows;
}

/** Writes `count` final (delivered) records through the core HistoryStore, as the extension would have. */
async function seedHistory(dir: string, count: number): Promise<void> {
  const store = await HistoryStore.open({ dir, maxMessages: count });
  const start = Date.now() - count * 60_000;
  for (let i = 0; i < count; i++) {
    const sentAt = new Date(start + i * 60_000).toISOString();
    const record: Omit<HistoryRecord, 'id'> = {
      messageId: String(1_500_000_000 + i),
      to: `24381${String(1_000_000 + i).padStart(7, '0')}`,
      from: 'GUEST',
      message: `Rappel ${i}: votre rendez-vous est confirmé pour demain à 10h.`,
      encoding: 'GSM-7',
      segments: 1,
      sendStatus: 'sent',
      description: 'Message submitted to the network',
      deliveryStatus: 'delivered',
      sentAt,
      updatedAt: sentAt,
      sandbox: false,
    };
    await store.add(record);
  }
  await store.close();
}

/** dist/keccel-sms.vsix, packaged now (`npm run package`: production build), so the size is the current one. */
function packageVsix(): string {
  const result = spawnSync('npm', ['run', 'package'], { cwd: repoRoot, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`npm run package failed:\n${result.stdout}\n${result.stderr}`);
  return path.join(repoRoot, 'dist', 'keccel-sms.vsix');
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
