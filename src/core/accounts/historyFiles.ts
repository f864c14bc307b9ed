// Deleting a removed account's history when its user asks for it: the account's own file (named by its stable id,
// ids.ts) and the side files the store set its damaged lines aside in (`<file>.damaged-…`, `<file>.corrupt-…`).
// Nothing else: the file name comes from the id alone, so the sandbox's file or another account's is never touched.
// The store's lock is held while deleting, so a window writing to that file at that moment finishes first.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { withFileLock } from '../history/lock';
import { historyFileName } from './ids';

/** Deletes the history of the account `accountId` in `dir`; resolves to the names of the files deleted. */
export async function deleteAccountHistory(dir: string, accountId: string): Promise<string[]> {
  const file = historyFileName(accountId);
  const sidePrefixes = [`${file}.damaged-`, `${file}.corrupt-`];
  const deleted: string[] = [];
  await withFileLock(path.join(dir, `${file}.lock`), async () => {
    const names = await fs.readdir(dir).catch(() => [] as string[]);
    for (const name of names) {
      if (name !== file && !sidePrefixes.some((prefix) => name.startsWith(prefix))) continue;
      await fs.rm(path.join(dir, name), { force: true });
      deleted.push(name);
    }
  });
  return deleted;
}
