// Two real processes write one history while the test freezes one of them (SIGSTOP) for longer than the lock's
// stale time, then lets it go on (SIGCONT) while the other keeps writing: what a debugger pause, a blocked event
// loop or a slow disk does to a VS Code window. Every record whose save resolved must be in the history, with its
// last saved change, and no valid line may be moved aside as damaged.
import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { HistoryStore } from '../../src/core/history';

const storeModule = path.resolve(__dirname, '../../src/core/history');
const STALE_MS = 1_000;
const FREEZE_MS = 1_500;
const ROUNDS = 30;

/**
 * A writer: adds records one after the other and patches each once, printing `saved <id>` / `patched <id>` after
 * the promise resolves (that is when a caller takes the save as done). Stops when its stdin closes.
 */
function startWriter(dir: string, name: string): ChildProcess & { saved: Set<string>; patched: Set<string>; errors: string[]; writes: number } {
  const script = `
    const { HistoryStore } = require(${JSON.stringify(storeModule)});
    let stop = false;
    process.stdin.on('end', () => (stop = true));
    process.stdin.resume();
    (async () => {
      const store = await HistoryStore.open({ dir: process.argv[1], lockStaleMs: ${STALE_MS}, maxMessages: 1_000_000 });
      for (let i = 0; !stop; i++) {
        const id = process.argv[2] + '-' + i;
        const at = new Date().toISOString();
        try {
          await store.add({ id, to: '243812345678', from: 'FREEZE', encoding: 'GSM-7', segments: 1, sendStatus: 'unknown',
            description: 'Sending…', sentAt: at, updatedAt: at, sandbox: false });
          process.stdout.write('saved ' + id + '\\n');
          await store.update(id, { sendStatus: 'sent', description: 'patched', messageId: id });
          process.stdout.write('patched ' + id + '\\n');
        } catch (err) {
          process.stdout.write('error ' + id + ' ' + err.message.replace(/\\n/g, ' ') + '\\n');
        }
      }
      await store.close();
      process.exit(0);
    })().catch((err) => { process.stdout.write('fatal ' + err.message + '\\n'); process.exit(1); });`;
  const child = spawn(process.execPath, ['-e', script, dir, name], { stdio: ['pipe', 'pipe', 'inherit'] }) as ChildProcess & {
    saved: Set<string>; patched: Set<string>; errors: string[]; writes: number;
  };
  child.saved = new Set();
  child.patched = new Set();
  child.errors = [];
  child.writes = 0;
  let rest = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    const lines = (rest + chunk.toString()).split('\n');
    rest = lines.pop()!;
    for (const line of lines) {
      const [kind, id] = line.split(' ');
      if (kind === 'saved') child.saved.add(id);
      else if (kind === 'patched') child.patched.add(id);
      else child.errors.push(line);
      child.writes++;
    }
  });
  return child;
}

async function until(what: string, probe: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('history under a frozen writer (two processes, SIGSTOP longer than the stale time)', () => {
  let dir: string;
  let writers: ReturnType<typeof startWriter>[] = [];
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'keccel-freeze-'));
  });
  afterEach(async () => {
    for (const writer of writers) {
      if (writer.exitCode === null && writer.signalCode === null) {
        writer.kill('SIGCONT');
        writer.kill('SIGKILL');
      }
    }
    writers = [];
    await fs.rm(dir, { recursive: true, force: true });
  });

  it(`loses no saved record and sets no valid line aside in ${ROUNDS} rounds`, async function () {
    if (process.platform === 'win32') this.skip();
    this.timeout(180_000);
    const a = startWriter(dir, 'a');
    const b = startWriter(dir, 'b');
    writers = [a, b];
    await until('both writers to save', () => a.saved.size > 0 && b.saved.size > 0);
    for (let round = 0; round < ROUNDS; round++) {
      // Alternate which one freezes, at a moment of its write loop that varies from round to round.
      const [frozen, other] = round % 2 === 0 ? [a, b] : [b, a];
      await new Promise((resolve) => setTimeout(resolve, 20 + Math.random() * 80));
      frozen.kill('SIGSTOP');
      const before = other.writes;
      await new Promise((resolve) => setTimeout(resolve, FREEZE_MS));
      frozen.kill('SIGCONT');
      // The other one took the lock over and wrote on while this one was frozen.
      await until('the other writer to write during the freeze', () => other.writes > before);
    }
    const exits = writers.map((w) => new Promise((resolve) => w.on('exit', resolve)));
    for (const writer of writers) writer.stdin!.end();
    await Promise.all(exits);

    const store = await HistoryStore.open({ dir, maxMessages: 1_000_000 });
    const lost = [...a.saved, ...b.saved].filter((id) => !store.get(id));
    const unpatched = [...a.patched, ...b.patched].filter((id) => store.get(id)?.description !== 'patched');
    const damage = store.damage;
    const sideFiles = (await fs.readdir(dir)).filter((name) => /\.(damaged|corrupt)-/.test(name));
    await store.close();
    assert.deepEqual(lost, [], `${lost.length} saved records lost of ${a.saved.size + b.saved.size}`);
    assert.deepEqual(unpatched, [], `${unpatched.length} saved changes lost`);
    assert.equal(damage, undefined);
    assert.deepEqual(sideFiles, []);
    assert.ok(a.saved.size > ROUNDS && b.saved.size > ROUNDS, `saved: a ${a.saved.size}, b ${b.saved.size}`);
    // Writes that gave up are allowed (they say so to the caller); none did here, since the lock is taken over.
    assert.deepEqual([...a.errors, ...b.errors], []);
  });
});
