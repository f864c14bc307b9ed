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
//
// A live window can still lose its lock: frozen longer than `staleMs` (a debugger pause, a blocked event loop,
// a slow disk), it looks dead and another window takes the lock over. So the lock file also holds a random owner
// token: the holder checks it is still its own before it writes (HeldLock.isHeld), and on release removes the
// file only if it is still its own, never the lock of the window that took over. A check cannot stop a window
// frozen between the check and its write; the store verifies each write afterwards for that (store.ts).
import { randomBytes } from 'node:crypto';
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

/** The holder found its lock taken over by another window (it was frozen longer than the stale time). */
export class LockLostError extends Error {
  constructor(
    message = 'the history lock was taken over by another window while this one was paused',
    /** Lines may have reached the file before the loss was noticed (store.ts writes them again, idempotently). */
    readonly mayHaveWritten = false,
  ) {
    super(message);
  }
}

/** What the function run under the lock can ask about it. */
export interface HeldLock {
  /** True while the lock file is still the one this holder created (its owner token). */
  isHeld(): Promise<boolean>;
}

export async function withFileLock<T>(lockPath: string, fn: (lock: HeldLock) => Promise<T>, options: LockOptions = {}): Promise<T> {
  const staleMs = options.staleMs ?? LOCK_STALE_MS;
  const timeoutMs = Math.max(options.timeoutMs ?? LOCK_TIMEOUT_MS, 2 * staleMs);
  const content = `${process.pid} ${HOST} ${randomBytes(12).toString('hex')}\n`;
  await acquire(lockPath, content, staleMs, timeoutMs);
  const isHeld = async () => (await fs.readFile(lockPath, 'utf8').catch(() => '')) === content;
  const heartbeat = setInterval(() => {
    const now = new Date();
    // Touching a lock that another window has taken over only keeps that live window's lock fresh: harmless.
    fs.utimes(lockPath, now, now).catch(() => undefined);
  }, Math.max(10, Math.floor(staleMs / 4)));
  heartbeat.unref?.();
  try {
    return await fn({ isHeld });
  } finally {
    clearInterval(heartbeat);
    // Never the lock of a window that took over while this one was paused.
    if (await isHeld()) await fs.unlink(lockPath).catch(() => undefined);
  }
}

const HOST = os.hostname();

async function acquire(lockPath: string, content: string, staleMs: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 0; ; attempt++) {
    try {
      // 'wx' fails if the file exists: creating it is the atomic test-and-set.
      await fs.writeFile(lockPath, content, { flag: 'wx' });
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
