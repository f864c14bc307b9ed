// The details page's HTML shell: the composer's strict CSP (default-src 'none', the one script by a per-load
// nonce, styles and fonts from the extension only) and an empty root the script fills. No record data goes in
// here: the page receives it by postMessage and writes it with textContent.
import { contentSecurityPolicy, escapeHtml } from '../composer/html';

export interface DetailsHtmlOptions {
  cspSource: string;
  nonce: string;
  scriptUri: string;
  styleUri: string;
  locale: string;
  title: string;
}

export function detailsHtml(options: DetailsHtmlOptions): string {
  const e = escapeHtml;
  return `<!DOCTYPE html>
<html lang="${e(options.locale)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${e(contentSecurityPolicy(options.cspSource, options.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${e(options.styleUri)}">
<title>${e(options.title)}</title>
</head>
<body>
<div id="root" aria-live="polite"></div>
<script nonce="${e(options.nonce)}" src="${e(options.scriptUri)}"></script>
</body>
</html>`;
}
