// A file's diagnostics cut into consecutive slices, one diagnostic collection per slice, so that a change re-sends
// the slice it touched instead of the whole file.
//
// VS Code takes a collection's diagnostics for a file only whole: every `set` hands all of them to the window, which
// then re-processes its markers (squiggles, the Problems panel). In a file with a thousand SMS texts, re-sending a
// thousand diagnostics for one key kept the window busy for hundreds of milliseconds (`npm run bench`, texts). With
// slices of at most a few dozen texts, a key typed in one text re-sends a few dozen.
import * as vscode from 'vscode';

/** At most this many collections, and so slices per file. */
const MAX_SLICES = 32;
/** At least this many texts per slice (a small file is one slice). */
const MIN_TEXTS_PER_SLICE = 40;

interface Sent {
  textsPerSlice: number;
  slices: vscode.Diagnostic[][];
}

export class SlicedDiagnostics implements vscode.Disposable {
  private readonly collections: vscode.DiagnosticCollection[] = [];
  private readonly sent = new Map<string, Sent>();

  constructor(private readonly name: string) {}

  /** The first slice's collection: where diagnostics of files not open in an editor go (set whole, not sliced). */
  get first(): vscode.DiagnosticCollection {
    return this.collection(0);
  }

  /**
   * Sends a file's diagnostics, given per text in the file's order. A slice whose diagnostics are the same objects
   * as last sent is not sent again (the caller reuses the objects of unchanged texts).
   */
  set(uri: vscode.Uri, perText: ReadonlyArray<readonly vscode.Diagnostic[]>): void {
    const key = uri.toString();
    const textsPerSlice = Math.max(MIN_TEXTS_PER_SLICE, Math.ceil(perText.length / MAX_SLICES));
    const count = Math.max(1, Math.ceil(perText.length / textsPerSlice));
    const previous = this.sent.get(key);
    const comparable = previous !== undefined && previous.textsPerSlice === textsPerSlice;
    const slices: vscode.Diagnostic[][] = [];
    for (let k = 0; k < count; k++) {
      const slice = perText.slice(k * textsPerSlice, (k + 1) * textsPerSlice).flat();
      slices.push(slice);
      if (!comparable || !sameObjects(slice, previous.slices[k])) this.collection(k).set(uri, slice);
    }
    // Slices the file no longer has (fewer texts than before, or diagnostics set whole by a workspace check).
    for (let k = count; k < this.collections.length; k++) {
      if (this.collections[k].has(uri)) this.collections[k].delete(uri);
    }
    this.sent.set(key, { textsPerSlice, slices });
  }

  delete(uri: vscode.Uri): void {
    this.sent.delete(uri.toString());
    for (const collection of this.collections) if (collection.has(uri)) collection.delete(uri);
  }

  clear(): void {
    this.sent.clear();
    for (const collection of this.collections) collection.clear();
  }

  dispose(): void {
    for (const collection of this.collections) collection.dispose();
    this.collections.length = 0;
    this.sent.clear();
  }

  private collection(index: number): vscode.DiagnosticCollection {
    while (this.collections.length <= index) {
      const n = this.collections.length;
      this.collections.push(vscode.languages.createDiagnosticCollection(n === 0 ? this.name : `${this.name}-${n + 1}`));
    }
    return this.collections[index];
  }
}

function sameObjects<T>(a: readonly T[], b: readonly T[] | undefined): boolean {
  if (b === undefined || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
