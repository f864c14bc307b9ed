// The one way the extension sends an SMS, used by the palette flow, the composer and "resend". It validates,
// sends once (a send is never retried: it costs money), records every attempt in the history at once, starts
// following its delivery, refreshes the balance, and shows the outcome without waiting for anyone to click.
import * as vscode from 'vscode';
import { normalizeNumber, formatNumber } from '../core/numbers';
import { analyzeMessage } from '../core/segments';
import { checkSender, MAX_SENDER_LENGTH } from '../core/sender';
import type { HistoryRecord, SendOutcome } from '../core/types';
import { readConfig, SECTION, Setting } from './config';
import { describeError, type ExtensionLog } from './log';
import type { Session } from './session';
import { offerSetup } from './setupPrompt';
import { asSentence, modeLabel, numberError, outcomeCause, segmentsLabel } from './strings';

export interface SmsRequest {
  to: string;
  message: string;
  /** Defaults to the `keccel.sender` setting. */
  from?: string;
}

export interface SendOptions {
  /** Ask first in a modal dialog (the composer, when `confirmBeforeSend` is on; the palette has its own step). */
  confirm?: boolean;
}

export interface SendServiceHooks {
  /** Called after every attempt that reached (or may have reached) the gateway. */
  afterSend(): void;
  /** Reveals a record in the Messages view. */
  revealRecord(id: string): Promise<void>;
}

export class SendService {
  constructor(
    private readonly session: Session,
    private readonly log: ExtensionLog,
    private readonly hooks: SendServiceHooks,
  ) {}

  /**
   * Sends one SMS. Resolves to the history record of the attempt (whatever its outcome), or undefined when
   * nothing was sent (invalid input, no token); problems are shown and logged, never thrown.
   */
  async send(request: SmsRequest, options: SendOptions = {}): Promise<HistoryRecord | undefined> {
    try {
      return await this.doSend(request, options);
    } catch (error) {
      const text = describeError(error);
      this.log.error(`Send failed before reaching the gateway: ${text}`);
      void vscode.window.showErrorMessage(vscode.l10n.t('The SMS could not be sent: {0}', text));
      return undefined;
    }
  }

  /**
   * True when `from` can be a sender name; otherwise shows why (naming the `keccel.sender` setting when the
   * value is the setting's, with a button that opens it) and returns false. The palette calls it before its
   * first step, so nobody types a message that cannot be sent.
   */
  acceptSender(from: string): boolean {
    const problem = checkSender(from);
    if (problem === undefined) return true;
    const value = from.trim();
    const fromSetting = value === readConfig().sender;
    this.log.warn(`Send refused: invalid sender (${problem}${fromSetting ? ', from the keccel.sender setting' : ''}).`);
    let text: string;
    if (problem === 'empty') text = vscode.l10n.t('The sender name is empty: nothing was sent.');
    else if (problem === 'tooLong') {
      text = fromSetting
        ? vscode.l10n.t('The sender "{0}" in the keccel.sender setting is too long: a sender name has at most {1} characters. Nothing was sent.', value, MAX_SENDER_LENGTH)
        : vscode.l10n.t('The sender "{0}" is too long: a sender name has at most {1} characters. Nothing was sent.', value, MAX_SENDER_LENGTH);
    } else {
      text = fromSetting
        ? vscode.l10n.t('The sender "{0}" in the keccel.sender setting may only contain letters, digits, spaces and common punctuation. Nothing was sent.', value)
        : vscode.l10n.t('The sender "{0}" may only contain letters, digits, spaces and common punctuation. Nothing was sent.', value);
    }
    if (fromSetting) {
      const open = vscode.l10n.t('Open Settings');
      // Not awaited: the caller (a script, the composer) resolves at once.
      void vscode.window.showErrorMessage(text, open).then((choice) => {
        if (choice === open) void vscode.commands.executeCommand('workbench.action.openSettings', `${SECTION}.${Setting.sender}`);
      });
    } else {
      void vscode.window.showErrorMessage(text);
    }
    return false;
  }

  private async doSend(request: SmsRequest, options: SendOptions): Promise<HistoryRecord | undefined> {
    const number = normalizeNumber(String(request.to ?? ''));
    if (!number.ok) {
      this.log.warn(`Send refused: invalid recipient (${number.code}).`);
      void vscode.window.showErrorMessage(numberError(number.code, number.message));
      return undefined;
    }
    const message = String(request.message ?? '');
    if (message.trim() === '') {
      void vscode.window.showErrorMessage(vscode.l10n.t('The message is empty: nothing was sent.'));
      return undefined;
    }
    const config = readConfig();
    const from = (typeof request.from === 'string' ? request.from.trim() : '') || config.sender;
    // Before any confirmation or request: a sender the networks refuse or cut is never sent, whichever way.
    if (!this.acceptSender(from)) return undefined;
    // The mode is read once, before any await: the client, the history and the record's `sandbox` flag must all
    // belong to the same mode even if the sandbox is started or stopped while this send is under way.
    const mode = this.session.mode;
    const sandbox = mode === 'sandbox';
    const client = await this.session.client(mode);
    if (!client) {
      offerSetup(vscode.l10n.t('No Keccel API token is set: nothing was sent.'), 'error');
      return undefined;
    }

    const info = analyzeMessage(message);
    const shown = formatNumber(number.msisdn);
    if (options.confirm) {
      const send = vscode.l10n.t('Send');
      const choice = await vscode.window.showWarningMessage(
        vscode.l10n.t('Send this SMS to {0} ({1})?', shown, number.carrier),
        {
          modal: true,
          detail: [
            vscode.l10n.t('From {0} · {1}', from, modeLabel(sandbox)),
            `${info.encoding} · ${segmentsLabel(info.segments)}`,
          ].join('\n'),
        },
        send,
      );
      if (choice !== send) return undefined;
      if (this.session.mode !== mode) {
        // The sandbox was started or stopped while the dialog was open: what was confirmed no longer applies.
        this.log.warn(`Send cancelled: the mode changed from ${mode} to ${this.session.mode} during the confirmation.`);
        void vscode.window.showWarningMessage(vscode.l10n.t('Nothing was sent.'));
        return undefined;
      }
    }
    // Open the history before sending: if it cannot be written, better to know before the SMS is paid for.
    const store = await this.session.store(mode);
    const outcome: SendOutcome = await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: sandbox
          ? vscode.l10n.t('Sending SMS to {0} (sandbox)…', shown)
          : vscode.l10n.t('Sending SMS to {0}…', shown),
      },
      () => client.send({ to: number.msisdn, from, message }),
    );
    this.log.info(
      `Send to ${number.msisdn} (${info.encoding}, ${info.segments} segment(s), ${mode}): ${outcome.status}` +
        `${outcome.messageId ? ` id ${outcome.messageId}` : ''}: ${outcome.description}`,
    );

    // Record the attempt before anything else can fail: the history is the user's proof of what was sent.
    const now = new Date().toISOString();
    const attempt: Omit<HistoryRecord, 'id'> = {
      messageId: outcome.messageId,
      to: number.msisdn,
      from,
      ...(config.storeMessageText ? { message } : {}),
      encoding: info.encoding,
      segments: info.segments,
      sendStatus: outcome.status,
      description: outcome.description,
      deliveryStatus: outcome.status === 'sent' && outcome.messageId ? 'pending' : undefined,
      sentAt: now,
      updatedAt: now,
      sandbox,
      origin: 'vscode',
    };
    let record: HistoryRecord;
    try {
      record = await store.add(attempt);
    } catch (error) {
      // The gateway has the message whatever happens here: say so, never "not sent".
      this.log.error(`Could not record the send to ${number.msisdn} in the history: ${describeError(error)}`);
      void vscode.window.showErrorMessage(
        vscode.l10n.t('The SMS to {0} went to the gateway ({1}) but could not be saved in the history: {2}', shown, outcome.status, describeError(error)),
      );
      return { ...attempt, id: '' };
    }

    if (record.deliveryStatus === 'pending') {
      void this.session.track(record, mode).catch((e) => this.log.warn(`Delivery tracking: ${describeError(e)}`));
    }
    if (outcome.status !== 'failed') this.hooks.afterSend();
    this.notify(record, shown);
    return record;
  }

  /**
   * The outcome notification: shown, never awaited, so scripts resolve at once. Each one says the outcome, then
   * the core's account of what happened once, then what to do.
   */
  private notify(record: HistoryRecord, shown: string): void {
    const reveal = vscode.l10n.t('Show in History');
    const onChoice = (choice: string | undefined) => {
      if (choice === reveal) void this.hooks.revealRecord(record.id);
    };
    switch (record.sendStatus) {
      case 'sent':
        void vscode.window
          .showInformationMessage(
            vscode.l10n.t('SMS sent to {0} ({1}). Message ID: {2}', shown, segmentsLabel(record.segments), record.messageId ?? '—'),
            reveal,
          )
          .then(onChoice);
        break;
      case 'rejected':
        void vscode.window
          .showErrorMessage(
            vscode.l10n.t('SMS to {0}: rejected by Keccel. {1}', shown, asSentence(record.description || vscode.l10n.t('No reason given.'))),
            reveal,
          )
          .then(onChoice);
        break;
      case 'unknown':
        void vscode.window
          .showWarningMessage(
            vscode.l10n.t(
              'SMS to {0}: outcome unknown. {1} It may have been sent: check the history and your balance before sending it again.',
              shown,
              outcomeCause(record.description),
            ),
            reveal,
          )
          .then(onChoice);
        break;
      case 'failed':
        void vscode.window
          .showErrorMessage(
            vscode.l10n.t('SMS to {0}: not sent. {1} Nothing was charged.', shown, outcomeCause(record.description)),
            reveal,
          )
          .then(onChoice);
        break;
    }
  }
}
