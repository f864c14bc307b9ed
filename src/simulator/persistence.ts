// The simulator's state file: the account and the accepted messages as one JSON document, so a sandbox that
// restarts (VS Code reloaded, keccel-sim restarted) still knows its balance and answers delivery checks for the
// messages it accepted before. Times stay absolute: a report that fell due while nothing ran is final at once.
// Writes go to a temporary file renamed over the real one, so a reader (or a crash) never sees half a file.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { SimMessage } from './simMessage';

/** What the file holds. The token is left out on purpose: it comes from the options on every start. */
export interface PersistedState {
  balance: number;
  expiration: Date | null;
  accountStatus: string;
  /** Oldest first. */
  messages: SimMessage[];
}

interface FileShape {
  version: 1;
  balance: number;
  /** ISO 8601, or null for the gateway's empty expiration. */
  expiration: string | null;
  accountStatus: string;
  messages: SimMessage[];
}

/**
 * Reads the state file. A missing file is the normal first start (undefined, nothing logged); an unreadable or
 * malformed one is reported through `warn` and ignored, so a damaged file never stops the sandbox.
 */
export async function loadState(file: string, warn: (line: string) => void): Promise<PersistedState | undefined> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') warn(`cannot read the state file ${file}: ${describe(error)}; starting afresh`);
    return undefined;
  }
  try {
    return fromFile(JSON.parse(text) as unknown);
  } catch (error) {
    warn(`ignoring the state file ${file}: ${describe(error)}; starting afresh`);
    return undefined;
  }
}

/** Pause between two writes while changes keep coming: a sustained burst costs about five writes a second. */
export const SAVE_GAP_MS = 200;

/**
 * Saves snapshots in order, one write at a time. Changes that arrive while a write runs are coalesced into a
 * single follow-up write of the newest state (at most one write in flight plus one queued), made SAVE_GAP_MS after
 * the previous one, so a burst of sends costs a few writes, not one per send (each write serialises every message).
 */
export class StateSaver {
  private running: Promise<void> | undefined;
  private queued = false;
  private dirCreated = false;
  private readonly tempFile: string;

  constructor(
    private readonly file: string,
    /** Taken when a write starts, so a queued write saves the latest state. */
    private readonly snapshot: () => PersistedState,
    private readonly warn: (line: string) => void,
  ) {
    // Per process: two simulators of different processes on one file never share a temporary file.
    this.tempFile = `${file}.${process.pid}.tmp`;
  }

  /** Records that the state changed; the write happens in the background. */
  schedule(): void {
    if (this.running) {
      this.queued = true;
      return;
    }
    this.running = this.drain().finally(() => (this.running = undefined));
  }

  /** Resolves once every scheduled change is on disk (or its write has failed and been logged). */
  async flush(): Promise<void> {
    while (this.running) await this.running;
  }

  private async drain(): Promise<void> {
    do {
      this.queued = false;
      try {
        await this.write(toFile(this.snapshot()));
      } catch (error) {
        this.warn(`cannot save the state file ${this.file}: ${describe(error)}`);
      }
      // Not unref()ed: a process stopping (keccel-sim on Ctrl+C) must still write the last state.
      if (this.queued) await new Promise((resolve) => setTimeout(resolve, SAVE_GAP_MS));
    } while (this.queued);
  }

  private async write(data: FileShape): Promise<void> {
    if (!this.dirCreated) {
      await fs.mkdir(path.dirname(this.file), { recursive: true });
      this.dirCreated = true;
    }
    await fs.writeFile(this.tempFile, JSON.stringify(data));
    await fs.rename(this.tempFile, this.file);
  }
}

function toFile(state: PersistedState): FileShape {
  return {
    version: 1,
    balance: state.balance,
    expiration: state.expiration ? state.expiration.toISOString() : null,
    accountStatus: state.accountStatus,
    messages: state.messages,
  };
}

/** Throws with a short reason when the document is not a state file this version understands. */
function fromFile(json: unknown): PersistedState {
  if (!isObject(json) || json.version !== 1) throw new Error('not a version 1 simulator state');
  const { balance, expiration, accountStatus, messages } = json;
  if (typeof balance !== 'number' || !Number.isFinite(balance)) throw new Error('bad balance');
  if (typeof accountStatus !== 'string') throw new Error('bad accountStatus');
  const expirationDate = expiration === null ? null : new Date(typeof expiration === 'string' ? expiration : NaN);
  if (expirationDate && Number.isNaN(expirationDate.getTime())) throw new Error('bad expiration');
  if (!Array.isArray(messages) || !messages.every(isSimMessage)) throw new Error('bad messages');
  return { balance, expiration: expirationDate, accountStatus, messages };
}

function isSimMessage(value: unknown): value is SimMessage {
  if (!isObject(value)) return false;
  const { messageId, to, from, message, segments, sentAt, reportAt, finalStatus } = value;
  return (
    typeof messageId === 'string' && typeof to === 'string' && typeof from === 'string' && typeof message === 'string' &&
    typeof segments === 'number' && typeof sentAt === 'number' && (reportAt === null || typeof reportAt === 'number') &&
    (finalStatus === 'DELIVERED' || finalStatus === 'FAILED')
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
