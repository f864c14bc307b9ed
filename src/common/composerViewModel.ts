// What the composer shows for a given draft, computed without the DOM so it can be unit-tested in plain Node:
// the live line (encoding, segments, characters, room left), the characters that force UCS-2, the recipient's
// validation with its carrier, the sender check, and whether Send may be pressed.
import { analyzeMessage, type Ucs2Char } from '../core/segments';
import { formatNumber, normalizeNumber } from '../core/numbers';
import { septetsOf } from '../core/gsm7';
import { checkSender, MAX_SENDER_LENGTH } from '../core/sender';
import type { Encoding } from '../core/types';
import type { ComposerDraft, ComposerStrings } from './composerProtocol';
import { fill, hexCodePoint, plural, pluralTemplate } from './format';


/** How many UCS-2 culprits are listed by name; a message in another script would otherwise list every letter. */
export const MAX_LISTED_UCS2 = 8;

export type RecipientView =
  | { kind: 'empty' }
  | { kind: 'ok'; msisdn: string; text: string }
  | { kind: 'error'; text: string };

export interface Ucs2Item {
  text: string;
  /** UTF-16 range in the message, to select the character in the textarea. */
  start: number;
  end: number;
}

export interface ComposerView {
  encoding: Encoding;
  segments: number;
  liveLine: string;
  /**
   * Present when a GSM-7 message holds characters of the extension table (€ [ ] { } ...): each costs two of the
   * 160, which the character count alone does not explain.
   */
  doubleWidth?: string;
  /** Present when the message is UCS-2. */
  ucs2?: {
    items: Ucs2Item[];
    more?: string;
    /** True when "Rewrite as GSM-7" changes something (some character has a GSM-7 form). */
    canRewrite: boolean;
    /** Present when characters with no GSM-7 form keep the message UCS-2 whatever is rewritten: names them. */
    blocked?: string;
  };
  recipient: RecipientView;
  /** The sender that will be used (the default when the field is empty). */
  sender: string;
  senderError?: string;
  canSend: boolean;
}

export function computeView(
  draft: ComposerDraft,
  defaultSender: string,
  strings: ComposerStrings,
  sending: boolean,
): ComposerView {
  const info = analyzeMessage(draft.message);
  const locale = strings.locale;
  const liveLine = [
    info.encoding,
    plural(locale, info.segments, strings.segmentsOne, strings.segmentsOther),
    plural(locale, info.characters, strings.charactersOne, strings.charactersOther),
    fill(strings.left, info.remainingInSegment),
  ].join(' · ');

  // In UCS-2 every character costs the same, so the note only applies to GSM-7.
  const doubles = info.encoding === 'GSM-7' ? doubleWidthChars(draft.message) : [];
  const doubleWidth =
    doubles.length === 0
      ? undefined
      : fill(pluralTemplate(locale, doubles.length, strings.doubleWidthOne, strings.doubleWidthOther), doubles.join(' '));

  let ucs2: ComposerView['ucs2'];
  if (info.encoding === 'UCS-2') {
    const listed = info.ucs2Chars.slice(0, MAX_LISTED_UCS2);
    const hidden = info.ucs2Chars.length - listed.length;
    // The rewrite changes what it can and is offered whenever something has a GSM-7 form: one emoji must not hide
    // it (the user removes the emoji, or keeps it, knowingly). The characters with no GSM-7 form are named beside it.
    const stuckAll = [...new Set(info.ucs2Chars.filter((c) => c.replacement === undefined).map((c) => c.char))];
    const stuck = stuckAll.length > MAX_LISTED_UCS2 ? [...stuckAll.slice(0, MAX_LISTED_UCS2), '…'] : stuckAll;
    const canRewrite = info.ucs2Chars.some((c) => c.replacement !== undefined);
    ucs2 = {
      items: listed.map((c) => ({
        text: describeUcs2(c, positionOf(draft.message, c.index), strings),
        start: c.index,
        end: c.index + c.char.length,
      })),
      more: hidden > 0 ? fill(strings.ucs2More, hidden) : undefined,
      canRewrite,
      blocked:
        stuck.length === 0
          ? undefined
          : fill(pluralTemplate(locale, stuck.length, strings.rewriteBlockedOne, strings.rewriteBlockedOther), stuck.join(' ')),
    };
  }

  const recipient = recipientView(draft.to, strings);
  const fromSetting = draft.from.trim() === '';
  const sender = fromSetting ? defaultSender : draft.from.trim();
  const senderError = senderMessage(sender, fromSetting, strings);
  const canSend = !sending && recipient.kind === 'ok' && senderError === undefined && draft.message.trim() !== '';
  return { encoding: info.encoding, segments: info.segments, liveLine, doubleWidth, ucs2, recipient, sender, senderError, canSend };
}

/** The distinct GSM-7 extension-table characters of `text`, in order of first appearance. */
export function doubleWidthChars(text: string): string[] {
  const found = new Set<string>();
  for (const char of text) {
    if (septetsOf(char.codePointAt(0)!) === 2) found.add(char);
  }
  // A form feed is invisible: name it by its code point.
  return [...found].map((char) => (char === '\f' ? 'U+000C' : char));
}

export function recipientView(input: string, strings: ComposerStrings): RecipientView {
  if (input.trim() === '') return { kind: 'empty' };
  const result = normalizeNumber(input);
  if (result.ok) {
    return { kind: 'ok', msisdn: result.msisdn, text: fill(strings.numberOk, result.carrier, formatNumber(result.msisdn)) };
  }
  return { kind: 'error', text: strings.numberErrors[result.code] ?? result.message };
}

/** The core's sender check in the composer's words; a bad default names the `keccel.sender` setting it comes from. */
function senderMessage(sender: string, fromSetting: boolean, strings: ComposerStrings): string | undefined {
  switch (checkSender(sender)) {
    case undefined:
      return undefined;
    case 'tooLong':
      return fromSetting
        ? fill(strings.fromSettingTooLong, sender, MAX_SENDER_LENGTH)
        : fill(strings.fromTooLong, MAX_SENDER_LENGTH);
    default:
      return fromSetting ? fill(strings.fromSettingInvalid, sender) : strings.fromInvalid;
  }
}

function describeUcs2(c: Ucs2Char, position: number, strings: ComposerStrings): string {
  const hex = hexCodePoint(c.codePoint);
  if (c.replacement === undefined) return fill(strings.ucs2Char, c.char, hex, position);
  if (c.replacement === '') return fill(strings.ucs2CharDropped, c.char, hex, position);
  return fill(strings.ucs2CharReplacement, c.char, hex, position, c.replacement);
}

/** 1-based position a person would count (an emoji is one character), from a UTF-16 index. */
export function positionOf(text: string, utf16Index: number): number {
  let position = 1;
  for (let i = 0; i < utf16Index; i++) {
    const code = text.charCodeAt(i);
    // A high surrogate followed by its low half is one character: skip the low half.
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < utf16Index) i++;
    position++;
  }
  return position;
}
