// The lock file shared by every window writing one history, tested across real processes: a window that dies
// holding the lock must never make another window's write give up (that write would be a lost record).
import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { settleWithin } from '../../src/core/bounded';
import { HistoryStore } from '../../src/core/history';
import { LOCK_STALE_MS, LOCK_TIMEOUT_MS, withFileLock } from '../../src/core/history/lock';

const lockModule = path.resolve(__dirname, '../../src/core/history/lock');

/** A child process that takes the lock, says so on stdout, and holds it until it is killed (or for `holdMs`). */
async function holdLockInChild(lockPath: string, staleMs?: number, holdMs?: number): Promise<ChildProcess> {
  const options = staleMs === undefined ? '{}' : `{ staleMs: ${staleMs} }`;
  const hold = holdMs === undefined ? 'new Promise(() => {})' : `new Promise((r) => setTimeout(r, ${holdMs}))`;
  const script = `
    const { withFileLock } = require(${JSON.stringify(lockModule)});
    const alive = setInterval(() => {}, 60_000); // stays alive until killed or done
    withFileLock(process.argv[1], () => { process.stdout.write('held\\n'); return ${hold}; }, ${options})
      .then(() => clearInterval(alive));`;
  const child = spawn(process.execPath, ['-e', script, lockPath], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('held') && resolve());
    child.on('exit', (code) => reject(new Error(`the lock holder exited early (${code})`)));
  });
  return child;
}

async function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.on('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

describe('history lock', () => {
  let dir: string;
  const children: ChildProcess[] = [];
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'keccel-lock-'));
  });
  afterEach(async () => {
    for (const child of children.splice(0)) await kill(child);
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('gives up only after a lock would have been found stale', () => {
    assert.ok(LOCK_TIMEOUT_MS > LOCK_STALE_MS, `give up after ${LOCK_TIMEOUT_MS} ms, stale after ${LOCK_STALE_MS} ms`);
  });

  it('takes over at once a lock left by a process that died holding it, and the write lands', async function () {
    this.timeout(30_000);
    const store = await HistoryStore.open({ dir });
    const child = await holdLockInChild(`${store.path}.lock`);
    children.push(child);
    await kill(child);
    const started = Date.now();
    const at = new Date().toISOString();
    const record = await store.add({
      to: '243812345678', from: 'GUEST', encoding: 'GSM-7', segments: 1, sendStatus: 'sent', messageId: 'm-1',
      description: 'Sent', deliveryStatus: 'pending', sentAt: at, updatedAt: at, sandbox: false,
    });
    assert.ok(Date.now() - started < LOCK_STALE_MS, `waited ${Date.now() - started} ms for a dead window's lock`);
    await store.close();
    const again = await HistoryStore.open({ dir });
    assert.equal(again.get(record.id)?.messageId, 'm-1');
    await again.close();
  });

  it('takes over a lock whose owner cannot be checked (another machine) once it is stale, before giving up', async function () {
    this.timeout(30_000);
    const lockPath = path.join(dir, 'h.lock');
    await fs.writeFile(lockPath, '4242 some-other-machine\n');
    const started = Date.now();
    assert.equal(await withFileLock(lockPath, async () => 'ran', { staleMs: 300, timeoutMs: 5_000 }), 'ran');
    assert.ok(Date.now() - started >= 250, 'a fresh lock of another machine was taken over at once');
  });

  it('never takes over the lock of a live process, however long it holds it, and gives up with a clear error', async function () {
    this.timeout(30_000);
    const lockPath = path.join(dir, 'h.lock');
    // A stale time far above any pause of a live process on a loaded 2-core CI machine (the owner's heartbeat runs
    // every quarter of it): with 200 ms, a child starved of CPU for 200 ms looked dead and lost its lock.
    const child = await holdLockInChild(lockPath, 1_500);
    children.push(child);
    // Held twice longer than the stale threshold: the owner's heartbeat keeps it fresh.
    await assert.rejects(
      withFileLock(lockPath, async () => 'stolen', { staleMs: 1_500, timeoutMs: 3_000 }),
      /locked by another window/,
    );
    assert.equal((await fs.readFile(lockPath, 'utf8')).split(/\s/)[0], String(child.pid));
  });

  it('close() waits for a write queued just before it, even one waiting for another window\'s lock, then refuses writes', async function () {
    this.timeout(30_000);
    const store = await HistoryStore.open({ dir });
    const child = await holdLockInChild(`${store.path}.lock`, undefined, 400);
    children.push(child);
    const at = new Date().toISOString();
    const queued = store.add({
      to: '243812345678', from: 'GUEST', encoding: 'GSM-7', segments: 1, sendStatus: 'unknown',
      description: 'Sending…', sentAt: at, updatedAt: at, sandbox: false,
    });
    // What deactivate() does: close, waiting at most a bounded time.
    assert.equal(await settleWithin(store.close(), 5_000), 'done');
    const record = await queued;
    await assert.rejects(store.add({ ...record, id: undefined }), /closed/);
    const again = await HistoryStore.open({ dir });
    assert.equal(again.get(record.id)?.description, 'Sending…');
    await again.close();
  });

  it('a bounded wait gives up on a write stuck behind a lock, in time', async () => {
    const started = Date.now();
    assert.equal(await settleWithin(new Promise(() => {}), 100), 'timed-out');
    assert.ok(Date.now() - started < 1_000);
    assert.equal(await settleWithin(Promise.reject(new Error('x')), 1_000), 'done');
  });
});
