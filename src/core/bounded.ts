// Waiting for work with a bound: for shutdown paths (deactivate) that must let queued writes land but must not
// hold a closing window for long if a write is stuck (another window holding the history lock).

/** Resolves 'done' when `work` settles (either way), or 'timed-out' after `ms`, whichever comes first. */
export function settleWithin(work: Promise<unknown>, ms: number): Promise<'done' | 'timed-out'> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<'timed-out'>((resolve) => {
    timer = setTimeout(() => resolve('timed-out'), ms);
  });
  const done = work.then(
    () => 'done' as const,
    () => 'done' as const,
  );
  return Promise.race([done, timeout]).finally(() => clearTimeout(timer));
}
