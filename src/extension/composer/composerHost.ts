// What the composer needs from the rest of the extension. The extension layer implements it (token, client,
// history, notifications); the composer stays a view that never sees the token or the HTTP client.
import type * as vscode from 'vscode';
import type { HistoryRecord, Logger } from '../../core/types';

export interface ComposerSendOptions {
  /** Told the attempt as soon as it is in the history, before its request leaves. */
  onRecorded?(attempt: HistoryRecord): void;
  /** The user has just confirmed this very send (after an unknown outcome): do not ask a second time. */
  confirmed?: boolean;
}

export interface ComposerHost {
  /**
   * Sends one SMS (`to` already normalised to `243` + 9 digits), records the attempt in the history, shows the
   * outcome notification (not awaited) and returns the record, whatever its `sendStatus`. Returns `undefined`
   * when nothing was sent (e.g. no token), after telling the user why.
   */
  send(request: { to: string; from: string; message: string }, options?: ComposerSendOptions): Promise<HistoryRecord | undefined>;
  /**
   * The newest attempt of the current mode to `to` with this text (or with no text kept), when its outcome is
   * unknown: sending the draft again must then be confirmed (it may already have gone through).
   */
  uncertainAttempt(request: { to: string; message: string }): Promise<HistoryRecord | undefined>;
  /** Asks whether to send again after that attempt; the default answer is no. True only for "Send Again". */
  confirmSendAgain(record: HistoryRecord): Promise<boolean>;
  /** The `keccel.sender` setting (the From used when the field is left empty). */
  defaultSender(): string;
  isSandbox(): boolean;
  hasToken(): Promise<boolean>;
  /** The account a send goes to, when the composer must name it (production, or one of several). */
  account(): { name: string; production: boolean } | undefined;
  /**
   * Calls `listener` with the record as it is in the history now and again after every change of that history
   * (its delivery report came, it was given up on...), with undefined once it is no longer there (cleared,
   * deleted), until the returned disposable is disposed. `sandbox` picks the history the record lives in.
   */
  watchRecord(ref: { id: string; sandbox: boolean }, listener: (record: HistoryRecord | undefined) => void): vscode.Disposable;
  /** Shows the record in the `keccel.messages` tree. */
  revealRecord(id: string): Promise<void>;
  /** The extension's log: every line passes through its redactor. */
  log: Logger;
  /** Fires when the token, the sandbox mode or the default sender changes, so an open composer updates at once. */
  onDidChangeState: vscode.Event<void>;
}
