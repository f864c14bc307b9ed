// A bound on a step that has no timeout of its own (the system resolver can wait for long).

/** Rejects with an error whose `code` is `code` when `promise` has not settled within `ms`. */
export function withTimeout<T>(promise: Promise<T>, ms: number, code: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error(`No answer within ${ms} ms`), { code })), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
