// One composer panel: owns the webview, the draft the extension keeps for it, and the one send in flight.
// The extension is the authority on the draft (the webview reports every change), so the panel can be hidden,
// revealed with a prefill, or restored after a reload without losing what was typed.
import * as vscode from 'vscode';
import type { HistoryRecord } from '../../core/types';
import { normalizeNumber } from '../../core/numbers';
import type { ComposerHost } from './composerHost';
import { composerHtml } from './html';
import { pageAssets } from '../platform/pageAssets';
import { composerStrings } from './strings';
import { sameOutcome } from '../../common/composerOutcome';
import {
  EMPTY_DRAFT,
  isWebviewMessage,
  type ComposerDraft,
  type ComposerHostState,
  type ComposerStrings,
  type ExtensionToWebview,
  type WebviewToExtension,
} from '../../common/composerProtocol';

export const COMPOSER_VIEW_TYPE = 'keccel.composer';

export interface ComposerPrefill {
  to?: string;
  message?: string;
}

export class ComposerPanel implements vscode.Disposable {
  private draft: ComposerDraft;
  /** True once the current webview document said `ready`; false again while it is hidden (and discarded). */
  private ready = false;
  /** One click, one SMS: a second `send` while this is true is ignored, whatever the webview thinks. */
  private sending = false;
  /** The record the webview's result box is about, kept up to date while `watch` follows it. */
  private lastRecord: HistoryRecord | undefined;
  private watch: vscode.Disposable | undefined;
  /** Bumped by every `follow`, so an answer about a record no longer followed is dropped. */
  private followed = 0;
  private strings: ComposerStrings | undefined;
  /** The host state the page was last sent (its badges), for the extension's test-facing API. */
  private sentState: ComposerHostState | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private disposed = false;

  constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly extensionUri: vscode.Uri,
    private readonly host: ComposerHost,
    draft: ComposerDraft,
    /** Gets the draft as it was when the panel closed, so the next composer opens with it. */
    private readonly onDispose: (draft: ComposerDraft) => void,
    /** After a reload: the record the result box showed, looked up again in the history. */
    restoreRecord?: { id: string; sandbox: boolean },
  ) {
    this.draft = { ...draft };
    panel.webview.options = webviewOptions(extensionUri);
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'keccel.svg');
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((message: unknown) => this.receive(message)),
      panel.onDidChangeViewState(() => {
        // A hidden webview (no retainContextWhenHidden) is discarded; it says `ready` again when shown.
        if (!panel.visible) this.ready = false;
      }),
      // The host's event covers the token, the mode and the default sender (one `state` message per change).
      host.onDidChangeState(() => void this.postState()),
    );
    panel.webview.html = this.html();
    if (restoreRecord) this.follow(restoreRecord);
  }

  /** `keccel.openComposer` while the panel exists: bring it forward and merge the prefill into the draft. */
  reveal(prefill: ComposerPrefill | undefined): void {
    this.panel.reveal();
    if (prefill && (prefill.to !== undefined || prefill.message !== undefined)) {
      this.draft = { ...this.draft, ...definedOnly(prefill) };
      this.post({ type: 'prefill', ...definedOnly(prefill) });
    }
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.onDispose(this.draft);
    this.follow(undefined);
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
  }

  private html(): string {
    return composerHtml({ ...pageAssets(this.panel.webview, this.extensionUri, 'composer'), strings: this.getStrings() });
  }

  private getStrings(): ComposerStrings {
    this.strings ??= composerStrings(vscode.l10n, vscode.env.language);
    return this.strings;
  }

  private async receive(raw: unknown): Promise<void> {
    if (!isWebviewMessage(raw)) {
      this.host.log.warn('Composer: ignored a malformed message from the webview.');
      return;
    }
    const message: WebviewToExtension = raw;
    switch (message.type) {
      case 'ready':
        this.ready = true;
        this.post({
          type: 'init',
          draft: this.draft,
          state: await this.hostState(),
          strings: this.getStrings(),
          sending: this.sending,
          lastRecord: this.lastRecord,
        });
        return;
      case 'draftChanged':
        this.draft = message.draft;
        return;
      case 'send':
        this.draft = message.draft;
        await this.send(message.draft);
        return;
      case 'openTokenSetup':
        await vscode.commands.executeCommand('keccel.setToken');
        await this.postState();
        return;
      case 'revealRecord':
        await this.host.revealRecord(message.id);
        return;
      case 'copyAsCode':
        await vscode.commands.executeCommand('keccel.message.copyAsCode', { id: message.id });
        return;
      case 'dismissOutcome':
        this.follow(undefined);
        return;
      default:
        assertNever(message);
    }
  }

  private async send(draft: ComposerDraft): Promise<void> {
    if (this.sending) {
      this.host.log.warn('Composer: a send is already in flight; the second request was ignored.');
      return;
    }
    // The webview validated already; check again here, the extension never trusts the view.
    const to = normalizeNumber(draft.to);
    const from = draft.from.trim() === '' ? this.host.defaultSender() : draft.from.trim();
    if (!to.ok || draft.message.trim() === '') {
      this.post({ type: 'sendError', message: to.ok ? this.getStrings().notSent : to.message });
      return;
    }
    this.sending = true;
    try {
      // The same message to the same number after an unknown outcome (even one from before a reload): the first
      // attempt may be on the phone already. Asked here, for the button and Ctrl+Enter alike, confirmBeforeSend
      // or not; the webview cannot be trusted to have asked.
      const previous = await this.host.uncertainAttempt({ to: to.msisdn, message: draft.message });
      if (previous && !(await this.host.confirmSendAgain(previous))) {
        this.host.log.info('Composer: not sent again after an unknown outcome (the user declined).');
        this.follow(previous);
        this.post({ type: 'sendCancelled', record: previous });
        return;
      }
      // The webview cleared its result box for this send: stop following the previous message.
      this.follow(undefined);
      const record = await this.host.send(
        { to: to.msisdn, from, message: draft.message },
        {
          confirmed: previous !== undefined,
          // From here the record exists: the box (and a reload) follow it even if the answer never comes.
          onRecorded: (attempt) => {
            this.follow(attempt);
            this.post({ type: 'sendStarted', record: attempt });
          },
        },
      );
      if (record) {
        this.follow(record);
        // A sent message leaves the composer ready for the next one; a refused or uncertain one stays to be fixed.
        if (record.sendStatus === 'sent') this.draft = { ...this.draft, message: '' };
        this.post({ type: 'sendResult', record });
      } else {
        this.post({ type: 'sendCancelled' });
      }
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      this.host.log.error(`Composer: send failed before reaching the gateway: ${text}`);
      this.post({ type: 'sendError', message: text });
    } finally {
      this.sending = false;
    }
    await this.postState();
  }

  /**
   * Makes `record` (or the one with this id) the result box's record and follows its history updates, so the box
   * turns Delivered, Delivery failed... as the reports come; undefined stops following and forgets it.
   */
  private follow(record: HistoryRecord | { id: string; sandbox: boolean } | undefined): void {
    this.watch?.dispose();
    this.watch = undefined;
    const generation = ++this.followed;
    this.lastRecord = record && 'sendStatus' in record ? record : undefined;
    if (!record) return;
    // A record the history could not save (id '') has nothing to follow.
    if (record.id === '') return;
    this.watch = this.host.watchRecord({ id: record.id, sandbox: record.sandbox }, (current) => {
      // A late answer for a record no longer followed, or a check that changed nothing the box shows: ignore.
      if (generation !== this.followed || this.disposed) return;
      if (!current) {
        // Cleared or deleted from the history: the box goes, so its "Show in History" is never a dead link.
        this.follow(undefined);
        this.post({ type: 'recordRemoved', id: record.id });
        return;
      }
      if (this.lastRecord && sameOutcome(this.lastRecord, current)) return;
      this.lastRecord = current;
      this.post({ type: 'recordUpdated', record: current });
    });
  }

  private async hostState(): Promise<ComposerHostState> {
    return { defaultSender: this.host.defaultSender(), sandbox: this.host.isSandbox(), hasToken: await this.host.hasToken(), account: this.host.account() };
  }

  private async postState(): Promise<void> {
    if (this.disposed || !this.ready) return;
    this.post({ type: 'state', state: await this.hostState() });
  }

  /** The host state the page was last sent: the account its badge names, the sandbox; undefined before `ready`. */
  get pageState(): ComposerHostState | undefined {
    return this.ready ? this.sentState : undefined;
  }

  private post(message: ExtensionToWebview): void {
    // While the webview is hidden the message would be lost; the next `init` replays the panel's state instead.
    if (this.disposed || !this.ready) return;
    if (message.type === 'init' || message.type === 'state') this.sentState = message.state;
    void this.panel.webview.postMessage(message);
  }
}

export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return {
    enableScripts: true,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview')],
  };
}

export function emptyDraft(): ComposerDraft {
  return { ...EMPTY_DRAFT };
}

function definedOnly(prefill: ComposerPrefill): Partial<ComposerDraft> {
  const out: Partial<ComposerDraft> = {};
  if (typeof prefill.to === 'string') out.to = prefill.to;
  if (typeof prefill.message === 'string') out.message = prefill.message;
  return out;
}

function assertNever(value: never): never {
  throw new Error(`Unhandled composer message: ${JSON.stringify(value)}`);
}
