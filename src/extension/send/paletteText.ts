// What the palette's message step says about the text being typed, without VS Code (a unit test checks it): the
// encoding, the segment count and the room left stay on screen whatever the text (with UCS-2 they go in the
// warning line, which VS Code shows instead of the prompt), with the characters that force UCS-2 named and the
// way out offered: the GSM-7 rewrite when some of them have a GSM-7 form, the composer in any case.
import { analyzeMessage } from '../../core/segments';

export interface PaletteWords {
  /** `vscode.l10n` (or a stand-in in tests); called as `l10n.t(...)` so the French check finds each string. */
  l10n: { t(template: string, ...args: Array<string | number>): string };
  segments(count: number): string;
}

export interface MessageStepView {
  prompt: string;
  /** Shown as a warning while the text is UCS-2. */
  warning?: string;
  /** Whether the Rewrite as GSM-7 button is offered (some character has a GSM-7 form). */
  canRewrite: boolean;
}

const MAX_NAMED = 5;

function quoted(chars: string[]): string {
  const shown = chars.slice(0, MAX_NAMED).map((c) => `“${c}”`);
  if (chars.length > MAX_NAMED) shown.push('…');
  return shown.join(' ');
}

export function messageStepView(raw: string, words: PaletteWords): MessageStepView {
  const { l10n } = words;
  // Counted as it will be sent: composed (NFC), so e + U+0301 counts as the GSM-7 é (docs/api.md).
  const text = raw.normalize('NFC');
  if (text === '') {
    return { prompt: l10n.t('Message text (GSM-7: 160 characters per SMS; one accent like ê or ’ switches to UCS-2: 70)'), canRewrite: false };
  }
  const info = analyzeMessage(text);
  const line = l10n.t(
    '{0} · {1} · {2} characters · {3} left in this part',
    info.encoding,
    words.segments(info.segments),
    info.characters,
    info.remainingInSegment,
  );
  if (info.encoding === 'GSM-7') return { prompt: line, canRewrite: false };
  const fixable = [...new Set(info.ucs2Chars.filter((c) => c.replacement !== undefined).map((c) => c.char))];
  const stuck = [...new Set(info.ucs2Chars.filter((c) => c.replacement === undefined).map((c) => c.char))];
  const parts = [line];
  if (fixable.length > 0) parts.push(l10n.t('{0} force UCS-2 (70 characters per SMS instead of 160): the wand button rewrites them as GSM-7.', quoted(fixable)));
  if (stuck.length > 0) parts.push(l10n.t('No GSM-7 form for {0}: it stays UCS-2 while they are in the text.', quoted(stuck)));
  parts.push(l10n.t('The edit button opens the composer with this text.'));
  return { prompt: line, warning: parts.join(' '), canRewrite: fixable.length > 0 };
}
