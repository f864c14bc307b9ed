// A lock file shared by every window writing the same history, held only while a window writes (an append
// takes well under a millisecond, a compaction of 100k records a fraction of a second). Without it, a
// compaction in one window could drop a line another window appended between the read and the rename.
//
// A window can die holding the lock (a crash, a killed extension host). Its lock must be taken over before a
// waiting window gives up, or that window's write (a send's record) is lost. So:
// - the lock file names its owner (pid and host): a lock whose owner is known dead on this machine is taken
//   over at once;
// - the owner refreshes the file's time while it holds the lock, so a lock not refreshed for `staleMs` belongs
//   to a window that is dead or hung (or on another machine that stopped), and is taken over;
// - a waiter gives up only after `timeoutMs`, which is always longer than `staleMs`.
import { promises as fs } from 'node:fs';
import * as os from 'node:os';

/** A lock not refreshed for this long is taken to be left by a dead or hung window. */
export const LOCK_STALE_MS = 5_000;
/** A waiter gives up after this long; longer than LOCK_STALE_MS, so a dead window's lock is taken over first. */
export const LOCK_TIMEOUT_MS = 15_000;

export interface LockOptions {
  /** Default LOCK_STALE_MS. */
  staleMs?: number;
  /** Default LOCK_TIMEOUT_MS; raised to twice `staleMs` if shorter. */
  timeoutMs?: number;
}

export class LockTimeoutError extends Error {}

export async function withFileLock<T>(lockPath: string, fn: () => Promise<T>, options: LockOptions = {}): Promise<T> {
  const staleMs = options.staleMs ?? LOCK_STALE_MS;
  const timeoutMs = Math.max(options.timeoutMs ?? LOCK_TIMEOUT_MS, 2 * staleMs);
  await acquire(lockPath, staleMs, timeoutMs);
  const heartbeat = setInterval(() => {
    const now = new Date();
    fs.utimes(lockPath, now, now).catch(() => undefined);
  }, Math.max(10, Math.floor(staleMs / 4)));
  heartbeat.unref?.();
  try {
    return await fn();
  } finally {
    clearInterval(heartbeat);
    await fs.unlink(lockPath).catch(() => undefined);
  }
}

const HOST = os.hostname();

async function acquire(lockPath: string, staleMs: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 0; ; attempt++) {
    try {
      // 'wx' fails if the file exists: creating it is the atomic test-and-set.
      await fs.writeFile(lockPath, `${process.pid} ${HOST}\n`, { flag: 'wx' });
      return;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    if (await takeOverIfAbandoned(lockPath, staleMs)) continue;
    if (Date.now() > deadline) throw new LockTimeoutError(`the history file is locked by another window (${lockPath})`);
    await new Promise((resolve) => setTimeout(resolve, Math.min(5 + attempt * 5, 50)));
  }
}

/** Removes the lock if its owner is dead or it went stale; true if it is gone (or was already). */
async function takeOverIfAbandoned(lockPath: string, staleMs: number): Promise<boolean> {
  const stat = await fs.stat(lockPath).catch(() => undefined);
  if (!stat) return true;
  const owner = await fs.readFile(lockPath, 'utf8').catch(() => '');
  if (!ownerIsDead(owner) && Date.now() - stat.mtimeMs <= staleMs) return false;
  // Another waiter may have taken over meanwhile and made a new lock: only remove the file judged abandoned.
  // (A narrow race remains between this check and the unlink; the locks of live windows are never stale.)
  const again = await fs.stat(lockPath).catch(() => undefined);
  if (again && (again.ino !== stat.ino || again.mtimeMs !== stat.mtimeMs)) return false;
  await fs.unlink(lockPath).catch(() => undefined);
  return true;
}

/** True only when the lock names a process of this machine that no longer exists. */
function ownerIsDead(content: string): boolean {
  const [pidText, host] = content.trim().split(/\s+/);
  const pid = Number(pidText);
  // An empty file is a lock being written right now (or an old format without a host): judge it by its age.
  if (host !== HOST || !Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0); // signal 0 tests for existence
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
