// Text we did not write (a gateway's description or status, an HTTP error line, an excerpt of a proxy's page, a
// setting value such as keccel.sender) is shown as text, never as a link, a command, Markdown or HTML (README, "How
// your token and base URL are protected"). VS Code turns `[label](command:…)` into a clickable link in a notification
// and renders Markdown in hovers: a hostile gateway, proxy or workspace could plant a link there that runs a command.
// Two forms, one rule set: plainText() for strings shown as they are (notifications, modal details), and
// markdownText() for text put into a MarkdownString (tooltips). The extension routes every notification through
// plainText (src/extension/platform/notify.ts) and every piece of foreign text in a tooltip through markdownText.

/**
 * Control characters (except line break and tab) and the bidirectional embedding / override / isolate marks,
 * which can make a text read differently from what it is ("Trojan Source").
 */
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

/**
 * The text with nothing a notification could make active: `[label](target)` (the form VS Code links, with
 * https:, command: or file: targets) loses the `](` join, and a `command:` URI loses its scheme. Honest text
 * (our own sentences, the gateway's usual words) comes out unchanged.
 */
export function plainText(text: string): string {
  return String(text)
    .replace(INVISIBLE, '')
    .replace(/\]\s*\(/g, '] (')
    .replace(/\bcommand:/gi, (scheme) => `${scheme.slice(0, -1)} :`);
}

/**
 * The text for a MarkdownString, shown exactly as written: every ASCII punctuation character is backslash-escaped
 * (CommonMark allows it for all of them), so no link, image, emphasis, heading, HTML tag, entity or theme icon
 * (`$(…)`, see ICON) can form, and a URL's `:` and `.` are escaped too, so the hover's renderer autolinks no `https://…`,
 * `www.…` or e-mail address. Ordinary spaces are kept, so long lines wrap in hovers (appendText turns spaces
 * into `&nbsp;`, which never wraps, and a code block does not wrap either); line breaks are kept as hard breaks.
 */
export function markdownText(text: string): string {
  return String(text)
    .replace(INVISIBLE, '')
    .replace(ICON, `${ICON_MARK}$&`)
    .replace(/[!-/:-@[-`{-~]/g, '\\$&')
    .replace(/\r?\n/g, '  \n')
    .replace(ICON_MARKS, '\\\\');
}

/**
 * A theme icon, `$(name)` or `$(name~modifier)`. VS Code draws one in a hover *after* rendering the Markdown, on the
 * HTML, where `\$\(zap\)` has already become `$(zap)`: escaping its characters is not enough. An escaped backslash
 * in front (`\\\$\(zap\)`, rendered `\$(zap)`) is VS Code's own way to say "the text $(zap)", and it drops that
 * backslash when it draws.
 */
const ICON = /\$\((?=[A-Za-z0-9-]+(?:~[A-Za-z]+)?\))/g;
/** Stands for that escaped backslash until the punctuation is escaped (INVISIBLE removed any such character). */
const ICON_MARK = '\u0001';
const ICON_MARKS = /\u0001/g;

/**
 * The text for a label VS Code draws theme icons in (a status bar item's text, a quick pick row's label,
 * description and detail), shown as written: a `$(name)` of the text is escaped the way VS Code reads as the text
 * itself (`\\$(name)`, drawn `$(name)`), and the invisible characters are removed. Those labels render no link,
 * Markdown or HTML.
 */
export function labelText(text: string): string {
  return String(text).replace(INVISIBLE, '').replace(ICON, '\\$&');
}

/** The text a user reads from markdownText's output (for accessibility labels and test-facing snapshots). */
export function unescapeMarkdown(markdown: string): string {
  return markdown
    .replace(/&nbsp;/g, ' ')
    .replace(/\\([!-/:-@[-`{-~])/g, '$1')
    .replace(/\\(\$\([A-Za-z0-9-]+(?:~[A-Za-z]+)?\))/g, '$1');
}
