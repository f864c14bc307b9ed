// A document's text as the keystroke updates see it: the text last read, plus the keys typed since inside one SMS
// text, joined into one string only when something asks for the whole.
//
// Why not one string per version: `before.slice(0, at) + key + before.slice(at)` is cheap, but V8 copies that
// concatenation into one flat string the first time a character of it is read. For a 10,000-line file that is a
// fresh megabyte per key, and it was most of a keystroke's cost in the extension host (docs/performance.md). Here a
// key typed inside the text being edited changes a copy of that text's range only (a hundred characters); the whole
// is joined again when a reader asks for it (a quick fix, a key elsewhere), once.
export interface Change {
  /** Offsets in the text before the change. */
  start: number;
  end: number;
  /** The inserted text. */
  text: string;
}

interface Window {
  /** Where the range starts, in the current text and in `whole` (changes happen inside it, never before it). */
  start: number;
  /** Where the range ends in `whole`. */
  wholeEnd: number;
  /** The range's current text. */
  text: string;
  /** Changed since `whole` was last joined. */
  changed: boolean;
}

export class EditedSource {
  private whole: string;
  /** A range of the current text kept as its own string; `whole` lacks the changes made inside it. */
  private window: Window | undefined;
  private size: number;

  constructor(text: string) {
    this.whole = text;
    this.size = text.length;
  }

  get length(): number {
    return this.size;
  }

  /** The whole current text. */
  text(): string {
    const w = this.window;
    if (w?.changed) {
      this.whole = this.whole.slice(0, w.start) + w.text + this.whole.slice(w.wholeEnd);
      w.wholeEnd = w.start + w.text.length;
      w.changed = false;
    }
    return this.whole;
  }

  /** Keeps [start, end) of the current text as its own small string, so that changes inside it stay cheap. */
  focus(start: number, end: number): void {
    const w = this.window;
    if (w !== undefined && start >= w.start && end <= w.start + w.text.length) return;
    const whole = this.text();
    this.window = { start, wholeEnd: end, text: whole.slice(start, end), changed: false };
  }

  /** The current text between two offsets. */
  slice(start: number, end: number): string {
    const w = this.window;
    if (w !== undefined && start >= w.start && end <= w.start + w.text.length) return w.text.slice(start - w.start, end - w.start);
    return this.text().slice(start, end);
  }

  /** Applies a change: inside the focused range it edits that range only; elsewhere the whole text. */
  apply(change: Change): void {
    const w = this.window;
    if (w !== undefined && change.start >= w.start && change.end <= w.start + w.text.length) {
      w.text = w.text.slice(0, change.start - w.start) + change.text + w.text.slice(change.end - w.start);
      w.changed = true;
    } else {
      const whole = this.text();
      this.window = undefined;
      this.whole = whole.slice(0, change.start) + change.text + whole.slice(change.end);
    }
    this.size += change.text.length - (change.end - change.start);
  }
}
