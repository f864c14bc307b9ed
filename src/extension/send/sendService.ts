// How the extension sends a plain SMS (message.asp), used by the palette flow, the composer and "resend"; an OTP's
// SMS goes through otp/otpService.ts instead, which repeats these steps against otp/generate.asp. It validates,
// records the attempt in the history before its request leaves, sends once (a send is never retried: it costs
// money), completes the record from the outcome, starts following its delivery, refreshes the balance, and shows
// the outcome without waiting for anyone to click.
import { firstEvents } from '../../core/history/events';
import * as vscode from 'vscode';
import { completionPatch, inFlightFields, mayComplete } from '../../core/attempt';
import type { KeccelClient } from '../../core/client';
import { newRecordId } from '../../core/history/ids';
import type { HistoryStore } from '../../core/history/store';
import { normalizeNumber, formatNumber } from '../../core/numbers';
import { analyzeMessage, type SegmentInfo } from '../../core/segments';
import { checkSender, MAX_SENDER_LENGTH } from '../../core/sender';
import type { HistoryRecord, SendOutcome } from '../../core/types';
import { readConfig, SECTION, Setting } from '../settings/config';
import { describeError, type ExtensionLog } from '../platform/log';
import type { Mode, Session } from '../session/session';
import { offerSetup } from '../token/setupPrompt';
import { asSentence, modeLabel, numberError, outcomeCause, segmentsLabel } from '../wording/strings';
import { showError, showInformation, showWarning } from '../platform/notify';
import { diagnoseButton, diagnoseIfChosen } from '../diagnose/offer';

export interface SmsRequest {
  to: string;
  message: string;
  /** Defaults to the `keccel.sender` setting. */
  from?: string;
}

export interface SendOptions {
  /** Ask first in a modal dialog (the composer, when `confirmBeforeSend` is on; the palette has its own step). */
  confirm?: boolean;
  /** Told the attempt as soon as it is in the history (in flight), before its request leaves. */
  onRecorded?(attempt: HistoryRecord): void;
}

/** A request that passed validation, with what the later steps show and record. */
interface ValidSms {
  msisdn: string;
  carrier: string;
  /** The number as shown to the user (`+243 81 234 5678`). */
  shown: string;
  from: string;
  message: string;
  info: SegmentInfo;
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
      void showError(vscode.l10n.t('The SMS could not be sent: {0}', text));
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
      void showError(text, open).then((choice) => {
        if (choice === open) void vscode.commands.executeCommand('workbench.action.openSettings', `${SECTION}.${Setting.sender}`);
      });
    } else {
      void showError(text);
    }
    return false;
  }

  /**
   * The steps of one send, in order. The attempt is written to the history before its request leaves, so a
   * reload, a crash or a stopped sandbox during the wait leaves an `unknown` record, never nothing (core/attempt.ts).
   */
  private async doSend(request: SmsRequest, options: SendOptions): Promise<HistoryRecord | undefined> {
    const sms = this.validate(request);
    if (!sms) return undefined;
    // The mode is read once, before any await: the client, the history and the record's `sandbox` flag must all
    // belong to the same mode even if the sandbox is started or stopped while this send is under way.
    const mode = this.session.mode;
    const client = await this.session.client(mode);
    if (!client) {
      offerSetup(vscode.l10n.t('No Keccel API token is set: nothing was sent.'), 'error');
      return undefined;
    }
    if (options.confirm && !(await this.confirm(sms, mode))) return undefined;
    // If the history cannot be written, this throws before the SMS is paid for (send() says "could not be sent").
    const store = await this.session.store(mode);
    const attempt = await this.writeAhead(store, sms, mode, client.timeoutMs);
    options.onRecorded?.(attempt);
    const outcome = await this.post(client, sms, mode);
    const record = await this.complete(store, attempt, outcome, sms);
    this.follow(record, mode, outcome);
    return record;
  }

  /** The request, checked: recipient, text and sender. Undefined (after saying why) when it cannot be sent. */
  private validate(request: SmsRequest): ValidSms | undefined {
    const number = normalizeNumber(String(request.to ?? ''));
    if (!number.ok) {
      this.log.warn(`Send refused: invalid recipient (${number.code}).`);
      void showError(numberError(number.code, number.message));
      return undefined;
    }
    // Composed (NFC) before counting and sending: e + U+0301 is the GSM-7 é, not a UCS-2 pair (docs/api.md).
    const message = String(request.message ?? '').normalize('NFC');
    if (message.trim() === '') {
      void showError(vscode.l10n.t('The message is empty: nothing was sent.'));
      return undefined;
    }
    const from = (typeof request.from === 'string' ? request.from.trim() : '') || readConfig().sender;
    // Before any confirmation or request: a sender the networks refuse or cut is never sent, whichever way.
    if (!this.acceptSender(from)) return undefined;
    return { msisdn: number.msisdn, carrier: number.carrier, shown: formatNumber(number.msisdn), from, message, info: analyzeMessage(message) };
  }

  /** The modal confirmation; false when the user declined or the mode changed while it was open. */
  private async confirm(sms: ValidSms, mode: Mode): Promise<boolean> {
    const send = vscode.l10n.t('Send');
    const choice = await showWarning(
      vscode.l10n.t('Send this SMS to {0} ({1})?', sms.shown, sms.carrier),
      {
        modal: true,
        detail: [
          vscode.l10n.t('From {0} · {1}', sms.from, modeLabel(mode === 'sandbox')),
          `${sms.info.encoding} · ${segmentsLabel(sms.info.segments)}`,
        ].join('\n'),
      },
      send,
    );
    if (choice !== send) return false;
    if (this.session.mode !== mode) {
      // The sandbox was started or stopped while the dialog was open: what was confirmed no longer applies.
      this.log.warn(`Send cancelled: the mode changed from ${mode} to ${this.session.mode} during the confirmation.`);
      void showWarning(vscode.l10n.t('Nothing was sent.'));
      return false;
    }
    return true;
  }

  /** Writes the attempt (`unknown`, in flight) before its request leaves: the history is the user's proof. */
  private async writeAhead(store: HistoryStore, sms: ValidSms, mode: Mode, timeoutMs: number): Promise<HistoryRecord> {
    const started = Date.now();
    const at = new Date(started).toISOString();
    // The id is chosen here so this window knows the record as its own before the store announces it.
    const id = newRecordId(started);
    this.session.inFlight.add(id, mode, store);
    try {
      return await store.add({
        id,
        to: sms.msisdn,
        from: sms.from,
        ...(readConfig().storeMessageText ? { message: sms.message } : {}),
        encoding: sms.info.encoding,
        segments: sms.info.segments,
        ...inFlightFields(started, timeoutMs),
        sentAt: at,
        updatedAt: at,
        sandbox: mode === 'sandbox',
        origin: 'vscode',
      });
    } catch (error) {
      this.session.inFlight.remove(id);
      throw error;
    }
  }

  /** The one POST (never retried), under a progress notification. */
  private async post(client: KeccelClient, sms: ValidSms, mode: Mode): Promise<SendOutcome> {
    const outcome = await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: mode === 'sandbox'
          ? vscode.l10n.t('Sending SMS to {0} (sandbox)…', sms.shown)
          : vscode.l10n.t('Sending SMS to {0}…', sms.shown),
      },
      () => client.send({ to: sms.msisdn, from: sms.from, message: sms.message }),
    );
    this.log.info(
      `Send to ${sms.msisdn} (${sms.info.encoding}, ${sms.info.segments} segment(s), ${mode}): ${outcome.status}` +
        `${outcome.messageId ? ` id ${outcome.messageId}` : ''}: ${outcome.description}` +
        `${outcome.untrackedReason ? ` (${outcome.untrackedReason})` : ''}`,
    );
    return outcome;
  }

  /**
   * Completes the attempt from the outcome. If the window began closing (or the sandbox stopped) meanwhile, the
   * attempt was marked interrupted and its store may be closed: only a gateway answer is still worth writing.
   */
  private async complete(store: HistoryStore, attempt: HistoryRecord, outcome: SendOutcome, sms: ValidSms): Promise<HistoryRecord> {
    const owned = this.session.inFlight.remove(attempt.id);
    const at = new Date().toISOString();
    const patch = completionPatch(outcome, at);
    // The story starts with the outcome: "Sending…" was only the wait for it (and an interrupted attempt, which never
    // gets here, tells its story from its fields).
    patch.events = firstEvents({ ...attempt, ...patch }, at);
    const unsaved = { ...attempt, ...patch } as HistoryRecord;
    try {
      const record = await store.update(attempt.id, patch, (current) => mayComplete(current, outcome));
      return record ?? store.get(attempt.id) ?? unsaved;
    } catch (error) {
      if (!owned) return store.get(attempt.id) ?? attempt;
      // The gateway has the message whatever happens here: say so, never "not sent".
      this.log.error(`Could not record the outcome of the send to ${sms.msisdn} in the history: ${describeError(error)}`);
      void showError(
        vscode.l10n.t('The SMS to {0} went to the gateway ({1}) but could not be saved in the history: {2}', sms.shown, outcome.status, describeError(error)),
      );
      return store.get(attempt.id) ?? unsaved;
    }
  }

  /** What follows a recorded outcome: delivery tracking, the balance refresh, the notification. */
  private follow(record: HistoryRecord, mode: Mode, outcome: SendOutcome): void {
    if (record.deliveryStatus === 'pending') {
      void this.session.track(record, mode).catch((e) => this.log.warn(`Delivery tracking: ${describeError(e)}`));
    }
    if (outcome.status !== 'failed') this.hooks.afterSend();
    this.notify(record, formatNumber(record.to));
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
    // A send that did not reach the gateway or got no answer: the connection is the first suspect.
    const onChoiceOrDiagnose = (choice: string | undefined) => {
      onChoice(choice);
      diagnoseIfChosen(choice);
    };
    switch (record.sendStatus) {
      case 'sent':
        void showInformation(
            record.messageId
              ? vscode.l10n.t('SMS sent to {0} ({1}). Message ID: {2}', shown, segmentsLabel(record.segments), record.messageId)
              : vscode.l10n.t('SMS sent to {0} ({1}). Keccel gave no message ID, so its delivery cannot be followed.', shown, segmentsLabel(record.segments)),
            reveal,
          )
          .then(onChoice);
        break;
      case 'rejected':
        void showError(
          vscode.l10n.t('SMS to {0}: rejected by Keccel. {1}', shown, asSentence(record.description || vscode.l10n.t('No reason given.'))),
          reveal,
        ).then(onChoice);
        break;
      case 'unknown':
        void showWarning(
          vscode.l10n.t(
            'SMS to {0}: outcome unknown. {1} It may have been sent: check the history and your balance before sending it again.',
            shown,
            outcomeCause(record.description),
          ),
          reveal,
          diagnoseButton(),
        ).then(onChoiceOrDiagnose);
        break;
      case 'failed':
        void showError(
          vscode.l10n.t('SMS to {0}: not sent. {1} Nothing was charged.', shown, outcomeCause(record.description)),
          reveal,
          diagnoseButton(),
        ).then(onChoiceOrDiagnose);
        break;
    }
  }
}
