// What the history store reports to its user when the file is not all readable. Nothing is ever lost silently:
// unreadable bytes are always kept in a file next to the history, and the report names it.

/** The history file as a whole was unreadable (not a history file, unknown version): it was moved aside. */
export class HistoryCorruptError extends Error {
  override readonly name = 'HistoryCorruptError';
  constructor(
    /** Where the unreadable file now lives, untouched. */
    readonly setAsidePath: string,
    /** What was wrong, e.g. `unknown format version 2`. */
    readonly reason: string,
  ) {
    super(`The history file was unreadable (${reason}); it was moved to ${setAsidePath} and a new history was started.`);
  }
}

/** Some lines of the history were damaged: they were moved to a side file, every other record is kept. */
export class HistoryDamage {
  constructor(
    /** The side file holding the damaged lines, byte for byte, one per line. */
    readonly sideFile: string,
    /** Their line numbers in the history file, e.g. [3, 12]. */
    readonly lines: readonly number[],
  ) {}

  get count(): number {
    return this.lines.length;
  }

  get message(): string {
    const which = this.count === 1 ? `line ${this.lines[0]} was` : `lines ${this.lines.join(', ')} were`;
    return `History: ${which} damaged and moved to ${this.sideFile}; the other records are kept.`;
  }
}
