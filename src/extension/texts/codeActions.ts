// Quick fixes on an SMS text: "Replace typographic punctuation" (the spelling stays) when that makes it GSM-7,
// "Rewrite as GSM-7" (accents too), each titled with the cost before and after; and "Send a Test SMS with This
// Text", which opens the composer with the text, placeholders left as written for the user to fill.
import * as vscode from 'vscode';
import { piecesOf } from '../../core/texts/analysis';
import { fixesFor } from '../../core/texts/rewrite';
import type { DocumentTexts } from './documentTexts';
import { DIAGNOSTIC_SOURCE } from './diagnostics';
import { costLabel } from './wording';

const FIXABLE = new Set(['sms-ucs2-avoidable', 'sms-decomposed']);

export class TextCodeActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly texts: DocumentTexts) {}

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const text = this.texts.textAt(document, document.offsetAt(range.start));
    if (!text) return [];
    const actions: vscode.CodeAction[] = [];
    const diagnostics = context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE && FIXABLE.has(String(d.code)));
    const fixable = text.analysis.problems.some((p) => FIXABLE.has(p.code));
    if (fixable) {
      const source = this.texts.sourceOf(document);
      for (const fix of fixesFor(piecesOf(source, text), this.texts.settings().placeholderLength)) {
        const cost = `${costLabel(fix.before)} → ${costLabel(fix.after)}`;
        const title = fix.kind === 'punctuation'
          ? vscode.l10n.t('Replace typographic punctuation ({0})', cost)
          : vscode.l10n.t('Rewrite as GSM-7 ({0})', cost);
        const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
        action.edit = new vscode.WorkspaceEdit();
        for (const edit of fix.edits) {
          action.edit.replace(document.uri, new vscode.Range(document.positionAt(edit.start), document.positionAt(edit.end)), edit.text);
        }
        action.diagnostics = diagnostics;
        action.isPreferred = fix.kind === 'punctuation' || actions.length === 0;
        actions.push(action);
      }
    }
    const send = new vscode.CodeAction(vscode.l10n.t('Send a Test SMS with This Text'), vscode.CodeActionKind.QuickFix);
    send.command = {
      command: 'keccel.openComposer',
      title: send.title,
      arguments: [{ message: text.analysis.composerText }],
    };
    actions.push(send);
    return actions;
  }
}
