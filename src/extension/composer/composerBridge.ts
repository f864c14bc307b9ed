// The extension's side of the ComposerHost contract: the composer sends through the same SendService as the
// palette (recording, progress, notification, balance refresh, delivery tracking) and never sees the token.
import * as vscode from 'vscode';
import type { HistoryRecord } from '../../core/types';
import { repeatsUncertain } from '../../common/composerOutcome';
import type { ComposerHost, ComposerSendOptions } from './composerHost';
import { affects, readConfig, Setting } from '../settings/config';
import { Disposable } from '../platform/lifecycle';
import type { ExtensionLog } from '../platform/log';
import { confirmSendAgain } from '../send/confirmSendAgain';
import type { SendService } from '../send/sendService';
import type { Session } from '../session/session';
import type { TokenAccess } from '../token/tokenStore';

/** How many of the newest records are searched for an earlier attempt of the draft being sent. */
const UNCERTAIN_LOOKBACK = 50;

export class ComposerBridge extends Disposable implements ComposerHost {
  private readonly stateChanged = this._register(new vscode.EventEmitter<void>());
  readonly onDidChangeState = this.stateChanged.event;

  constructor(
    private readonly session: Session,
    tokens: TokenAccess,
    private readonly sender: SendService,
    readonly log: ExtensionLog,
    private readonly reveal: (id: string) => Promise<void>,
  ) {
    super();
    this._register(tokens.onDidChange(() => this.stateChanged.fire()));
    this._register(session.onDidChangeMode(() => this.stateChanged.fire()));
    this._register(
      vscode.workspace.onDidChangeConfiguration((e) => affects(e, Setting.sender) && this.stateChanged.fire()),
    );
  }

  async send(request: { to: string; from: string; message: string }, options: ComposerSendOptions = {}): Promise<HistoryRecord | undefined> {
    // The target the composer shows as the click comes: the send goes there or nowhere (the pipeline checks it).
    const target = await this.session.target();
    // Every send asks first when confirmBeforeSend is on, whichever way it was started (docs/architecture.md); a
    // send the user has just confirmed after an unknown outcome is not asked about twice.
    return this.sender.send(request, { confirm: readConfig().confirmBeforeSend && !options.confirmed, onRecorded: options.onRecorded, target });
  }

  async uncertainAttempt(request: { to: string; message: string }): Promise<HistoryRecord | undefined> {
    const store = await this.session.store();
    // The newest attempt of this draft decides: one sent after an unknown one was a choice the user already made.
    const latest = store.page(0, UNCERTAIN_LOOKBACK).find(
      (r) => r.to === request.to && (r.message === undefined || r.message === request.message),
    );
    return latest && repeatsUncertain(latest, request.to, request.message) ? latest : undefined;
  }

  confirmSendAgain(record: HistoryRecord): Promise<boolean> {
    return confirmSendAgain(record);
  }

  defaultSender(): string {
    return this.session.defaultSender();
  }

  isSandbox(): boolean {
    return this.session.isSandbox;
  }

  account(): { name: string; production: boolean } | undefined {
    const { account } = this.session;
    if (this.session.isSandbox || !(account.production || this.session.severalAccounts)) return undefined;
    return { name: account.name, production: account.production };
  }

  /** Whether the current mode can send: a live token, or the running sandbox (which has its own). */
  hasToken(): Promise<boolean> {
    return this.session.hasCredentials();
  }

  /** Follows one record for the composer's result box (its delivery status), in the history of its own mode. */
  watchRecord(ref: { id: string; sandbox: boolean }, listener: (record: HistoryRecord | undefined) => void): vscode.Disposable {
    const mode = ref.sandbox ? 'sandbox' : this.session.liveMode;
    const check = (): void => {
      this.session.store(mode).then(
        // undefined once the record is gone (Clear History, Delete, pruning): the box must not outlive it.
        (store) => listener(store.get(ref.id)),
        (error: unknown) => this.log.warn(`Composer: could not read the history: ${String(error)}`),
      );
    };
    check();
    return this.session.onDidChangeHistory((changed) => changed === mode && check());
  }

  revealRecord(id: string): Promise<void> {
    return this.reveal(id);
  }
}
