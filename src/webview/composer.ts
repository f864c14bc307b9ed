// The composer webview's script (bundled by esbuild into dist/webview/composer.js, an IIFE). It counts live with
// the core's own functions, so what it shows is exactly what the extension will send. Everything that came from
// the user or the gateway is put in the page with textContent, never as HTML.
import './composer.css';
import { rewriteToGsm7 } from '../core/segments';
import type { HistoryRecord } from '../core/types';
import { InitDraft, typedBeforeScript } from '../common/draftMerge';
import { fill } from '../common/format';
import {
  EMPTY_DRAFT,
  isDraft,
  type ComposerDraft,
  type ComposerHostState,
  type ComposerPersistedState,
  type ComposerStrings,
  type ExtensionToWebview,
  type WebviewToExtension,
} from '../common/composerProtocol';
import { outcomeView, sameOutcome } from '../common/composerOutcome';
import { computeView, type ComposerView } from '../common/composerViewModel';

interface VsCodeApi {
  postMessage(message: WebviewToExtension): void;
  getState(): unknown;
  setState(state: ComposerPersistedState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();

function byId<T extends HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`composer: #${id} is missing from the HTML`);
  return element as T;
}

const ui = {
  form: byId<HTMLFormElement>('form'),
  to: byId<HTMLInputElement>('to'),
  toStatus: byId('to-status'),
  from: byId<HTMLInputElement>('from'),
  fromStatus: byId('from-status'),
  message: byId<HTMLTextAreaElement>('message'),
  liveLine: byId('live-line'),
  doubleWidth: byId('double-width'),
  ucs2: byId('ucs2'),
  ucs2List: byId('ucs2-list'),
  rewrite: byId<HTMLButtonElement>('rewrite'),
  rewriteBlocked: byId('rewrite-blocked'),
  rewriteResult: byId('rewrite-result'),
  rewriteText: byId('rewrite-text'),
  undo: byId<HTMLButtonElement>('undo'),
  send: byId<HTMLButtonElement>('send'),
  sendIcon: byId('send-icon'),
  sendLabel: byId('send-label'),
  sendHint: byId('send-hint'),
  badge: byId('sandbox-badge'),
  accountBadge: byId('account-badge'),
  accountIcon: byId('account-icon'),
  accountName: byId('account-name'),
  tokenNotice: byId('token-notice'),
  setToken: byId<HTMLButtonElement>('set-token'),
  outcome: byId('outcome'),
};

const isMac = /Mac|iPhone|iPad/.test(navigator.platform);

/** Everything the page shows derives from this, re-rendered on every change (the form is tiny). */
const model: {
  strings?: ComposerStrings;
  host: ComposerHostState;
  draft: ComposerDraft;
  sending: boolean;
  /** The text before the last GSM-7 rewrite, for Undo. */
  beforeRewrite?: string;
  /** The record the result box is about; undefined when the box is closed or shows no record. */
  lastRecord?: HistoryRecord;
  /** After a reload: the record the box showed, which the extension looks up again and sends as recordUpdated. */
  restoring?: { id: string; sandbox: boolean };
} = {
  host: { defaultSender: '', sandbox: false, hasToken: true },
  draft: restoredDraft(),
  sending: false,
  restoring: restoredRecordRef(),
};

function restoredRecordRef(): { id: string; sandbox: boolean } | undefined {
  const state = vscode.getState() as Partial<ComposerPersistedState> | undefined;
  return typeof state?.lastRecordId === 'string' ? { id: state.lastRecordId, sandbox: state.lastRecordSandbox === true } : undefined;
}

function restoredDraft(): ComposerDraft {
  const state = vscode.getState() as Partial<ComposerPersistedState> | undefined;
  return state && isDraft(state.draft) ? { ...state.draft } : { ...EMPTY_DRAFT };
}

/** The draft, and which record the result box shows, so a reload brings both back. */
function saveState(): void {
  const state: ComposerPersistedState = { draft: model.draft };
  const shown = model.lastRecord ?? model.restoring;
  if (shown) {
    state.lastRecordId = shown.id;
    state.lastRecordSandbox = shown.sandbox;
  }
  vscode.setState(state);
}

function post(message: WebviewToExtension): void {
  vscode.postMessage(message);
}

// ---- rendering -------------------------------------------------------------------------------------------------

function writeFields(): void {
  // Only touch a field whose value differs, so the caret does not jump while typing.
  if (ui.to.value !== model.draft.to) ui.to.value = model.draft.to;
  if (ui.from.value !== model.draft.from) ui.from.value = model.draft.from;
  if (ui.message.value !== model.draft.message) ui.message.value = model.draft.message;
}

function render(): void {
  const strings = model.strings;
  if (!strings) return;
  const view = computeView(model.draft, model.host.defaultSender, strings, model.sending);

  ui.badge.hidden = !model.host.sandbox;
  renderAccount(model.host.account, strings);
  ui.tokenNotice.hidden = model.host.hasToken;
  ui.from.placeholder = fill(strings.fromPlaceholder, model.host.defaultSender);

  renderRecipient(view);
  setStatus(ui.fromStatus, view.senderError === undefined ? undefined : { kind: 'error', text: view.senderError });
  ui.from.setAttribute('aria-invalid', String(view.senderError !== undefined));

  ui.liveLine.textContent = view.liveLine;
  ui.liveLine.dataset.encoding = view.encoding;
  ui.doubleWidth.hidden = view.doubleWidth === undefined;
  ui.doubleWidth.textContent = view.doubleWidth ?? '';
  renderUcs2(view);

  ui.send.disabled = !view.canSend;
  ui.send.setAttribute('aria-busy', String(model.sending));
  ui.sendLabel.textContent = model.sending ? strings.sending : strings.send;
  ui.sendIcon.className = model.sending ? 'codicon codicon-loading codicon-modifier-spin' : 'codicon codicon-send';
}

/** The account badge: its name as text, in the status bar's error colours for a production account. */
function renderAccount(account: ComposerHostState['account'], strings: ComposerStrings): void {
  ui.accountBadge.hidden = account === undefined;
  if (!account) return;
  ui.accountName.textContent = account.name;
  ui.accountBadge.classList.toggle('production', account.production);
  ui.accountIcon.className = `codicon ${account.production ? 'codicon-flame' : 'codicon-account'}`;
  ui.accountBadge.title = fill(account.production ? strings.productionTooltip : strings.accountTooltip, account.name);
}

function renderRecipient(view: ComposerView): void {
  const r = view.recipient;
  setStatus(ui.toStatus, r.kind === 'empty' ? undefined : r);
  ui.to.setAttribute('aria-invalid', String(r.kind === 'error'));
}

function setStatus(element: HTMLElement, status: { kind: 'ok' | 'error'; text: string } | undefined): void {
  element.replaceChildren();
  element.className = 'field-status';
  if (!status) return;
  element.classList.add(status.kind);
  element.append(icon(status.kind === 'ok' ? 'pass' : 'error'), span(status.text));
}

function renderUcs2(view: ComposerView): void {
  const ucs2 = view.ucs2;
  ui.ucs2.hidden = ucs2 === undefined;
  if (!ucs2) {
    ui.ucs2List.replaceChildren();
    return;
  }
  const items = ucs2.items.map((item) => {
    const li = document.createElement('li');
    // A button per culprit: activating it selects the character in the message, to fix it by hand.
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'link char';
    button.textContent = item.text;
    button.addEventListener('click', () => {
      ui.message.focus();
      ui.message.setSelectionRange(item.start, item.end);
    });
    li.append(button);
    return li;
  });
  if (ucs2.more) {
    const li = document.createElement('li');
    li.textContent = ucs2.more;
    items.push(li);
  }
  ui.ucs2List.replaceChildren(...items);
  ui.rewrite.hidden = !ucs2.canRewrite;
  ui.rewriteBlocked.hidden = ucs2.blocked === undefined;
  ui.rewriteBlocked.textContent = ucs2.blocked ?? '';
}

function renderOutcome(content: Node[] | undefined, kind: string): void {
  ui.outcome.replaceChildren(...(content ?? []));
  ui.outcome.className = `outcome ${kind}`;
  ui.outcome.hidden = content === undefined;
}

/** The result box for the last record: titled with its recipient, following its delivery status, dismissable. */
function showRecord(record: HistoryRecord): void {
  const s = model.strings;
  if (!s) return;
  model.lastRecord = record;
  model.restoring = undefined;
  saveState();
  const view = outcomeView(record, s);
  const title = document.createElement('div');
  title.className = 'outcome-title';
  title.append(span(view.title), closeButton(s.dismiss));
  const lines: Node[] = [title];
  for (const line of view.lines) {
    const className = line.kind === 'warning' ? 'warning-text' : `outcome-${line.kind}`;
    lines.push(line.icon ? head(line.spin ? `${line.icon} codicon-modifier-spin` : line.icon, line.text, className) : para(line.text, className));
  }
  const link = document.createElement('button');
  link.type = 'button';
  link.id = 'show-in-history';
  link.className = 'link';
  link.append(icon('history'), span(s.showInHistory));
  link.addEventListener('click', () => post({ type: 'revealRecord', id: record.id }));
  const code = document.createElement('button');
  code.type = 'button';
  code.id = 'copy-as-code';
  code.className = 'link';
  code.append(icon('code'), span(s.copyAsCode));
  code.addEventListener('click', () => post({ type: 'copyAsCode', id: record.id }));
  lines.push(link, code);
  renderOutcome(lines, `outcome-${view.tone}`);
}

/** A box about the send just attempted that produced no record (cancelled, or an error in the extension). */
function showNotice(iconName: string, text: string, kind: string): void {
  const s = model.strings;
  if (!s) return;
  const title = document.createElement('div');
  title.className = 'outcome-title';
  title.append(head(iconName, text, 'outcome-head'), closeButton(s.dismiss));
  renderOutcome([title], kind);
}

function forgetRecord(): void {
  model.lastRecord = undefined;
  model.restoring = undefined;
  saveState();
}

function closeButton(label: string): HTMLElement {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'icon-button';
  button.title = label;
  button.setAttribute('aria-label', label);
  button.append(icon('close'));
  button.addEventListener('click', dismissOutcome);
  return button;
}

function dismissOutcome(): void {
  const hadRecord = model.lastRecord !== undefined || model.restoring !== undefined;
  forgetRecord();
  renderOutcome(undefined, '');
  if (hadRecord) post({ type: 'dismissOutcome' });
  ui.message.focus();
}

function icon(name: string): HTMLElement {
  const element = document.createElement('span');
  element.className = `codicon codicon-${name}`;
  element.setAttribute('aria-hidden', 'true');
  return element;
}

function span(text: string): HTMLElement {
  const element = document.createElement('span');
  element.textContent = text;
  return element;
}

function para(text: string, className?: string): HTMLElement {
  const element = document.createElement('p');
  if (className) element.className = className;
  element.textContent = text;
  return element;
}

function head(iconName: string, text: string, className: string): HTMLElement {
  const element = document.createElement('p');
  element.className = className;
  element.append(icon(iconName), span(text));
  return element;
}

// ---- state changes ---------------------------------------------------------------------------------------------

function setDraft(change: Partial<ComposerDraft>, options: { fromExtension?: boolean } = {}): void {
  model.draft = { ...model.draft, ...change };
  saveState();
  if (!options.fromExtension) post({ type: 'draftChanged', draft: model.draft });
}

function trySend(): void {
  const strings = model.strings;
  if (!strings) return;
  const view = computeView(model.draft, model.host.defaultSender, strings, model.sending);
  if (!view.canSend) return;
  model.sending = true;
  // The box is about to describe the new message: a late update of the previous one must not bring it back.
  forgetRecord();
  renderOutcome(undefined, '');
  render();
  post({ type: 'send', draft: model.draft });
}

function showRewriteResult(text: string | undefined): void {
  ui.rewriteResult.hidden = text === undefined;
  ui.rewriteText.textContent = text ?? '';
}

function rewrite(): void {
  const strings = model.strings;
  if (!strings) return;
  const before = model.draft.message;
  const result = rewriteToGsm7(before);
  if (result.text === before) return;
  model.beforeRewrite = before;
  setDraft({ message: result.text });
  writeFields();
  let text = fill(strings.rewriteDone, result.replaced.length);
  if (result.remaining.length > 0) {
    const chars = [...new Set(result.remaining.map((c) => c.char))].join(' ');
    text += ' ' + fill(strings.rewriteRemaining, chars);
  }
  showRewriteResult(text);
  render();
  // The rewrite button has just disappeared (or may have): keep the keyboard user in the message.
  ui.message.focus();
}

function undoRewrite(): void {
  if (model.beforeRewrite === undefined) return;
  setDraft({ message: model.beforeRewrite });
  model.beforeRewrite = undefined;
  writeFields();
  showRewriteResult(undefined);
  render();
  ui.message.focus();
}

function receive(message: ExtensionToWebview): void {
  switch (message.type) {
    case 'init':
      model.strings = message.strings;
      model.host = message.state;
      model.sending = message.sending;
      {
        // Keys typed before the first `init` win over the extension's copy, field by field; a later `init` keeps
        // the page's draft (draftMerge.ts). The extension hears of the result when its copy differs.
        const { draft, tellExtension } = initDraft.onInit(message.draft, model.draft);
        setDraft(draft, { fromExtension: !tellExtension });
      }
      writeFields();
      ui.sendHint.textContent = fill(message.strings.sendHint, isMac ? '⌘+Enter' : 'Ctrl+Enter');
      // Without a lastRecord after a reload, the extension is looking the record up again (see `restoring`).
      if (message.lastRecord) showRecord(message.lastRecord);
      render();
      // Never move the caret away from a field the user is already typing in.
      if (!ui.form.contains(document.activeElement)) (model.draft.to === '' ? ui.to : ui.message).focus();
      return;
    case 'state':
      model.host = message.state;
      render();
      return;
    case 'prefill': {
      const change: Partial<ComposerDraft> = {};
      if (message.to !== undefined) change.to = message.to;
      if (message.message !== undefined) change.message = message.message;
      setDraft(change, { fromExtension: true });
      writeFields();
      render();
      return;
    }
    case 'sendStarted':
      // Still sending; the box shows the attempt, and saveState keeps its id for a reload.
      showRecord(message.record);
      return;
    case 'sendResult':
      model.sending = false;
      if (message.record.sendStatus === 'sent') {
        setDraft({ message: '' }, { fromExtension: true });
        writeFields();
        showRewriteResult(undefined);
      }
      showRecord(message.record);
      render();
      return;
    case 'recordUpdated':
      // Only the record the box is about; after a dismiss (or another send) a late update is ignored.
      if (model.restoring?.id === message.record.id) showRecord(message.record);
      else if (model.lastRecord?.id === message.record.id && !sameOutcome(model.lastRecord, message.record)) {
        showRecord(message.record);
      }
      return;
    case 'recordRemoved':
      // Only the record the box is about: a box about a newer send stays.
      if (model.lastRecord?.id === message.id || model.restoring?.id === message.id) {
        forgetRecord();
        if (model.strings) showNotice('info', model.strings.recordRemoved, 'outcome-cancelled');
      }
      return;
    case 'sendCancelled':
      model.sending = false;
      if (message.record) showRecord(message.record);
      else if (model.strings) showNotice('info', model.strings.notSent, 'outcome-cancelled');
      render();
      return;
    case 'sendError':
      model.sending = false;
      if (model.strings) showNotice('error', fill(model.strings.sendError, message.message), 'outcome-failed');
      render();
      return;
  }
}

// ---- wiring ----------------------------------------------------------------------------------------------------

/** The fields typed in before the extension's first `init`, and what a later one changes (see receive). */
const initDraft = new InitDraft();

// Keys typed while this script was still loading are in the fields and not in the saved draft: they stay (only
// then is the saved draft written into the other fields), and count as typed before `init`, which has not come.
const typedEarly = typedBeforeScript({ to: ui.to, from: ui.from, message: ui.message });
if (Object.keys(typedEarly).length > 0) {
  model.draft = { ...model.draft, ...typedEarly };
  for (const field of Object.keys(typedEarly) as (keyof ComposerDraft)[]) initDraft.typed(field);
  saveState();
}
writeFields();
ui.send.setAttribute('aria-keyshortcuts', isMac ? 'Meta+Enter' : 'Control+Enter');

const touch = (field: keyof ComposerDraft) => initDraft.typed(field);

ui.to.addEventListener('input', () => {
  touch('to');
  setDraft({ to: ui.to.value });
  render();
});
ui.from.addEventListener('input', () => {
  touch('from');
  setDraft({ from: ui.from.value });
  render();
});
ui.message.addEventListener('input', () => {
  touch('message');
  setDraft({ message: ui.message.value });
  model.beforeRewrite = undefined;
  showRewriteResult(undefined);
  render();
});
ui.send.addEventListener('click', trySend);
ui.rewrite.addEventListener('click', rewrite);
ui.undo.addEventListener('click', undoRewrite);
ui.setToken.addEventListener('click', () => post({ type: 'openTokenSetup' }));
// Sending costs money: Enter alone never submits; Ctrl/Cmd+Enter does, from anywhere in the panel.
ui.form.addEventListener('submit', (event) => event.preventDefault());
document.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey) {
    event.preventDefault();
    trySend();
  }
});
window.addEventListener('message', (event: MessageEvent<ExtensionToWebview>) => receive(event.data));

post({ type: 'ready' });
