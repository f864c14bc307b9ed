// Publishes the problems of the SMS texts of open documents as diagnostics (source `Keccel SMS`, the contract's
// codes), whenever DocumentTexts says a document's texts changed.
//
// VS Code takes a file's diagnostics only whole: in a file with a thousand texts, each publication hands it a
// thousand diagnostics (tens of milliseconds of the extension host, measured in `npm run bench`). So the diagnostics
// of the texts being typed in move to a second collection, and a keystroke re-sends those few; the others stay as
// sent until a text among them changes or many change at once (a re-read), when everything is sent again.
import * as vscode from 'vscode';
import type { TextAnalysis } from '../../core/texts/analysis';
import type { SmsText } from '../../core/texts/fileTexts';
import { Disposable } from '../platform/lifecycle';
import type { DocumentTexts } from './documentTexts';
import { problemMessage } from './wording';

export const DIAGNOSTIC_SOURCE = 'Keccel SMS';
/** Above this many changed diagnostics, everything is sent again in the main collection. */
const MAX_EDITING = 20;

export class TextDiagnostics extends Disposable {
  private readonly collection = this._register(vscode.languages.createDiagnosticCollection('keccel-sms-texts'));
  private readonly editing = this._register(vscode.languages.createDiagnosticCollection('keccel-sms-texts-editing'));
  /** Per open document: the diagnostics last sent in `collection` (the others are in `editing`). */
  private readonly settled = new Map<string, Set<vscode.Diagnostic>>();
  private readonly published = new WeakMap<TextAnalysis, { range: vscode.Range; maxSegments: number; diagnostics: vscode.Diagnostic[] }>();

  constructor(private readonly texts: DocumentTexts) {
    super();
    this._register(texts.onDidChange((document) => (document ? this.publish(document) : this.publishAll())));
    this._register(vscode.workspace.onDidCloseTextDocument((d) => {
      this.collection.delete(d.uri);
      this.editing.delete(d.uri);
      this.settled.delete(d.uri.toString());
    }));
  }

  publishAll(): void {
    this.collection.clear();
    this.editing.clear();
    this.settled.clear();
    for (const document of vscode.workspace.textDocuments) this.publish(document);
  }

  publish(document: vscode.TextDocument): void {
    if (document.isClosed) return;
    this.texts.work.time('publish', () => {
      const texts = this.texts.textsOf(document);
      const max = this.texts.settings().maxSegments;
      this.send(document.uri, texts.flatMap((text) => this.reused(document, text, max)));
    });
  }

  /** Sends `all` (the document's diagnostics, reused objects where unchanged) split between the two collections. */
  private send(uri: vscode.Uri, all: vscode.Diagnostic[]): void {
    const key = uri.toString();
    const settled = this.settled.get(key);
    const fresh = settled === undefined ? all : all.filter((d) => !settled.has(d));
    if (settled === undefined || fresh.length > MAX_EDITING) {
      this.collection.set(uri, all);
      this.editing.delete(uri);
      this.settled.set(key, new Set(all));
      return;
    }
    if (all.length - fresh.length !== settled.size) {
      // A settled diagnostic changed or went: the settled ones are sent again without it.
      const kept = all.filter((d) => settled.has(d));
      this.collection.set(uri, kept);
      this.settled.set(key, new Set(kept));
    }
    this.editing.set(uri, fresh);
  }

  /**
   * The diagnostics of a text as last published when its analysis and place are the same (a keystroke in one text
   * of a large file leaves the others' analyses as they were): no new messages to word for a thousand texts.
   */
  private reused(document: vscode.TextDocument, text: SmsText, maxSegments: number): vscode.Diagnostic[] {
    const previous = this.published.get(text.analysis);
    const range = new vscode.Range(document.positionAt(text.start), document.positionAt(text.end));
    if (previous !== undefined && previous.maxSegments === maxSegments) {
      if (previous.range.isEqual(range)) return previous.diagnostics;
      const moved = previous.diagnostics.map((d) => copyAt(d, range));
      this.published.set(text.analysis, { range, maxSegments, diagnostics: moved });
      return moved;
    }
    const diagnostics = diagnosticsOf(document, text, maxSegments);
    this.published.set(text.analysis, { range, maxSegments, diagnostics });
    return diagnostics;
  }

  /**
   * For keccel.checkSmsTexts: problems of files that are not open (they stay until the file is opened or checked
   * again). A file without problems that had none is left out: nothing to tell VS Code.
   */
  setMany(entries: ReadonlyArray<[vscode.Uri, vscode.Diagnostic[]]>): void {
    const changed = entries.filter(([uri, diagnostics]) => diagnostics.length > 0 || this.collection.has(uri));
    if (changed.length > 0) this.collection.set(changed);
  }
}

export function diagnosticsOf(document: { positionAt(offset: number): vscode.Position }, text: SmsText, maxSegments: number): vscode.Diagnostic[] {
  if (text.analysis.problems.length === 0) return [];
  const range = new vscode.Range(document.positionAt(text.start), document.positionAt(text.end));
  return text.analysis.problems.map((problem) => {
    const severity = problem.severity === 'warning' ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Information;
    const diagnostic = new vscode.Diagnostic(range, problemMessage(problem, maxSegments), severity);
    diagnostic.source = DIAGNOSTIC_SOURCE;
    diagnostic.code = problem.code;
    return diagnostic;
  });
}

function copyAt(diagnostic: vscode.Diagnostic, range: vscode.Range): vscode.Diagnostic {
  const copy = new vscode.Diagnostic(range, diagnostic.message, diagnostic.severity);
  copy.source = diagnostic.source;
  copy.code = diagnostic.code;
  return copy;
}
