// Files written next to the history so that no byte of the user's is ever lost: the whole file when it is not
// ours (`.corrupt-<time>`), or only its damaged lines (`.damaged-<time>`). Neither ever overwrites a file.
import { promises as fs } from 'node:fs';
import type { DamagedLine } from './format';

/** Moves an unreadable history file aside; returns where it went. */
export async function moveAside(file: string): Promise<string> {
  const aside = await freeName(`${file}.corrupt-${stamp()}`);
  await fs.rename(file, aside);
  return aside;
}

/** Writes damaged lines, byte for byte and one per line, to a new side file (fsync'ed); returns its path. */
export async function keepDamagedLines(file: string, lines: readonly DamagedLine[]): Promise<string> {
  const content = Buffer.concat(lines.flatMap((l) => [l.bytes, NEWLINE]));
  for (let n = 1; ; n++) {
    const side = `${file}.damaged-${stamp()}${n === 1 ? '' : `-${n}`}`;
    let handle: fs.FileHandle;
    try {
      handle = await fs.open(side, 'wx');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw err;
    }
    try {
      await handle.writeFile(content);
      await handle.sync();
    } finally {
      await handle.close();
    }
    return side;
  }
}

/** Makes a rename durable. Directories cannot be opened for fsync on Windows; nothing to do there. */
export async function syncDirectory(dir: string): Promise<void> {
  try {
    const handle = await fs.open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // best effort
  }
}

const NEWLINE = Buffer.from('\n');

function stamp(): string {
  return new Date().toISOString().replace(/[:.]/g, '-');
}

/** The name itself if free, else with -2, -3... (two set-asides in the same millisecond). */
async function freeName(name: string): Promise<string> {
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? name : `${name}-${n}`;
    try {
      await fs.lstat(candidate);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return candidate;
      throw err;
    }
  }
}
