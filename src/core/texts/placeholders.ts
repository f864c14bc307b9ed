// Placeholders written inside a literal (`{name}`, `{0}`, `:name`, `%s`, `%d`, `{{name}}`, `%OTP%`): the text that
// goes out has something else there, so they are counted at a configured length, never by their own characters,
// and a rewrite never touches them.
import type { Piece, TextPiece } from './decode';

// `%OTP%` first; `:name` only after a non-word character (so "10:30" and "http://" are text); printf conversions
// with their flags, width and precision (no space flag: "20 % ce" is text); Python's `%(name)s`.
const PATTERN = /%OTP%|\{\{\s*[\w.]+\s*\}\}|\{[\w.]*\}|(?<![\w:]):[A-Za-z_]\w*|%\(\w+\)[sd]|%(?:\d+\$)?[-+0#]*\d*(?:\.\d+)?[sdifuxXeEgGc]/g;

/** Splits each text piece around the placeholders its characters spell. */
export function splitPlaceholders(pieces: Piece[]): Piece[] {
  const out: Piece[] = [];
  for (const piece of pieces) {
    if (piece.kind !== 'text') {
      out.push(piece);
      continue;
    }
    let last = 0;
    PATTERN.lastIndex = 0;
    for (let m = PATTERN.exec(piece.text); m !== null; m = PATTERN.exec(piece.text)) {
      if (m.index > last) out.push(slice(piece, last, m.index));
      out.push(m[0] === '%OTP%' ? { kind: 'placeholder', source: m[0], otp: true } : { kind: 'placeholder', source: m[0] });
      last = m.index + m[0].length;
    }
    if (last === 0) out.push(piece);
    else if (last < piece.text.length) out.push(slice(piece, last, piece.text.length));
  }
  return out;
}

function slice(piece: TextPiece, from: number, to: number): TextPiece {
  const map = piece.map.length === 0 ? piece.map : piece.map.slice(from, to + 1);
  return { kind: 'text', text: piece.text.slice(from, to), map, lit: piece.lit };
}

/** The OTP code's length: the gateway's OTP codes are at most 8 digits. */
export const OTP_LENGTH = 8;
