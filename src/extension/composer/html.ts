// The composer's HTML: the form with real <label for> elements and the empty regions the script fills, in the
// shared webview shell (webviewPage.ts: the strict CSP). Pure string building, no VS Code API, so a unit test can
// check the CSP and the labels. Only our own localised strings go into this HTML, and they are escaped; anything
// typed by the user or sent by the gateway is set later with textContent.
import type { ComposerStrings } from '../../common/composerProtocol';
import { escapeHtml, webviewPage } from '../platform/webviewPage';

export interface ComposerHtmlOptions {
  /** `webview.cspSource`. */
  cspSource: string;
  /** Base64 from crypto.randomBytes, new for every load. */
  nonce: string;
  scriptUri: string;
  styleUri: string;
  iconsUri?: string;
  strings: ComposerStrings;
}

export function composerHtml(options: ComposerHtmlOptions): string {
  const s = options.strings;
  const e = escapeHtml;
  const body = `<main class="composer">
  <header class="header">
    <h1 class="title">${e(s.title)}</h1>
    <span id="sandbox-badge" class="badge" title="${e(s.sandboxTooltip)}" hidden><span class="codicon codicon-beaker" aria-hidden="true"></span><span>${e(s.sandboxBadge)}</span></span>
    <span id="account-badge" class="badge" hidden><span id="account-icon" class="codicon codicon-account" aria-hidden="true"></span><span id="account-name"></span></span>
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
</main>`;
  return webviewPage({ ...options, locale: s.locale, title: s.title, body });
}
