// The hover on a translation call. Resolved: the worst locale's cost, then each locale file with its cost and text,
// and the characters that force UCS-2. Not resolved: where the text probably lives and a link that adds those files
// to keccel.smsTexts.files. Every word from a file, a key or a setting goes through markdownText (shown as text,
// never as Markdown); the one link is ours, and the hover trusts that one command only.
import * as vscode from 'vscode';
import { markdownText } from '../../core/plainText';
import { worstTranslation } from '../../core/texts/translations';
import { ADD_TRANSLATION_FILES_COMMAND } from './addTranslationFiles';
import type { ResolvedCall, Translations } from './translations';
import { costLabel, nameChar } from './wording';

/** A translation's text is shown up to this length in the hover. */
const SHOWN_CHARACTERS = 160;

export async function translationHover(translations: Translations, document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
  const resolved = await translations.callAt(document, document.offsetAt(position));
  if (!resolved) return undefined;
  const range = new vscode.Range(document.positionAt(resolved.call.start), document.positionAt(resolved.call.end));
  const markdown = resolved.translations.length > 0 ? resolvedLines(resolved) : await unresolvedLines(translations, document, resolved);
  const hover = new vscode.MarkdownString(markdown.join('  \n'));
  hover.isTrusted = { enabledCommands: [ADD_TRANSLATION_FILES_COMMAND] };
  return new vscode.Hover(hover, range);
}

function resolvedLines({ call, translations }: ResolvedCall): string[] {
  const worst = worstTranslation(translations)!;
  const lines = [`**${markdownText(vscode.l10n.t('Keccel SMS: {0} → {1} (worst of {2} translations)', call.key, costLabel(worst.text.analysis.worst), translations.length))}**`];
  for (const t of translations) {
    const { analysis } = t.text;
    const shown = analysis.composerText.length > SHOWN_CHARACTERS ? `${analysis.composerText.slice(0, SHOWN_CHARACTERS)}…` : analysis.composerText;
    lines.push(markdownText(vscode.l10n.t('{0} — {1}: {2}, {3} characters, {4} credits per send', t.locale, t.path, costLabel(analysis.worst),
      analysis.worst.characters, analysis.worst.segments)));
    lines.push(`> ${markdownText(shown).replace(/ {2}\n/g, '  \n> ')}`);
  }
  if (worst.text.analysis.culprits.length > 0) {
    lines.push(markdownText(vscode.l10n.t('Characters that force UCS-2 ({0}):', worst.locale)));
    for (const culprit of worst.text.analysis.culprits) {
      const form = culprit.replacement === undefined
        ? vscode.l10n.t('no GSM-7 form')
        : culprit.replacement === '' ? vscode.l10n.t('dropped') : `→ ${culprit.replacement}`;
      lines.push(markdownText(`${nameChar(culprit.char)} ${form}`));
    }
  }
  return lines;
}

async function unresolvedLines(translations: Translations, document: vscode.TextDocument, { call }: ResolvedCall): Promise<string[]> {
  const where = await translations.whereItLives(document, call);
  const listed = vscode.workspace.getConfiguration('keccel.smsTexts', document.uri).get<string[]>('files') ?? [];
  const lines = [`**${markdownText(vscode.l10n.t('Keccel SMS: {0} is a translation: its cost is not known here.', call.key))}**`];
  lines.push(markdownText(listed.length === 0
    ? vscode.l10n.t('keccel.smsTexts.files lists no translation file, so its text is not read.')
    : vscode.l10n.t('No file of keccel.smsTexts.files holds this key.')));
  lines.push(markdownText(where.conventional
    ? vscode.l10n.t('It usually lives in {0} (no file of this workspace holds it).', where.globs.join(', ') || '—')
    : vscode.l10n.t('It is in {0}.', where.found.join(', '))));
  for (const glob of where.globs) {
    const args = encodeURIComponent(JSON.stringify([glob])).replace(/[()'!*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
    lines.push(`[${markdownText(vscode.l10n.t('Add {0} to keccel.smsTexts.files', glob))}](command:${ADD_TRANSLATION_FILES_COMMAND}?${args})`);
  }
  return lines;
}
