// The HTML shell every webview of the extension shares (the composer, the details page, the diagnosis report): a
// strict CSP (default-src 'none'; scripts only by a per-load nonce: the page's bundle and the select-all guard
// below; styles, fonts and images from the extension only), the stylesheet, and the body the page gives. Pure string building, no VS Code API, so unit tests can check it. Only
// our own strings go into this HTML, escaped; text typed by the user or sent by the gateway is set later with
// textContent.

export interface WebviewPageOptions {
  /** `webview.cspSource`. */
  cspSource: string;
  /** Base64 from crypto.randomBytes, new for every load. */
  nonce: string;
  scriptUri: string;
  styleUri: string;
  /** The shared codicon stylesheet (dist/webview/icons.css), linked before the page's own when the page has icons. */
  iconsUri?: string;
  locale: string;
  title: string;
  /** The body's HTML before the script, already escaped by its builder. */
  body: string;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `img-src ${cspSource}`,
  ].join('; ');
}

/**
 * Ctrl/Cmd+A in a text field selects its text at once (the browser's own select-all). VS Code's webview host also
 * hears every key: it sends the key to the workbench, whose Select All command sends a select-all back to the page
 * a moment later. Keys typed in that moment were then selected and replaced by the next one (select all in To,
 * type 0991234567 quickly: 1234567 was left). The guard keeps the key inside the page, for text fields only. It is
 * inline, in the head, so it already holds while the page's bundle is still loading (right after a reload).
 */
export const SELECT_ALL_GUARD =
  "document.addEventListener('keydown',function(e){var t=e.target&&e.target.tagName;" +
  "if((e.ctrlKey||e.metaKey)&&!e.altKey&&!e.shiftKey&&(e.key==='a'||e.key==='A')&&(t==='INPUT'||t==='TEXTAREA'))e.stopPropagation();});";

export function webviewPage(options: WebviewPageOptions): string {
  const e = escapeHtml;
  return `<!DOCTYPE html>
<html lang="${e(options.locale)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${e(contentSecurityPolicy(options.cspSource, options.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
${options.iconsUri === undefined ? '' : `<link rel="stylesheet" href="${e(options.iconsUri)}">\n`}<link rel="stylesheet" href="${e(options.styleUri)}">
<title>${e(options.title)}</title>
<script nonce="${e(options.nonce)}">${SELECT_ALL_GUARD}</script>
</head>
<body>
${options.body}
<script nonce="${e(options.nonce)}" src="${e(options.scriptUri)}"></script>
</body>
</html>`;
}
