// What the SMS text features say, in English and French (l10n bundle). Plain text only: the characters we name
// come from the user's file and are shown as text.
import * as vscode from 'vscode';
import type { SegmentInfo } from '../../core/segments';
import type { Problem } from '../../core/texts/analysis';

/**
 * `’ (U+2019)`, `« (U+00AB)`: visible and unambiguous, also for a no-break space. A space, a mark, a control or a
 * format character (a bidirectional override would reorder the rest of the message) is named by its code point only.
 */
export function nameChar(char: string): string {
  const code = char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
  const visible = /^[\s\u00a0\u202f]$/u.test(char) || /[\p{M}\p{Cc}\p{Cf}]/u.test(char) ? '' : `${char} `;
  return `${visible}(U+${code})`;
}

export function nameChars(chars: readonly string[]): string {
  return chars.map(nameChar).join(', ');
}

/** `GSM-7 · 1 SMS`: the inlay hint, and the cost in fix titles. */
export function costLabel(info: SegmentInfo): string {
  return `${info.encoding} · ${info.segments} SMS`;
}

export function problemMessage(problem: Problem, maxSegments: number): string {
  switch (problem.code) {
    case 'sms-ucs2-avoidable':
      return vscode.l10n.t('UCS-2 only because of {0}, which have a GSM-7 form: {1} SMS per send, {2} once rewritten.',
        nameChars(problem.chars), problem.segments, problem.segmentsAfter ?? problem.segments);
    case 'sms-ucs2':
      return vscode.l10n.t('UCS-2 because of {0}, which have no GSM-7 form: {1} SMS per send.', nameChars(problem.chars), problem.segments);
    case 'sms-segments':
      return vscode.l10n.t('{0} SMS per send, more than the {1} of keccel.smsTexts.maxSegments.', problem.segments, maxSegments);
    case 'sms-decomposed':
      return vscode.l10n.t('{0} written as a letter followed by a combining accent: the text goes out as UCS-2 and some phones show the accent apart.', problem.chars.join(', '));
    case 'sms-crlf':
      return vscode.l10n.t('A CRLF line break inside the text: the CR costs one more character and some phones show an empty line.');
  }
}
