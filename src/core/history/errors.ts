// The one error the history store reports to its user: the file could not be read and was moved aside.

/** The history file was unreadable (garbage in the middle, not a history file, unknown version). */
export class HistoryCorruptError extends Error {
  override readonly name = 'HistoryCorruptError';
  constructor(
    /** Where the unreadable file now lives, untouched, so nothing is ever lost silently. */
    readonly setAsidePath: string,
    /** What was wrong, e.g. `line 12: not JSON`. */
    readonly reason: string,
  ) {
    super(`The history file was unreadable (${reason}); it was moved to ${setAsidePath} and a new history was started.`);
  }
}
