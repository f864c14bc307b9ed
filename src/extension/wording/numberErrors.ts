// One translated sentence per number-validation error code, shared by the palette flow and the composer. The core
// explains a bad number precisely in English ("this one has 8 digits"); where the l10n bundle translates the
// code's summary, users of that language get the summary instead. No `vscode` import: `l10n` is `vscode.l10n`
// in the extension and a stand-in in unit tests.
import type { NumberErrorCode } from '../../core/numbers';

export interface Localizer {
  t(message: string, ...args: Array<string | number | boolean>): string;
}

/** The translations that exist for the current language; empty in English, so the core's sentence stays. */
export function numberErrorSummaries(l10n: Localizer): Partial<Record<NumberErrorCode, string>> {
  // Each text is a literal argument of l10n.t, so the l10n tooling and the bundle test find every key.
  const summaries: Array<[NumberErrorCode, string, string]> = [
    ['empty', 'Enter a DRC mobile number (e.g. +243 81 234 5678 or 081 234 5678).', l10n.t('Enter a DRC mobile number (e.g. +243 81 234 5678 or 081 234 5678).')],
    ['invalid-characters', 'A phone number may contain only digits, spaces and a leading "+".', l10n.t('A phone number may contain only digits, spaces and a leading "+".')],
    ['too-short', 'Too few digits: a DRC mobile number has 9 digits after 243 or after the leading 0.', l10n.t('Too few digits: a DRC mobile number has 9 digits after 243 or after the leading 0.')],
    ['too-long', 'Too many digits: a DRC mobile number has 9 digits after 243 or after the leading 0.', l10n.t('Too many digits: a DRC mobile number has 9 digits after 243 or after the leading 0.')],
    ['foreign-country', 'Only DRC mobile numbers (+243) can be sent to.', l10n.t('Only DRC mobile numbers (+243) can be sent to.')],
    ['not-mobile', 'This DRC number is not a mobile number and cannot receive SMS.', l10n.t('This DRC number is not a mobile number and cannot receive SMS.')],
    ['unknown-prefix', 'No DRC mobile network uses this prefix (mobile numbers start with 80-86, 89, 90, 91 or 96-99).', l10n.t('No DRC mobile network uses this prefix (mobile numbers start with 80-86, 89, 90, 91 or 96-99).')],
  ];
  const translated: Partial<Record<NumberErrorCode, string>> = {};
  for (const [code, english, text] of summaries) if (text !== english) translated[code] = text;
  return translated;
}

/** The text to show for a rejected number: the translated summary when there is one, else the core's sentence. */
export function numberErrorText(l10n: Localizer, code: NumberErrorCode, coreMessage: string): string {
  return numberErrorSummaries(l10n)[code] ?? coreMessage;
}
