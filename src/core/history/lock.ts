// A lock file shared by every window writing the same history, held only while a window writes (an append
// takes well under a millisecond, a compaction of 100k records a fraction of a second). Without it, a
// compaction in one window could drop a line another window appended between the read and the rename.
import { promises as fs } from 'node:fs';

export interface LockOptions {
  /** A lock older than this is taken to be left by a crashed window and is removed. */
  staleMs?: number;
  /** Give up after this long (the other window may be stuck). */
  timeoutMs?: number;
}

export class LockTimeoutError extends Error {}

export async function withFileLock<T>(lockPath: string, fn: () => Promise<T>, options: LockOptions = {}): Promise<T> {
  await acquire(lockPath, options.staleMs ?? 10_000, options.timeoutMs ?? 5_000);
  try {
    return await fn();
  } finally {
    await fs.unlink(lockPath).catch(() => undefined);
  }
}

async function acquire(lockPath: string, staleMs: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 0; ; attempt++) {
    try {
      // 'wx' fails if the file exists: creating it is the atomic test-and-set.
      await fs.writeFile(lockPath, `${process.pid}\n`, { flag: 'wx' });
      return;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const stat = await fs.stat(lockPath).catch(() => undefined);
    if (stat && Date.now() - stat.mtimeMs > staleMs) {
      await fs.unlink(lockPath).catch(() => undefined);
      continue;
    }
    if (Date.now() > deadline) throw new LockTimeoutError(`the history file is locked by another window (${lockPath})`);
    await new Promise((resolve) => setTimeout(resolve, Math.min(5 + attempt * 5, 50)));
  }
}
