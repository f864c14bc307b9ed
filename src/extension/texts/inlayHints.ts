// `GSM-7 · 1 SMS` at the end of each SMS text (off with keccel.smsTexts.inlayHints).
import * as vscode from 'vscode';
import { Disposable } from '../platform/lifecycle';
import type { DocumentTexts } from './documentTexts';
import { costLabel } from './wording';

export class TextInlayHints extends Disposable implements vscode.InlayHintsProvider {
  private readonly changed = this._register(new vscode.EventEmitter<void>());
  readonly onDidChangeInlayHints = this.changed.event;

  constructor(private readonly texts: DocumentTexts) {
    super();
    this._register(texts.onDidChange(() => this.changed.fire()));
  }

  provideInlayHints(document: vscode.TextDocument, range: vscode.Range): vscode.InlayHint[] {
    if (!this.texts.settings().inlayHints) return [];
    const start = document.offsetAt(range.start);
    const end = document.offsetAt(range.end);
    return this.texts.textsOf(document)
      .filter((text) => text.end >= start && text.end <= end)
      .map((text) => {
        const hint = new vscode.InlayHint(document.positionAt(text.end), costLabel(text.analysis.worst));
        hint.paddingLeft = true;
        return hint;
      });
  }
}
