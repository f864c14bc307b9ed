// Publishes the problems of the SMS texts of open documents as diagnostics (source `Keccel SMS`, the contract's
// codes), whenever DocumentTexts says a document's texts changed.
import * as vscode from 'vscode';
import type { SmsText } from '../../core/texts/fileTexts';
import { Disposable } from '../platform/lifecycle';
import type { DocumentTexts } from './documentTexts';
import { problemMessage } from './wording';

export const DIAGNOSTIC_SOURCE = 'Keccel SMS';

export class TextDiagnostics extends Disposable {
  private readonly collection = this._register(vscode.languages.createDiagnosticCollection('keccel-sms-texts'));

  constructor(private readonly texts: DocumentTexts) {
    super();
    this._register(texts.onDidChange((document) => (document ? this.publish(document) : this.publishAll())));
    this._register(vscode.workspace.onDidCloseTextDocument((d) => this.collection.delete(d.uri)));
  }

  publishAll(): void {
    this.collection.clear();
    for (const document of vscode.workspace.textDocuments) this.publish(document);
  }

  publish(document: vscode.TextDocument): void {
    if (document.isClosed) return;
    const texts = this.texts.textsOf(document);
    const max = this.texts.settings().maxSegments;
    this.collection.set(document.uri, texts.flatMap((text) => diagnosticsOf(document, text, max)));
  }

  /** For keccel.checkSmsTexts: problems of files that are not open (they stay until the file is opened or checked again). */
  set(uri: vscode.Uri, diagnostics: vscode.Diagnostic[]): void {
    this.collection.set(uri, diagnostics);
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
