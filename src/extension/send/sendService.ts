// The SMS side of a send, for the palette flow, the composer and "resend": it validates the request (saying why it
// cannot be sent), asks in a modal dialog when asked to, hands the request and the target the user confirmed to
// the send pipeline (src/core/send/: write-ahead, one request, completion, tracking), and shows the outcome
// without waiting for anyone to click. Nothing of the pipeline itself is here: only what the user sees.
import * as vscode from 'vscode';
import { formatNumber, normalizeNumber } from '../../core/numbers';
import { smsRequest, type PaidRequest } from '../../core/send/paidRequest';
import type { SendPipeline, SendNotices, SendResult } from '../../core/send/pipeline';
import type { SendTarget } from '../../core/send/target';
import { analyzeMessage, type SegmentInfo } from '../../core/segments';
import { checkSender, MAX_SENDER_LENGTH } from '../../core/sender';
import type { HistoryRecord, SendOutcome } from '../../core/types';
import { readConfig, SECTION, Setting } from '../settings/config';
import { describeError, type ExtensionLog } from '../platform/log';
import type { Session } from '../session/session';
import { offerSetup } from '../token/setupPrompt';
import { asSentence, destinationLabel, modeLabel, numberError, outcomeCause, segmentsLabel } from '../wording/strings';
import { showError, showInformation, showWarning } from '../platform/notify';
import { diagnoseButton, diagnoseIfChosen } from '../diagnose/offer';
import { confirmationFor } from '../../core/accounts';
import { confirmProductionSend } from '../accounts/productionConfirm';

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
  /**
   * Where the user agreed to send (shown in the palette's confirmation step); the current target when absent. The
   * pipeline sends nothing if the current target is another one by the time the request would leave.
   */
  target?: SendTarget;
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
  /** Reveals a record in the Messages view. */
  revealRecord(id: string): Promise<void>;
}

export class SendService {
  constructor(
    private readonly session: Session,
    private readonly pipeline: SendPipeline,
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

  /** Checks, asks when asked to, and hands the request to the pipeline with the target the user agreed to. */
  private async doSend(request: SmsRequest, options: SendOptions): Promise<HistoryRecord | undefined> {
    const sms = this.validate(request);
    if (!sms) return undefined;
    // Taken before any dialog: what the dialog shows is what the pipeline holds the send to.
    const target = options.target ?? (await this.session.target());
    if (!target) {
      offerSetup(vscode.l10n.t('No Keccel API token is set: nothing was sent.'), 'error');
      return undefined;
    }
    // A production account always asks (core/accounts/guard.ts), whatever confirmBeforeSend or the caller says; the
    // pipeline then sends only if that account is still the target.
    const account = target.sandbox ? undefined : this.session.accountOf(target.profileId);
    if (account && confirmationFor(account, readConfig()) === 'production') {
      const sends = await confirmProductionSend({
        account: account.name,
        what: vscode.l10n.t('SMS to {0} ({1})', sms.shown, sms.carrier),
        detail: vscode.l10n.t('From {0} · {1} · {2}', sms.from, sms.info.encoding, segmentsLabel(sms.info.segments)),
      });
      if (!sends) {
        this.log.info(`Send from the production account ${account.name} not confirmed: nothing was sent.`);
        return undefined;
      }
    } else if (options.confirm && !(await this.confirm(sms, target))) return undefined;
    const result = await this.pipeline.send(smsRequest({ to: sms.msisdn, from: sms.from, message: sms.message }), target, {
      onRecorded: options.onRecorded,
      during: (work) =>
        vscode.window.withProgress(
          {
            location: vscode.ProgressLocation.Notification,
            title: target.sandbox
              ? vscode.l10n.t('Sending SMS to {0} (sandbox)…', sms.shown)
              : vscode.l10n.t('Sending SMS to {0}…', sms.shown),
          },
          work,
        ),
    });
    const record = settled(result);
    if (record) this.notify(record, sms.shown);
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
    // Composed (NFC) before counting, as the pipeline sends it: e + U+0301 is the GSM-7 é, not a UCS-2 pair (docs/api.md).
    const message = String(request.message ?? '').normalize('NFC');
    if (message.trim() === '') {
      void showError(vscode.l10n.t('The message is empty: nothing was sent.'));
      return undefined;
    }
    const from = (typeof request.from === 'string' ? request.from.trim() : '') || this.session.defaultSender();
    // Before any confirmation or request: a sender the networks refuse or cut is never sent, whichever way.
    if (!this.acceptSender(from)) return undefined;
    return { msisdn: number.msisdn, carrier: number.carrier, shown: formatNumber(number.msisdn), from, message, info: analyzeMessage(message) };
  }

  /** The modal confirmation, naming the target; false when the user declined. */
  private async confirm(sms: ValidSms, target: SendTarget): Promise<boolean> {
    const send = vscode.l10n.t('Send');
    const choice = await showWarning(
      vscode.l10n.t('Send this SMS to {0} ({1})?', sms.shown, sms.carrier),
      {
        modal: true,
        detail: [
          vscode.l10n.t('From {0} · {1}', sms.from, destinationLabel(this.session, target.sandbox ? 'sandbox' : 'live')),
          `${sms.info.encoding} · ${segmentsLabel(sms.info.segments)}`,
        ].join('\n'),
      },
      send,
    );
    return choice === send;
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

/**
 * The record of a run that reached (or may have reached) the gateway; undefined, after saying why, for one that
 * sent nothing. A history that could not be written ahead throws (the callers say "could not be sent").
 */
export function settled(result: SendResult): HistoryRecord | undefined {
  switch (result.kind) {
    case 'completed':
      return result.record;
    case 'targetChanged':
      void showWarning(
        result.current
          ? vscode.l10n.t('Nothing was sent: it was confirmed for {0}, and the target is now {1}.', targetLabel(result.confirmed), targetLabel(result.current))
          : vscode.l10n.t('Nothing was sent: it was confirmed for {0}, which can no longer send.', targetLabel(result.confirmed)),
      );
      return undefined;
    case 'noCredentials':
      offerSetup(vscode.l10n.t('No Keccel API token is set: nothing was sent.'), 'error');
      return undefined;
    case 'notRecorded':
      throw result.error;
  }
}

/** The target as the confirmations show it, with the gateway's address. */
function targetLabel(target: SendTarget): string {
  return `${target.account === undefined ? '' : `${target.account} · `}${modeLabel(target.sandbox)} (${target.baseUrl})`;
}

/** What the pipeline says itself: an outcome that could not be saved (the gateway has the message regardless). */
export function pipelineNotices(): SendNotices {
  return {
    outcomeNotSaved(request: PaidRequest, outcome: SendOutcome, error: unknown): void {
      const shown = formatNumber(request.to);
      // The pipeline has logged it.
      const text = describeError(error);
      void showError(
        request.kind === 'otp'
          ? vscode.l10n.t('The code to {0} went to the gateway ({1}) but could not be saved in the history: {2}', shown, outcome.status, text)
          : vscode.l10n.t('The SMS to {0} went to the gateway ({1}) but could not be saved in the history: {2}', shown, outcome.status, text),
      );
    },
  };
}
