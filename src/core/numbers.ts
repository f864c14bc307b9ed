// DRC mobile numbers: turn whatever a person typed into the gateway's `243` + 9 digits, or say precisely what is
// wrong with it. Facts from libphonenumber's metadata for territory CD (country code 243, trunk prefix 0,
// international prefix 00): mobile national numbers match (?:8[0-69]|9[016-9])\d{7}; 87 and 92-95 are not
// mobile; fixed lines are 12 + 7 digits or [1-6] + 6 digits.

export type Carrier = 'Vodacom' | 'Orange' | 'Airtel' | 'Africell';

export type NumberErrorCode =
  | 'empty'
  | 'invalid-characters'
  | 'too-short'
  | 'too-long'
  | 'foreign-country'
  | 'not-mobile'
  | 'unknown-prefix';

export type NumberResult =
  | { ok: true; /** `243` + 9 digits */ msisdn: string; /** 9 digits */ national: string; carrier: Carrier }
  | { ok: false; code: NumberErrorCode; message: string };

const COUNTRY_CODE = '243';
const NATIONAL_LENGTH = 9;
const EXAMPLE = 'e.g. +243 81 234 5678 or 081 234 5678';

/** Two-digit national prefix → carrier. Covers exactly the libphonenumber mobile pattern above. */
const CARRIERS: Record<string, Carrier> = {
  '81': 'Vodacom', '82': 'Vodacom', '83': 'Vodacom', '86': 'Vodacom',
  '80': 'Orange', '84': 'Orange', '85': 'Orange', '89': 'Orange',
  '96': 'Airtel', '97': 'Airtel', '98': 'Airtel', '99': 'Airtel',
  '90': 'Africell', '91': 'Africell',
};

/** Prefixes inside the DRC plan that are not mobile numbers (libphonenumber leaves them out of the mobile pattern). */
const NON_MOBILE_PREFIXES = new Set(['87', '92', '93', '94', '95']);

/** Separators people type inside a number: all kinds of spaces, dots, dashes, slashes, parentheses. */
const SEPARATORS = /[\s.\-\u2010-\u2015\u2212/()]/g;

/** ITU country codes of two digits (all others but 1 and 7 have three); used only to name a foreign code. */
const TWO_DIGIT_CODES = new Set(
  '20 27 30 31 32 33 34 36 39 40 41 43 44 45 46 47 48 49 51 52 53 54 55 56 57 58 60 61 62 63 64 65 66 81 82 84 86 90 91 92 93 94 95 98'.split(
    ' ',
  ),
);

function fail(code: NumberErrorCode, message: string): NumberResult {
  return { ok: false, code, message };
}

/**
 * Accepts `+243 81 234 5678`, `00243812345678`, `0812345678`, `812345678`, `243812345678`, with spaces, dots,
 * dashes, slashes and parentheses anywhere, and the common `+243 (0)81...` form (a trunk 0 after the country code).
 * Never throws; the error message names the problem and shows a good number.
 */
export function normalizeNumber(input: string): NumberResult {
  const trimmed = input.trim();
  if (trimmed === '') {
    return fail('empty', `Enter a DRC mobile number (${EXAMPLE}).`);
  }

  const compact = trimmed.replace(SEPARATORS, '');
  const letters = compact.match(/\p{L}+/u);
  if (letters) {
    return fail(
      'invalid-characters',
      `A phone number contains only digits, but this one contains letters ("${letters[0]}"); enter a DRC mobile number (${EXAMPLE}).`,
    );
  }
  const bad = compact.match(/[^0-9+]|(?<!^)\+/u);
  if (bad) {
    const what = bad[0] === '+' ? '"+" in the middle' : `"${bad[0]}"`;
    return fail(
      'invalid-characters',
      `A phone number may contain only digits, spaces and a leading "+", but this one contains ${what}; enter a DRC mobile number (${EXAMPLE}).`,
    );
  }
  if (compact === '+' || compact === '') {
    return fail('empty', `This has no digits; enter a DRC mobile number (${EXAMPLE}).`);
  }

  let national: string;
  let international: string | undefined;
  if (compact.startsWith('+')) international = compact.slice(1);
  else if (compact.startsWith('00')) international = compact.slice(2);
  // A bare 243... longer than a fixed line (7 digits) is the country code: no longer national number starts with 2.
  else if (compact.startsWith(COUNTRY_CODE) && compact.length > 7) international = compact;

  if (international !== undefined) {
    if (!international.startsWith(COUNTRY_CODE)) {
      const code = foreignCode(international);
      return fail(
        'foreign-country',
        code === ''
          ? `After "+" or "00" comes the country code, 243 for the DRC, but this number has none (${EXAMPLE}).`
          : `This number has the country code +${code}, which is not the DRC; only DRC mobile numbers (+243) can be sent to (e.g. +243 81 234 5678).`,
      );
    }
    national = international.slice(COUNTRY_CODE.length);
    // "+243 (0)81 234 5678": the trunk 0 is dialled only inside the country; drop it rather than refuse.
    if (national.length === NATIONAL_LENGTH + 1 && national.startsWith('0')) national = national.slice(1);
    if (isFixedLine(national)) return fixedLineError();
    if (national.length !== NATIONAL_LENGTH) {
      return lengthError(national.length, 'after 243', 'e.g. +243 81 234 5678');
    }
  } else {
    // A national number: with the trunk prefix 0 (10 digits) or without it (9 digits).
    national = compact.startsWith('0') ? compact.slice(1) : compact;
    if (isFixedLine(national)) return fixedLineError();
    if (national.length !== NATIONAL_LENGTH) {
      return compact.startsWith('0')
        ? lengthError(national.length, 'after the leading 0', 'e.g. 081 234 5678')
        : lengthError(national.length, 'without the leading 0', 'e.g. 81 234 5678');
    }
  }

  const prefix = national.slice(0, 2);
  const carrier = CARRIERS[prefix];
  if (carrier !== undefined) return { ok: true, msisdn: COUNTRY_CODE + national, national, carrier };
  if (NON_MOBILE_PREFIXES.has(prefix)) {
    return fail(
      'not-mobile',
      `Numbers starting with ${prefix} are DRC numbers but not mobile numbers, and cannot receive SMS; a mobile number starts with 80-86, 89, 90, 91 or 96-99 (${EXAMPLE}).`,
    );
  }
  if (isFixedLine(national)) return fixedLineError();
  return fail(
    'unknown-prefix',
    `No DRC mobile network uses the prefix ${prefix}; a mobile number starts with 80-86, 89 (Vodacom, Orange), 90, 91 (Africell) or 96-99 (Airtel) (${EXAMPLE}).`,
  );
}

/** libphonenumber CD fixed line: 12 + 7 digits, or [1-6] + 6 digits. */
function isFixedLine(national: string): boolean {
  return /^(?:12\d{7}|[1-6]\d{6})$/.test(national);
}

function fixedLineError(): NumberResult {
  return fail(
    'not-mobile',
    `This looks like a DRC fixed-line number, which cannot receive SMS; enter a mobile number (${EXAMPLE}).`,
  );
}

function lengthError(digits: number, where: string, example: string): NumberResult {
  const plural = digits === 1 ? 'digit' : 'digits';
  return fail(
    digits < NATIONAL_LENGTH ? 'too-short' : 'too-long',
    `A DRC mobile number has 9 digits ${where} (${example}); this one has ${digits} ${plural}.`,
  );
}

/** The country code at the start of an international number, as far as the ITU plan tells it apart. */
function foreignCode(digits: string): string {
  if (digits === '') return '';
  if (digits[0] === '1' || digits[0] === '7') return digits[0];
  const two = digits.slice(0, 2);
  return TWO_DIGIT_CODES.has(two) ? two : digits.slice(0, 3);
}

/** The carrier of a number in any accepted form (usually the normalised `243` + 9 digits), if it is a DRC mobile. */
export function carrierOf(msisdn: string): Carrier | undefined {
  const result = normalizeNumber(msisdn);
  return result.ok ? result.carrier : undefined;
}

// One way to write a number wherever a user reads it: the digits grouped 2-3-4 after the country code. The full
// form (`+243 81 234 5678`) goes everywhere there is room (notifications, tooltips, details, the composer, dialogs);
// only the tree row, which the default sidebar width cuts, uses the national form of the same grouping
// (`081 234 5678`, as it is dialled in the DRC). Exports keep the gateway's `243812345678`.

/** `243812345678` (or `+243812345678`) → `+243 81 234 5678`; anything else is returned unchanged. */
export function formatNumber(msisdn: string): string {
  const match = /^\+?243(\d{2})(\d{3})(\d{4})$/.exec(msisdn);
  return match ? `+243 ${match[1]} ${match[2]} ${match[3]}` : msisdn;
}

/** `243812345678` → `081 234 5678`, four characters narrower than formatNumber's form; for tree rows only. */
export function formatNumberCompact(msisdn: string): string {
  const match = /^\+?243(\d{2})(\d{3})(\d{4})$/.exec(msisdn);
  return match ? `0${match[1]} ${match[2]} ${match[3]}` : msisdn;
}

/** What is wrong with a number as a request carried it to the gateway, which takes only `243` + 9 digits. */
export type GatewayFormProblem =
  /** A DRC mobile number, written another way (`0812345678`, `+243 81…`): `msisdn` is the form the gateway takes. */
  | { kind: 'form'; msisdn: string }
  /** No DRC mobile number at all: normalizeNumber's reason. */
  | { kind: 'invalid'; code: NumberErrorCode; message: string };

/** Undefined when `sent` is already `243` + 9 digits of a mobile network. */
export function gatewayFormProblem(sent: string): GatewayFormProblem | undefined {
  const number = normalizeNumber(sent);
  if (!number.ok) return { kind: 'invalid', code: number.code, message: number.message };
  return sent === number.msisdn ? undefined : { kind: 'form', msisdn: number.msisdn };
}
