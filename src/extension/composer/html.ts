// The composer's HTML shell: a strict CSP (no inline script or style; the one script by a per-load nonce), the
// form with real <label for> elements, and the empty regions the script fills. Pure string building, no VS Code
// API, so a unit test can check the CSP and the labels. Only our own localised strings go into this HTML, and
// they are escaped; anything typed by the user or sent by the gateway is set later with textContent.
import type { ComposerStrings } from '../../webview/protocol';

export interface ComposerHtmlOptions {
  /** `webview.cspSource`. */
  cspSource: string;
  /** Base64 from crypto.randomBytes, new for every load. */
  nonce: string;
  scriptUri: string;
  styleUri: string;
  strings: ComposerStrings;
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

export function composerHtml(options: ComposerHtmlOptions): string {
  const s = options.strings;
  const e = escapeHtml;
  return `<!DOCTYPE html>
<html lang="${e(s.locale)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${e(contentSecurityPolicy(options.cspSource, options.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${e(options.styleUri)}">
<title>${e(s.title)}</title>
</head>
<body>
<main class="composer">
  <header class="header">
    <h1 class="title">${e(s.title)}</h1>
    <span id="sandbox-badge" class="badge" title="${e(s.sandboxTooltip)}" hidden><span class="codicon codicon-beaker" aria-hidden="true"></span><span>${e(s.sandboxBadge)}</span></span>
  </header>
  <div id="token-notice" class="notice" role="status" hidden>
    <span class="codicon codicon-key" aria-hidden="true"></span>
    <span class="notice-text">${e(s.noToken)}</span>
    <button type="button" id="set-token" class="secondary">${e(s.setToken)}</button>
  </div>
  <form id="form" class="form" novalidate>
    <div class="field">
      <label for="to">${e(s.to)}</label>
      <input id="to" name="to" type="tel" autocomplete="off" spellcheck="false" placeholder="${e(s.toPlaceholder)}" aria-describedby="to-status">
      <div id="to-status" class="field-status" aria-live="polite"></div>
    </div>
    <div class="field">
      <label for="from">${e(s.from)}</label>
      <input id="from" name="from" type="text" autocomplete="off" spellcheck="false" aria-describedby="from-status">
      <div id="from-status" class="field-status" aria-live="polite"></div>
    </div>
    <div class="field">
      <label for="message">${e(s.message)}</label>
      <textarea id="message" name="message" rows="7" placeholder="${e(s.messagePlaceholder)}" aria-describedby="live-line double-width"></textarea>
      <div id="live-line" class="live-line" aria-live="polite"></div>
      <div id="double-width" class="live-note" aria-live="polite" hidden></div>
      <div id="ucs2" class="ucs2" hidden>
        <p id="ucs2-intro" class="ucs2-intro"><span class="codicon codicon-warning" aria-hidden="true"></span><span>${e(s.ucs2Intro)}</span></p>
        <ul id="ucs2-list" class="ucs2-list"></ul>
        <div class="ucs2-actions">
          <button type="button" id="rewrite" class="secondary"><span class="codicon codicon-wand" aria-hidden="true"></span><span>${e(s.rewrite)}</span></button>
          <p id="rewrite-blocked" class="rewrite-blocked" hidden></p>
        </div>
      </div>
      <div id="rewrite-result" class="rewrite-result" role="status" hidden>
        <span id="rewrite-text"></span>
        <button type="button" id="undo" class="link">${e(s.undo)}</button>
      </div>
    </div>
    <div class="actions">
      <button type="button" id="send" class="primary" disabled><span id="send-icon" class="codicon codicon-send" aria-hidden="true"></span><span id="send-label">${e(s.send)}</span></button>
      <span id="send-hint" class="hint"></span>
    </div>
  </form>
  <section id="outcome" class="outcome" role="status" aria-live="polite" hidden></section>
</main>
<script nonce="${e(options.nonce)}" src="${e(options.scriptUri)}"></script>
</body>
</html>`;
}
