// Filling the localised templates the extension sends in `init`. The templates come from our own l10n bundle;
// the values put into them may come from the user or the gateway, so the result is always set with textContent.

/** Replaces `{0}`, `{1}`... with the arguments; a placeholder without an argument is left as it is. */
export function fill(template: string, ...args: Array<string | number>): string {
  return template.replace(/\{(\d+)\}/g, (match, n: string) => {
    const value = args[Number(n)];
    return value === undefined ? match : String(value);
  });
}

const pluralRules = new Map<string, Intl.PluralRules>();

/** Picks the `one` or `other` template for `count` by the plural rules of `locale` (French: 0 and 1 are "one"). */
export function plural(locale: string, count: number, one: string, other: string): string {
  return fill(pluralTemplate(locale, count, one, other), count);
}

/** The `one` or `other` template for `count`, unfilled (for templates whose {0} is not the count itself). */
export function pluralTemplate(locale: string, count: number, one: string, other: string): string {
  let rules = pluralRules.get(locale);
  if (rules === undefined) {
    try {
      rules = new Intl.PluralRules(locale);
    } catch {
      rules = new Intl.PluralRules('en');
    }
    pluralRules.set(locale, rules);
  }
  return rules.select(count) === 'one' ? one : other;
}

/** `0xEA` → `00EA`: the form Unicode charts use after "U+". */
export function hexCodePoint(codePoint: number): string {
  return codePoint.toString(16).toUpperCase().padStart(4, '0');
}
