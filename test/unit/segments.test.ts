import * as assert from 'node:assert/strict';
import { analyzeMessage, isGsm7, rewriteToGsm7, type SegmentInfo } from '../../src/core/segments';

const a = (n: number): string => 'a'.repeat(n);

/** The counting fields only, for compact table rows. */
function counts(info: SegmentInfo): Omit<SegmentInfo, 'ucs2Chars'> {
  const { ucs2Chars: _ignored, ...rest } = info;
  return rest;
}

describe('analyzeMessage', () => {
  type Row = [label: string, text: string, expected: Omit<SegmentInfo, 'ucs2Chars'>];
  const gsm = (characters: number, units: number, segments: number, perSegment: number, remainingInSegment: number) =>
    ({ encoding: 'GSM-7', characters, units, segments, perSegment, remainingInSegment }) as const;
  const ucs = (characters: number, units: number, segments: number, perSegment: number, remainingInSegment: number) =>
    ({ encoding: 'UCS-2', characters, units, segments, perSegment, remainingInSegment }) as const;

  const rows: Row[] = [
    // Empty text: nothing to send, so no segment (not "1 SMS"), and the whole single-part room left.
    ['empty', '', gsm(0, 0, 0, 160, 160)],
    ['one letter', 'a', gsm(1, 1, 1, 160, 159)],
    ['GSM-7 160: one SMS, full', a(160), gsm(160, 160, 1, 160, 0)],
    ['GSM-7 161: two parts of 153', a(161), gsm(161, 161, 2, 153, 145)],
    ['GSM-7 306 = 2 × 153', a(306), gsm(306, 306, 2, 153, 0)],
    ['GSM-7 307: third part', a(307), gsm(307, 307, 3, 153, 152)],
    ['UCS-2 70: one SMS, full', 'ç' + a(69), ucs(70, 70, 1, 70, 0)],
    ['UCS-2 71: two parts of 67', 'ç' + a(70), ucs(71, 71, 2, 67, 63)],
    ['UCS-2 134 = 2 × 67', 'ç' + a(133), ucs(134, 134, 2, 67, 0)],
    ['UCS-2 135: third part', 'ç' + a(134), ucs(135, 135, 3, 67, 66)],
    ['extension chars count two septets', '{[€]}', gsm(5, 10, 1, 160, 150)],
    ['all extension chars and form feed', '^{}\\[~]|€\f', gsm(10, 20, 1, 160, 140)],
    ['80 euro signs fill one SMS', '€'.repeat(80), gsm(80, 160, 1, 160, 0)],
    ['80 euro signs and a letter: two parts', '€'.repeat(80) + 'a', gsm(81, 161, 2, 153, 144)],
    // 152 + 2 + 152 = 306 septets would fit 2 × 153 if the € could straddle; it moves to part 2, so 3 parts.
    ['escape never split across parts', a(152) + '€' + a(152), gsm(305, 306, 3, 153, 152)],
    ['escape ending exactly a part', a(151) + '€' + a(153), gsm(305, 306, 2, 153, 0)],
    ['emoji is one character, two units', '😀', ucs(1, 2, 1, 70, 68)],
    ['35 emoji fill one SMS', '😀'.repeat(35), ucs(35, 70, 1, 70, 0)],
    ['36 emoji: two parts', '😀'.repeat(36), ucs(36, 72, 2, 67, 61)],
    // 1 + 65 + 2 + 66 = 134 units would fit 2 × 67; the pair cannot straddle unit 67, so 3 parts.
    ['surrogate pair never split across parts', 'ç' + a(65) + '😀' + a(66), ucs(133, 134, 3, 67, 66)],
    ['French GSM-7 accents stay GSM-7', 'Très bien, déjà là, où ? É Ç ù', gsm(30, 30, 1, 160, 130)],
    ['ç forces UCS-2', 'Bonjour, ça va ? Très bien', ucs(26, 26, 1, 70, 44)],
    ['line breaks are GSM-7', 'a\nb\r\nc', gsm(6, 6, 1, 160, 154)],
  ];
  for (const [label, text, expected] of rows) {
    it(label, () => assert.deepEqual(counts(analyzeMessage(text)), expected));
  }

  it('lists no UCS-2 characters for a GSM-7 text', () => {
    assert.deepEqual(analyzeMessage('Prix: 5€ {promo} [x] ~ | ^ \\ @£$¥').ucs2Chars, []);
  });

  it('lists each character forcing UCS-2 with its UTF-16 index, code point and rewrite', () => {
    const text = 'Ça coûte 5 000 FC… d’accord 😀 ç';
    const info = analyzeMessage(text);
    assert.equal(info.encoding, 'UCS-2');
    assert.deepEqual(info.ucs2Chars, [
      { char: 'û', index: 5, codePoint: 0xfb, replacement: 'u' },
      { char: '…', index: 17, codePoint: 0x2026, replacement: '...' },
      { char: '’', index: 20, codePoint: 0x2019, replacement: "'" },
      { char: '😀', index: 28, codePoint: 0x1f600 },
      { char: 'ç', index: 31, codePoint: 0xe7, replacement: 'c' },
    ]);
    for (const entry of info.ucs2Chars) assert.equal(text.slice(entry.index, entry.index + entry.char.length), entry.char);
  });

  it('lists every occurrence, not just the first', () => {
    assert.deepEqual(
      analyzeMessage('ça, ça').ucs2Chars.map((c) => c.index),
      [0, 4],
    );
  });

  it('counts the whole GSM 03.38 basic table as one septet each', () => {
    const basic =
      '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
    assert.equal([...basic].length, 127);
    assert.deepEqual(counts(analyzeMessage(basic)), gsm(127, 127, 1, 160, 33));
  });
});

describe('isGsm7', () => {
  const cases: Array<[string, boolean]> = [
    ['', true],
    ['Bonjour', true],
    ['Très bien, déjà là, où ? É Ç', true],
    ['€ { } [ ] ~ | ^ \\', true],
    ['ça', false],
    ['fête', false],
    ['l’eau', false],
    ['😀', false],
    ['À', false],
    ['`', false],
    ['\t', false],
  ];
  for (const [text, expected] of cases) {
    it(`${JSON.stringify(text)} → ${expected}`, () => assert.equal(isGsm7(text), expected));
  }
});

describe('rewriteToGsm7', () => {
  const rows: Array<[from: string, to: string]> = [
    ['Bonjour, ça va ? Très bien', 'Bonjour, ca va ? Très bien'],
    ['fête forêt île hôtel sûr', 'fete foret ile hotel sur'],
    ['Noël naïf', 'Noel naif'],
    ['Ça reste Ça, æ reste æ', 'Ça reste Ça, æ reste æ'],
    ['cœur, Œuvre', 'coeur, OEuvre'],
    ['l’eau, ‘oui’', "l'eau, 'oui'"],
    ['“Bonjour” « ami »', '"Bonjour" " ami "'],
    ['10–12 h — fin', '10-12 h - fin'],
    ['Attendez…', 'Attendez...'],
    ['Prix\u00a0: 5\u202f000\u2009FC\u202f!', 'Prix : 5 000 FC !'],
    ['á í ó ú ã õ â', 'a i o u a o a'],
    ['Ê Â Î Ô Û È À Ù', 'E A I O U E A U'],
    ['ﬁn', 'fin'],
    ['a\u200bb', 'ab'],
  ];
  for (const [from, to] of rows) {
    it(`${JSON.stringify(from)} → ${JSON.stringify(to)}`, () => {
      const result = rewriteToGsm7(from);
      assert.equal(result.text, to);
      assert.ok(isGsm7(result.text));
      assert.deepEqual(result.remaining, []);
    });
  }

  it('reports each substitution with its index in the original text', () => {
    const result = rewriteToGsm7('Bonjour, ça va ? C’est l’été');
    assert.deepEqual(result.replaced, [
      { from: 'ç', to: 'c', index: 9 },
      { from: '’', to: "'", index: 18 },
      { from: '’', to: "'", index: 24 },
    ]);
  });

  it('changes nothing in a text that is already GSM-7', () => {
    const text = 'Très bien, déjà là, où ? {€}';
    assert.deepEqual(rewriteToGsm7(text), { text, replaced: [], remaining: [] });
  });

  it('recomposes a decomposed GSM-7 letter instead of dropping its accent', () => {
    const result = rewriteToGsm7('e\u0301te\u0301 a\u0302ge');
    assert.equal(result.text, 'été age');
    assert.deepEqual(result.replaced, [
      { from: 'e\u0301', to: 'é', index: 0 },
      { from: 'e\u0301', to: 'é', index: 3 },
      { from: '\u0302', to: '', index: 7 },
    ]);
  });

  it('keeps an emoji and lists it in remaining, at its index in the rewritten text', () => {
    const result = rewriteToGsm7('Merci… 🙏 à bientôt');
    assert.equal(result.text, 'Merci... 🙏 à bientot');
    assert.deepEqual(result.remaining, [{ char: '🙏', index: 9, codePoint: 0x1f64f }]);
    assert.equal(result.text.slice(9, 11), '🙏');
    assert.deepEqual(result.replaced, [
      { from: '…', to: '...', index: 5 },
      { from: 'ô', to: 'o', index: 17 },
    ]);
    assert.equal(analyzeMessage(result.text).encoding, 'UCS-2');
  });

  it('turns a two-part UCS-2 French message into a one-part GSM-7 message', () => {
    const text =
      'Bonjour Mme Mbuyi, votre commande n’est pas encore prête. Nous vous appellerons dès qu’elle arrive. Merci\u202f!';
    const before = analyzeMessage(text);
    assert.equal(before.encoding, 'UCS-2');
    assert.equal(before.segments, 2);
    const after = analyzeMessage(rewriteToGsm7(text).text);
    assert.equal(after.encoding, 'GSM-7');
    assert.equal(after.segments, 1);
    assert.equal(rewriteToGsm7(text).text.includes('prete'), true);
  });

  it('is idempotent', () => {
    const once = rewriteToGsm7('Ça coûte 5 000 FC… d’accord 😀 œ').text;
    const twice = rewriteToGsm7(once);
    assert.equal(twice.text, once);
    assert.deepEqual(twice.replaced, []);
  });
});
