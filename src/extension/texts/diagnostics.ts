// Publishes the problems of the SMS texts of open documents as diagnostics (source `Keccel SMS`, the contract's
// codes), whenever DocumentTexts says a document's texts changed.
//
// A keystroke changes one text's diagnostics and leaves the others as they were: their objects are reused, and only
// the slice of the file holding the changed text is sent to VS Code again (slicedDiagnostics.ts says why).
import * as vscode from 'vscode';
import type { TextAnalysis } from '../../core/texts/analysis';
import type { SmsText } from '../../core/texts/fileTexts';
import { Disposable } from '../platform/lifecycle';
import type { DocumentTexts } from './documentTexts';
import { SlicedDiagnostics } from './slicedDiagnostics';
import { problemMessage } from './wording';

export const DIAGNOSTIC_SOURCE = 'Keccel SMS';

export class TextDiagnostics extends Disposable {
  private readonly sliced = this._register(new SlicedDiagnostics('keccel-sms-texts'));
  private readonly published = new WeakMap<TextAnalysis, { range: vscode.Range; maxSegments: number; diagnostics: vscode.Diagnostic[] }>();

  constructor(private readonly texts: DocumentTexts) {
    super();
    this._register(texts.onDidChange((document) => (document ? this.publish(document) : this.publishAll())));
    this._register(vscode.workspace.onDidCloseTextDocument((d) => this.sliced.delete(d.uri)));
  }

  publishAll(): void {
    this.sliced.clear();
    for (const document of vscode.workspace.textDocuments) this.publish(document);
  }

  publish(document: vscode.TextDocument): void {
    if (document.isClosed) return;
    this.texts.work.time('publish', () => {
      const texts = this.texts.textsOf(document);
      const max = this.texts.settings().maxSegments;
      this.sliced.set(document.uri, texts.map((text) => this.reused(document, text, max)));
    });
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
    const collection = this.sliced.first;
    const changed = entries.filter(([uri, diagnostics]) => diagnostics.length > 0 || collection.has(uri));
    if (changed.length > 0) collection.set(changed);
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
