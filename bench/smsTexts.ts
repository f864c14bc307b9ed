// SMS texts in code. Goals: a 10,000-line TypeScript file holding 1,000 texts is found and analysed in ≤ 20 ms;
// a keystroke inside one text costs ≤ 3 ms of our work; checking a workspace of 5,000 files keeps the event loop's
// delay p99 ≤ 50 ms (and the whole check ≤ 15 s). Baselines from the same run: a bare walk over the file's
// characters (the floor of any finder), counting one text (what the composer does per keystroke), and reading
// the same 5,000 files without analysing them.
import { promises as fs } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyzeMessage } from '../src/core/segments';
import { DEFAULT_TEXT_SETTINGS } from '../src/core/texts/analysis';
import { EditedSource } from '../src/core/texts/editedSource';
import { analyseFile, updateAfterChange } from '../src/core/texts/fileTexts';
import { checkFiles } from '../src/core/texts/workspaceCheck';
import { printTable } from './table';
import { ensureProvisioned, loadExtensionTests, repoRoot } from './extensionTests';

const RUNS = 15;
const WORKSPACE_FILES = 5_000;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Median of `runs` timed calls after `warmups` untimed ones (so the JIT has compiled what is timed). */
function timeMs(fn: () => unknown, runs = RUNS, warmups = 3): number {
  for (let i = 0; i < warmups; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  return median(times);
}

interface PairedTimes {
  pairs: number;
  /** The pairs whose walk ran at full speed, and their medians. */
  fullSpeedPairs: number;
  fullSpeedMs: number;
  fullSpeedWalkMs: number;
  /** Medians over every pair. */
  allMs: number;
  allWalkMs: number;
  /** Median of each pair's work / walk (the same at either speed). */
  ratio: number;
}

/**
 * Times `work` in pairs with `walk`, one right after the other. Machines of this kind run at two speeds: for seconds
 * at a time something outside the machine takes about half of a core, and every figure doubles, the bare walk's
 * too (seen here: the same walk at 1.6 ms, then at 3.1 ms for several seconds, then at 1.6 ms again). A pair's walk
 * says which speed its work ran at. The goal is read at full speed, the pairs whose walk is within 25% of the
 * fastest; the medians over all pairs are shown beside it, and the ratio holds at either speed.
 */
function timePaired(walk: () => unknown, work: () => unknown, pairs = 61, warmups = 10): PairedTimes {
  for (let i = 0; i < warmups; i++) {
    walk();
    work();
  }
  const walks: number[] = [];
  const works: number[] = [];
  for (let i = 0; i < pairs; i++) {
    let start = performance.now();
    walk();
    walks.push(performance.now() - start);
    start = performance.now();
    work();
    works.push(performance.now() - start);
  }
  const fastest = Math.min(...walks);
  const full = walks.flatMap((ms, i) => (ms <= fastest * 1.25 ? [i] : []));
  return {
    pairs,
    fullSpeedPairs: full.length,
    fullSpeedMs: median(full.map((i) => works[i])),
    fullSpeedWalkMs: median(full.map((i) => walks[i])),
    allMs: median(works),
    allWalkMs: median(walks),
    ratio: median(works.map((ms, i) => ms / walks[i])),
  };
}

/** `lines` lines of service code, one text every `every` lines (rule 1: a message beside a to). */
export function generatedTsFile(lines = 10_000, every = 8): string {
  // Code that compiles: TypeScript's own extension checks big.ts in the same window, and a file with thousands of
  // its errors would keep the window busy re-drawing them after every key (not what a user's file looks like).
  const out = [
    '// Notifications sent through the Keccel gateway.',
    'declare const KECCEL_URL: string;',
    'declare function post(url: string, body: Record<string, string>): Promise<void>;',
    'declare function compute(n: number, key: string): number;',
    'declare const other: Record<string, number>;',
    '',
  ];
  for (let i = 0; out.length < lines; i++) {
    if (i % every === 0) {
      out.push(`export async function notify${i}(phone: string, name: string): Promise<void> {`);
      out.push(`  await post(KECCEL_URL, { to: phone, from: 'SHOP', message: \`Bonjour \${name}, votre commande n°${i} est prête – merci d’avoir choisi SHOP.\` });`);
      out.push('}');
    } else {
      out.push(`const value${i} = compute(${i}, 'key-${i}') + other.field${i % 7}; // plain code`);
    }
  }
  return out.join('\n');
}

function benchFile(): { rows: Array<Record<string, string | number>>; keystrokeMs: number } {
  const src = generatedTsFile();
  const lineCount = src.split('\n').length;
  // The first read runs code the JIT has not compiled yet (a file opened first thing in a fresh window): shown apart.
  const coldStart = performance.now();
  const texts = analyseFile(src, 'js', DEFAULT_TEXT_SETTINGS).texts.length;
  const cold = performance.now() - coldStart;
  const walkFile = () => {
    let quotes = 0;
    for (let i = 0; i < src.length; i++) if (src.charCodeAt(i) === 39) quotes++;
    return quotes;
  };
  const paired = timePaired(walkFile, () => analyseFile(src, 'js', DEFAULT_TEXT_SETTINGS));
  const full = paired.fullSpeedMs;

  // Keys typed one after the other in the middle text, each update from the state the previous key left (as in
  // the editor: the source is edited in place, so a key cannot be timed twice from the same state).
  let state = analyseFile(src, 'js', DEFAULT_TEXT_SETTINGS);
  const source = new EditedSource(src);
  const at = src.indexOf('commande n°5000') + 9;
  const keyTimes: number[] = [];
  for (let key = 0; key < 204; key++) {
    const start = performance.now();
    const next = updateAfterChange(state, source, { start: at + key, end: at + key, text: 'é' }, DEFAULT_TEXT_SETTINGS);
    if (key >= 3) keyTimes.push(performance.now() - start);
    if (!next) throw new Error('the keystroke fell back to reading the whole file: this row would time nothing');
    state = next;
  }
  const keystroke = median(keyTimes);
  const oneText = 'Bonjour xxxxxxxxxxxx, votre commande n°5000 est prête – merci d’avoir choisi SHOP.';
  const composer = timeMs(() => analyzeMessage(oneText), 101);
  const rows = [
    {
      what: `find + analyse (${lineCount} lines, ${texts} texts), at full speed`, 'median ms': +full.toFixed(2),
      goal: '≤ 20 ms', met: full <= 20 ? 'yes' : 'NO', baseline: `char walk ${paired.fullSpeedWalkMs.toFixed(2)} ms`,
      ratio: `${paired.ratio.toFixed(1)}x; first read (cold) ${cold.toFixed(0)} ms`,
    },
    {
      what: `  … over all ${paired.pairs} pairs (${paired.pairs - paired.fullSpeedPairs} at reduced speed)`,
      'median ms': +paired.allMs.toFixed(2), goal: 'shown', met: '',
      baseline: `char walk ${paired.allWalkMs.toFixed(2)} ms`, ratio: `${(paired.allMs / paired.allWalkMs).toFixed(1)}x`,
    },
    {
      what: 'keystroke inside one text', 'median ms': +keystroke.toFixed(3), goal: '≤ 3 ms', met: keystroke <= 3 ? 'yes' : 'NO',
      baseline: `one composer count ${composer.toFixed(3)} ms`, ratio: `${(keystroke / composer).toFixed(1)}x`,
    },
  ];
  return { rows, keystrokeMs: keystroke };
}

/** Writes the 5,000-file workspace under `dir` (one file in ten mentions Keccel and holds ten texts); returns the paths. */
async function writeWorkspace(dir: string): Promise<string[]> {
  const files: string[] = [];
  const small = generatedTsFile(200, 20);
  const plain = small.replace(/Keccel/g, 'payment');
  for (let i = 0; i < WORKSPACE_FILES; i++) {
    const name = path.join(dir, `src${i % 50}`, `file${i}.${['ts', 'php', 'py', 'js'][i % 4]}`);
    files.push(name);
  }
  await Promise.all([...new Set(files.map((f) => path.dirname(f)))].map((d) => fs.mkdir(d, { recursive: true })));
  for (let i = 0; i < files.length; i += 100) {
    await Promise.all(files.slice(i, i + 100).map((f, k) => fs.writeFile(f, (i + k) % 10 === 0 ? small : plain)));
  }
  return files;
}

async function benchWorkspace(): Promise<Array<Record<string, string | number>>> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'keccel-texts-bench-'));
  try {
    const files = await writeWorkspace(dir);
    const run = async (analyse: boolean) => {
      const delay = monitorEventLoopDelay({ resolution: 10 });
      delay.enable();
      const start = performance.now();
      let texts = 0;
      if (analyse) {
        const summary = await checkFiles(files, {
          relativePath: (f) => path.relative(dir, f).split(path.sep).join('/'),
          read: (f) => fs.readFile(f, 'utf8'),
          settings: DEFAULT_TEXT_SETTINGS,
          globs: [],
          isCancelled: () => false,
          onFile: () => undefined,
        });
        texts = summary.texts;
      } else {
        for (const f of files) {
          await fs.readFile(f, 'utf8');
          await new Promise<void>((resolve) => setImmediate(resolve));
        }
      }
      const ms = performance.now() - start;
      delay.disable();
      return { ms, p99: delay.percentile(99) / 1e6, texts };
    };
    const baseline = await run(false);
    const check = await run(true);
    return [{
      what: `check ${files.length} files (${check.texts} texts)`, 'median ms': Math.round(check.ms), goal: '≤ 15 s, p99 ≤ 50 ms',
      met: check.ms <= 15_000 && check.p99 <= 50 ? 'yes' : 'NO',
      baseline: `read only ${Math.round(baseline.ms)} ms, p99 ${baseline.p99.toFixed(1)} ms`,
      ratio: `${(check.ms / baseline.ms).toFixed(1)}x, p99 ${check.p99.toFixed(1)} ms`,
    }];
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

interface HostResult {
  firstDiagnosticsMs: number;
  windowSettledMs: number;
  keys: number;
  burstLatencyMedianMs: number;
  burstLatencyMaxMs: number;
  diagnosticLatencyMedianMs: number;
  diagnosticLatencyMaxMs: number;
  staleHints: number;
  /** Baselines: one `editor.edit` round trip to the window, one inlay-hint request. */
  editMedianMs: number;
  hintRequestMedianMs: number;
  keystroke: { count: number; meanMs: number; maxMs: number };
  publish: { count: number; meanMs: number; maxMs: number };
  rereadLatencyMs: number;
  rereadDiagnosticsMs: number;
  reread: { count: number; totalMs: number; meanMs: number; maxMs: number };
  rereadPublish: { count: number; totalMs: number };
  check: { files: number; texts: number; problems: number };
  checkMs: number;
  checkP99Ms: number;
  checkMaxMs: number;
  idleP99Ms: number;
}


const RESULT_TAG = 'KECCEL_TEXTS';

/**
 * The same goals in code-server's extension host (test/integration/support/smsTextsProbe): typing in big.ts (the
 * 10,000-line file), and keccel.checkSmsTexts over the 5,000 files, with the event loop's delay measured.
 */
export async function benchInExtensionHost(nodeKeystrokeMs: number, nodeCheckMs: number): Promise<Array<Record<string, string | number>>> {
  const harness = await loadExtensionTests();
  await ensureProvisioned();
  const big = generatedTsFile();
  const problems = analyseFile(big, 'js', DEFAULT_TEXT_SETTINGS).texts.reduce((n, t) => n + t.analysis.problems.length, 0);
  let result: HostResult | undefined;
  const { code } = await harness.runExtensionTests({
    name: 'bench-sms-texts',
    extensionDevelopmentPath: repoRoot,
    extensionTestsPath: path.join(repoRoot, 'out', 'test', 'integration', 'support', 'smsTextsProbe'),
    settings: { 'keccel.apiBaseUrl': 'http://127.0.0.1:9/sms/v2', 'workbench.welcomePage.walkthroughs.openOnInstall': false },
    env: { KECCEL_TEXTS_EXPECTED: String(problems) },
    prepare: async (layout) => {
      await fs.mkdir(layout.workspaceDir, { recursive: true });
      await fs.writeFile(path.join(layout.workspaceDir, 'big.ts'), big);
      await writeWorkspace(path.join(layout.workspaceDir, 'ws'));
    },
    timeoutMs: 600_000,
    onLine: (line) => {
      if (!line.startsWith(RESULT_TAG)) return;
      result = JSON.parse(line.slice(RESULT_TAG.length)) as HostResult;
      if (process.env.KECCEL_BENCH_RAW) console.log(line);
    },
  });
  if (code !== 0 || !result) throw new Error(`SMS texts probe failed (exit ${code})`);
  const r = result;
  const ms = (n: number) => Math.round(n * 100) / 100;
  return [
    {
      what: `host: ${r.keys} keys in one text of big.ts, update per key (mean / max)`, 'median ms': ms(r.keystroke.meanMs),
      goal: '≤ 3 ms', met: r.keystroke.meanMs <= 3 ? 'yes' : 'NO', baseline: `same update in Node ${nodeKeystrokeMs.toFixed(3)} ms`,
      ratio: `${(r.keystroke.meanMs / nodeKeystrokeMs).toFixed(1)}x, max ${ms(r.keystroke.maxMs)} ms`,
    },
    {
      what: 'host: diagnostics current after the last key of a burst', 'median ms': ms(r.diagnosticLatencyMedianMs),
      goal: '≤ 250 ms', met: r.diagnosticLatencyMaxMs <= 250 ? 'yes' : 'NO',
      baseline: `publication ${ms(r.publish.meanMs)} ms (${r.publish.count}x), max ${ms(r.publish.maxMs)} ms`,
      ratio: `max ${ms(r.diagnosticLatencyMaxMs)} ms; hint answers not yet current: ${r.staleHints}`,
    },
    {
      what: '  … and the hint as the window answers it', 'median ms': ms(r.burstLatencyMedianMs),
      goal: '≤ 250 ms', met: r.burstLatencyMaxMs <= 250 ? 'yes' : 'NO',
      baseline: `window: edit round trip ${ms(r.editMedianMs)} ms, hint request ${ms(r.hintRequestMedianMs)} ms`,
      ratio: `max ${ms(r.burstLatencyMaxMs)} ms`,
    },
    {
      what: 'host: diagnostics current after a quote (the file is read again)', 'median ms': ms(r.rereadDiagnosticsMs),
      goal: '≤ 250 ms', met: r.rereadDiagnosticsMs <= 250 ? 'yes' : 'NO',
      baseline: `the re-read ${ms(r.reread.totalMs)} ms, publication ${ms(r.rereadPublish.totalMs)} ms`,
      ratio: `hint through the window ${ms(r.rereadLatencyMs)} ms; first open ${Math.round(r.firstDiagnosticsMs)} ms, window settled ${Math.round(r.windowSettledMs)} ms later`,
    },
    {
      what: `host: checkSmsTexts, ${r.check.files} files (${r.check.texts} texts)`, 'median ms': Math.round(r.checkMs),
      goal: '≤ 15 s, p99 ≤ 50 ms', met: r.checkMs <= 15_000 && r.checkP99Ms <= 50 ? 'yes' : 'NO',
      baseline: `Node check ${Math.round(nodeCheckMs)} ms, idle p99 ${ms(r.idleP99Ms)} ms`,
      ratio: `${(r.checkMs / nodeCheckMs).toFixed(1)}x, p99 ${ms(r.checkP99Ms)} ms, max ${ms(r.checkMaxMs)} ms`,
    },
  ];
}

export async function benchSmsTexts(): Promise<void> {
  const file = benchFile();
  const workspace = await benchWorkspace();
  printTable('SMS texts in code (find, analyse, keystroke, workspace check)', [...file.rows, ...workspace]);
  const host = await benchInExtensionHost(file.keystrokeMs, Number(workspace[0]['median ms']));
  printTable('SMS texts in code-server\'s extension host (one run)', host);
}

if (require.main === module) {
  benchSmsTexts().catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
