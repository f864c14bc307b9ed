// `GSM-7 · 1 SMS` at the end of each SMS text, and of each translation call whose texts are known (the worst locale);
// off with keccel.smsTexts.inlayHints.
import * as vscode from 'vscode';
import { Disposable } from '../platform/lifecycle';
import { worstTranslation } from '../../core/texts/translations';
import type { DocumentTexts } from './documentTexts';
import type { Translations } from './translations';
import { costLabel } from './wording';

export class TextInlayHints extends Disposable implements vscode.InlayHintsProvider {
  private readonly changed = this._register(new vscode.EventEmitter<void>());
  readonly onDidChangeInlayHints = this.changed.event;

  constructor(private readonly texts: DocumentTexts, private readonly translations: Translations) {
    super();
    this._register(texts.onDidChange(() => this.changed.fire()));
    this._register(translations.onDidChange(() => this.changed.fire()));
  }

  provideInlayHints(document: vscode.TextDocument, range: vscode.Range): vscode.InlayHint[] {
    if (!this.texts.settings().inlayHints) return [];
    const start = document.offsetAt(range.start);
    const end = document.offsetAt(range.end);
    const hints = this.texts.textsOf(document)
      .filter((text) => text.end >= start && text.end <= end)
      .map((text) => hint(document, text.end, costLabel(text.analysis.worst)));
    // A translation call: the worst of its locales.
    for (const { call, translations } of this.translations.callsOf(document)) {
      const worst = worstTranslation(translations);
      if (worst && call.end >= start && call.end <= end) hints.push(hint(document, call.end, costLabel(worst.text.analysis.worst)));
    }
    return hints;
  }
}

function hint(document: vscode.TextDocument, offset: number, label: string): vscode.InlayHint {
  const inlay = new vscode.InlayHint(document.positionAt(offset), label);
  inlay.paddingLeft = true;
  return inlay;
}
