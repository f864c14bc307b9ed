import * as assert from 'node:assert/strict';
import { carrierOf, formatNumber, normalizeNumber, type Carrier, type NumberErrorCode, gatewayFormProblem } from '../../src/core/numbers';

describe('normalizeNumber', () => {
  describe('accepts every way people write a DRC mobile number', () => {
    const accepted: Array<[string, string]> = [
      ['+243 81 234 5678', 'international with +, spaced'],
      ['+243812345678', 'international with +, compact'],
      ['00243812345678', 'international with 00'],
      ['00 243 81 234 56 78', 'international with 00, spaced'],
      ['0812345678', 'national with trunk 0'],
      ['081 234 5678', 'national with trunk 0, spaced'],
      ['812345678', 'national without trunk 0'],
      ['243812345678', 'country code without +'],
      ['+243.81.234.56.78', 'dots'],
      ['+243-81-234-5678', 'dashes'],
      ['(+243) 81 234 5678', 'parentheses around the country code'],
      ['(081) 234-5678', 'parentheses around the prefix'],
      ['+243 (0)81 234 5678', 'trunk 0 kept after the country code'],
      ['  +243 81 234 5678  ', 'surrounding whitespace'],
      ['+243\u00a081\u00a0234\u00a05678', 'no-break spaces (pasted from a document)'],
      ['+243\t81 234 5678', 'a tab'],
    ];
    for (const [input, label] of accepted) {
      it(`${label}: ${JSON.stringify(input)}`, () => {
        assert.deepEqual(normalizeNumber(input), {
          ok: true,
          msisdn: '243812345678',
          national: '812345678',
          carrier: 'Vodacom',
        });
      });
    }
  });

  describe('names the carrier for every mobile prefix', () => {
    const carriers: Array<[string, Carrier]> = [
      ['81', 'Vodacom'], ['82', 'Vodacom'], ['83', 'Vodacom'], ['86', 'Vodacom'],
      ['80', 'Orange'], ['84', 'Orange'], ['85', 'Orange'], ['89', 'Orange'],
      ['96', 'Airtel'], ['97', 'Airtel'], ['98', 'Airtel'], ['99', 'Airtel'],
      ['90', 'Africell'], ['91', 'Africell'],
    ];
    for (const [prefix, carrier] of carriers) {
      it(`0${prefix} → ${carrier}`, () => {
        const result = normalizeNumber(`0${prefix}1234567`);
        assert.deepEqual(result, { ok: true, msisdn: `243${prefix}1234567`, national: `${prefix}1234567`, carrier });
      });
    }
  });

  describe('refuses each wrong shape with a message that says why', () => {
    const rejected: Array<[string, NumberErrorCode, RegExp]> = [
      ['', 'empty', /^Enter a DRC mobile number \(e\.g\. \+243 81 234 5678/],
      ['   ', 'empty', /^Enter a DRC mobile number/],
      ['() --', 'empty', /has no digits/],
      ['+', 'empty', /has no digits/],
      ['081234567a', 'invalid-characters', /contains letters \("a"\).*e\.g\. \+243 81 234 5678/],
      ['Maman', 'invalid-characters', /contains letters \("Maman"\)/],
      ['0812#345678', 'invalid-characters', /contains "#"/],
      ['+243 81*234', 'invalid-characters', /contains "\*"/],
      ['243+812345678', 'invalid-characters', /"\+" in the middle/],
      ['081234567', 'too-short', /has 9 digits after the leading 0 \(e\.g\. 081 234 5678\); this one has 8 digits\.$/],
      ['81234567', 'too-short', /has 9 digits without the leading 0 .*this one has 8 digits\.$/],
      ['+243 81 234 567', 'too-short', /^A DRC mobile number has 9 digits after 243 \(e\.g\. \+243 81 234 5678\); this one has 8 digits\.$/],
      ['00243 8', 'too-short', /after 243 .*this one has 1 digit\.$/],
      ['+243', 'too-short', /after 243 .*this one has 0 digits\.$/],
      ['08123456789', 'too-long', /has 9 digits after the leading 0 .*this one has 10 digits\.$/],
      ['+243 81 234 56789', 'too-long', /after 243 .*this one has 10 digits\.$/],
      ['2438123456789', 'too-long', /after 243 .*this one has 10 digits\.$/],
      ['+33 6 12 34 56 78', 'foreign-country', /country code \+33, which is not the DRC.*\+243/],
      ['0033612345678', 'foreign-country', /country code \+33,/],
      ['+1 415 555 0100', 'foreign-country', /country code \+1,/],
      ['+242 06 123 4567', 'foreign-country', /country code \+242,/],
      ['00', 'foreign-country', /country code, 243 for the DRC, but this number has none/],
      ['0871234567', 'not-mobile', /starting with 87 are DRC numbers but not mobile.*80-86, 89, 90, 91 or 96-99/],
      ['+243 92 123 4567', 'not-mobile', /starting with 92 /],
      ['+243 93 123 4567', 'not-mobile', /starting with 93 /],
      ['0941234567', 'not-mobile', /starting with 94 /],
      ['0951234567', 'not-mobile', /starting with 95 /],
      ['+243 12 345 6789', 'not-mobile', /fixed-line number.*e\.g\. \+243 81 234 5678/],
      ['012 345 6789', 'not-mobile', /fixed-line/],
      ['0123 4567', 'not-mobile', /fixed-line/],
      ['0881234567', 'unknown-prefix', /No DRC mobile network uses the prefix 88; a mobile number starts with 80-86/],
      ['+243 70 123 4567', 'unknown-prefix', /prefix 70/],
      ['+243 21 234 5678', 'unknown-prefix', /prefix 21/],
    ];
    for (const [input, code, message] of rejected) {
      it(`${JSON.stringify(input)} → ${code}`, () => {
        const result = normalizeNumber(input);
        assert.equal(result.ok, false, `accepted ${input}`);
        if (result.ok) return;
        assert.equal(result.code, code, result.message);
        assert.match(result.message, message);
      });
    }
  });

  it('every error message shows an example of a good number', () => {
    for (const input of ['', 'abc', '0812', '+33612345678', '0871234567', '0881234567', '0123456789', '081234567890']) {
      const result = normalizeNumber(input);
      assert.ok(!result.ok);
      assert.match(result.message, /e\.g\. (\+243 81 234 5678|0?81 234 5678)/, input);
    }
  });
});

describe('carrierOf', () => {
  const cases: Array<[string, Carrier | undefined]> = [
    ['243812345678', 'Vodacom'],
    ['243851234567', 'Orange'],
    ['243971234567', 'Airtel'],
    ['243901234567', 'Africell'],
    ['+243 99 123 4567', 'Airtel'],
    ['243871234567', undefined],
    ['33612345678', undefined],
    ['', undefined],
  ];
  for (const [msisdn, carrier] of cases) {
    it(`${JSON.stringify(msisdn)} → ${carrier}`, () => assert.equal(carrierOf(msisdn), carrier));
  }
});

describe('formatNumber', () => {
  const cases: Array<[string, string]> = [
    ['243812345678', '+243 81 234 5678'],
    ['+243971234567', '+243 97 123 4567'],
    ['33612345678', '33612345678'],
    ['24381234567', '24381234567'],
    ['hello', 'hello'],
    ['', ''],
  ];
  for (const [input, expected] of cases) {
    it(`${JSON.stringify(input)} → ${JSON.stringify(expected)}`, () => assert.equal(formatNumber(input), expected));
  }

  it('round-trips with normalizeNumber', () => {
    const result = normalizeNumber('0812345678');
    assert.ok(result.ok);
    assert.equal(formatNumber(result.msisdn), '+243 81 234 5678');
    assert.deepEqual(normalizeNumber(formatNumber(result.msisdn)), result);
  });
});

describe('gatewayFormProblem: what is wrong with a number as it was sent to the gateway', () => {
  it('finds nothing wrong with 243 + 9 digits of a mobile network', () => {
    assert.equal(gatewayFormProblem('243812345678'), undefined);
  });

  it('names the form the gateway takes for a number written another way (0, +, spaces, 00)', () => {
    for (const sent of ['0812345678', '+243 81 234 5678', '00243812345678', '812345678', ' 243812345678']) {
      assert.deepEqual(gatewayFormProblem(sent), { kind: 'form', msisdn: '243812345678' }, sent);
    }
  });

  it('says why a number is no DRC mobile number at all', () => {
    const problem = gatewayFormProblem('+33 6 12 34 56 78');
    assert.equal(problem?.kind, 'invalid');
    assert.equal(problem?.kind === 'invalid' && problem.code, 'foreign-country');
    assert.equal(gatewayFormProblem('0871234567')?.kind, 'invalid');
  });
});
