// The problems of the texts behind translation calls, on the call (source `Keccel SMS`, the contract's codes): each
// problem once, as the worst locale that has it words it, naming the key and the files that have it. Their own
// collection for open documents, so the texts written in the file keep theirs; keccel.checkSmsTexts words the calls
// of files not open with the same translationDiagnosticsOf.
import * as vscode from 'vscode';
import { plainText } from '../../core/plainText';
import { translationProblems, type ResolvedCall } from '../../core/texts/translations';
import { Disposable } from '../platform/lifecycle';
import { DIAGNOSTIC_SOURCE } from './diagnostics';
import type { DocumentTexts } from './documentTexts';
import type { Translations } from './translations';
import { problemMessage } from './wording';

export class TranslationDiagnostics extends Disposable {
  private readonly collection = this._register(vscode.languages.createDiagnosticCollection('keccel-sms-translations'));

  constructor(private readonly texts: DocumentTexts, private readonly translations: Translations) {
    super();
    this._register(texts.onDidChange((document) => (document ? this.publish(document) : this.publishAll())));
    this._register(translations.onDidChange(() => this.publishAll()));
    this._register(vscode.workspace.onDidCloseTextDocument((d) => this.collection.delete(d.uri)));
  }

  private publishAll(): void {
    for (const document of vscode.workspace.textDocuments) this.publish(document);
  }

  private publish(document: vscode.TextDocument): void {
    if (document.isClosed) return;
    const max = this.texts.settings().maxSegments;
    const diagnostics = this.translations.callsOf(document).flatMap((resolved) => translationDiagnosticsOf(document, resolved, max));
    if (diagnostics.length > 0 || this.collection.has(document.uri)) this.collection.set(document.uri, diagnostics);
  }
}

/** A call's diagnostics, for an open document and for keccel.checkSmsTexts in a file that is not open alike. */
export function translationDiagnosticsOf(document: { positionAt(offset: number): vscode.Position }, { call, translations }: ResolvedCall,
  maxSegments: number): vscode.Diagnostic[] {
  const problems = translationProblems(translations);
  if (problems.length === 0) return [];
  const range = new vscode.Range(document.positionAt(call.start), document.positionAt(call.end));
  return problems.map(({ problem, paths }) => {
    const message = vscode.l10n.t('{0} (translation {1} in {2})', problemMessage(problem, maxSegments), plainText(call.key), plainText(paths.join(', ')));
    const severity = problem.severity === 'warning' ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Information;
    const diagnostic = new vscode.Diagnostic(range, message, severity);
    diagnostic.source = DIAGNOSTIC_SOURCE;
    diagnostic.code = problem.code;
    return diagnostic;
  });
}
