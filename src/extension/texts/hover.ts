// The hover on an SMS text: encoding, characters, segments and room left (both ends when placeholders make them
// differ), the cost per send, the parts as they would be split, and each character forcing UCS-2 with its GSM-7
// form. Everything quoted from the file goes through markdownText: shown as text, never as Markdown.
import * as vscode from 'vscode';
import { markdownText } from '../../core/plainText';
import { splitParts } from '../../core/parts';
import { analyzeMessage } from '../../core/segments';
import type { DocumentTexts } from './documentTexts';
import { translationHover } from './translationHover';
import type { Translations } from './translations';
import { costLabel, nameChar } from './wording';

export class TextHover implements vscode.HoverProvider {
  constructor(private readonly texts: DocumentTexts, private readonly translations: Translations) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.ProviderResult<vscode.Hover> {
    const text = this.texts.textAt(document, document.offsetAt(position));
    // Not a text written here: perhaps a translation call (`message: __('sms.welcome')`).
    if (!text) return translationHover(this.translations, document, position);
    const { worst, bestText, worstText, placeholders, culprits } = text.analysis;
    const best = analyzeMessage(bestText);
    const settings = this.texts.settings();
    const lines: string[] = [];
    lines.push(`**${markdownText(vscode.l10n.t('Keccel SMS: {0}', costLabel(worst)))}**`);
    lines.push(markdownText(vscode.l10n.t('{0} characters, {1} SMS, {2} left in the last part; {3} credits per send.',
      worst.characters, worst.segments, worst.remainingInSegment, worst.segments)));
    if (placeholders > 0) {
      lines.push(markdownText(vscode.l10n.t('Placeholders: {0}, each counted as {1} characters (keccel.smsTexts.placeholderLength); %OTP% as 8 digits.',
        placeholders, settings.placeholderLength)));
      if (best.segments !== worst.segments || best.characters !== worst.characters) {
        lines.push(markdownText(vscode.l10n.t('From {0} characters ({1}) with empty placeholders to {2} characters ({3}).',
          best.characters, costLabel(best), worst.characters, costLabel(worst))));
      }
    }
    const parts = splitParts(worstText);
    if (parts.length > 1) {
      lines.push(markdownText(vscode.l10n.t('Parts as they would be split:')));
      parts.forEach((part, i) => lines.push(markdownText(`${i + 1}. ${part}`)));
    }
    if (culprits.length > 0) {
      lines.push(markdownText(vscode.l10n.t('Characters that force UCS-2:')));
      for (const culprit of culprits) {
        const form = culprit.replacement === undefined
          ? vscode.l10n.t('no GSM-7 form')
          : culprit.replacement === '' ? vscode.l10n.t('dropped') : `→ ${culprit.replacement}`;
        lines.push(markdownText(`${nameChar(culprit.char)} ${form}`));
      }
    }
    const range = new vscode.Range(document.positionAt(text.start), document.positionAt(text.end));
    return new vscode.Hover(new vscode.MarkdownString(lines.join('  \n')), range);
  }
}
