// The details page's HTML: the webview shell every page shares (platform/webviewPage.ts: the strict CSP, with
// default-src 'none', the one script by a per-load nonce, styles and fonts from the extension only) around an
// empty root the script fills. No record data goes in here: the page receives it by postMessage and writes it
// with textContent.
import { webviewPage, type WebviewPageOptions } from '../platform/webviewPage';

export type DetailsHtmlOptions = Omit<WebviewPageOptions, 'body'>;

export function detailsHtml(options: DetailsHtmlOptions): string {
  return webviewPage({ ...options, body: '<div id="root" aria-live="polite"></div>' });
}
