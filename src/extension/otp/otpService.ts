// Sending and checking one-time codes through Keccel's OTP endpoints, for the palette flows and scripts. A send
// is an SMS like any other: validated first, sent once (never retried), written to the history *before* its
// request leaves (as `unknown`, so a reload mid-request leaves an honest record), then updated with the outcome.
// In the sandbox the record also gets the code the simulator drew, read in-process: the developer types it into
// the app under test. The live gateway never tells the code, so a live record never holds one.
import * as vscode from 'vscode';
import { inFlightFields, mayComplete } from '../../core/attempt';
import { newRecordId } from '../../core/history/ids';
import { formatNumber, normalizeNumber } from '../../core/numbers';
import {
  DEFAULT_OTP_LENGTH, DEFAULT_OTP_LIFETIME_SECONDS, MAX_OTP_LENGTH, MIN_OTP_LENGTH, MIN_OTP_LIFETIME_SECONDS, OTP_PLACEHOLDER, analyzeOtpMessage,
  checkGenerateOtp, type OtpProblem,
} from '../../core/otp';
import type { HistoryStore } from '../../core/history/store';
import type { HistoryRecord, SendOutcome } from '../../core/types';
import { readConfig } from '../settings/config';
import { describeError, type ExtensionLog } from '../platform/log';
import type { Session } from '../session/session';
import type { SendService, SendServiceHooks } from '../send/sendService';
import { offerSetup } from '../token/setupPrompt';
import { asSentence, numberError, outcomeCause } from '../wording/strings';
import { showError, showInformation, showWarning } from '../platform/notify';

/** French, as the recipients in the DRC read it; `é` is GSM-7, so the SMS stays at 160 characters a part. */
export const DEFAULT_OTP_TEMPLATE = `Votre code de vérification est ${OTP_PLACEHOLDER}`;

export interface OtpSendRequest {
  to: string;
  /** With `%OTP%` where the code goes; DEFAULT_OTP_TEMPLATE when absent. */
  message?: string;
  length?: number;
  /** Seconds. */
  lifetime?: number;
  from?: string;
}

export interface OtpCheckRequest {
  to: string;
  otp: string;
  from?: string;
}

/** What `keccel.validateOtp` returns (README, "Commands"). */
export interface OtpCheckResult {
  valid: boolean;
  status: string;
}

/** The sandbox's view of the codes it sent (sandbox.ts), so a sandbox record can show its code. */
export interface OtpSource {
  currentOtp(to: string): { code: string; messageId: string; createdAt: number } | undefined;
}

export class OtpService {
  /** The last number a code was sent to, so "Validate OTP…" can offer it. */
  lastRecipient: string | undefined;

  constructor(
    private readonly session: Session,
    private readonly sandbox: OtpSource,
    private readonly sender: SendService,
    private readonly log: ExtensionLog,
    private readonly hooks: SendServiceHooks,
  ) {}

  /** A problem of a template, length or lifetime in words, or undefined. Used by the flow's input boxes too. */
  problemText(problem: OtpProblem | undefined): string | undefined {
    switch (problem) {
      case undefined:
        return undefined;
      case 'noPlaceholder':
        return vscode.l10n.t('The message must contain {0} where the code goes.', OTP_PLACEHOLDER);
      case 'badLength':
        return vscode.l10n.t('The code length must be a whole number from {0} to {1}.', MIN_OTP_LENGTH, MAX_OTP_LENGTH);
      case 'badLifetime':
        return vscode.l10n.t('The code lifetime must be a whole number of seconds, at least {0}.', MIN_OTP_LIFETIME_SECONDS);
      case 'emptyCode':
        return vscode.l10n.t('The code to check is empty.');
    }
  }

  /**
   * Sends one code by SMS. Resolves to the history record of the attempt (whatever its outcome), or undefined when
   * nothing was sent (invalid input, no token); problems are shown and logged, never thrown.
   */
  async send(request: OtpSendRequest): Promise<HistoryRecord | undefined> {
    try {
      return await this.doSend(request);
    } catch (error) {
      const text = describeError(error);
      this.log.error(`OTP send failed before reaching the gateway: ${text}`);
      void showError(vscode.l10n.t('The code could not be sent: {0}', text));
      return undefined;
    }
  }

  /** Asks the gateway whether a code is right. Undefined (and a notification) when the check got no verdict. */
  async validate(request: OtpCheckRequest): Promise<OtpCheckResult | undefined> {
    const number = normalizeNumber(String(request.to ?? ''));
    if (!number.ok) {
      void showError(numberError(number.code, number.message));
      return undefined;
    }
    const otp = String(request.otp ?? '').trim();
    if (otp === '') {
      void showError(this.problemText('emptyCode')!);
      return undefined;
    }
    const from = (typeof request.from === 'string' ? request.from.trim() : '') || readConfig().sender;
    if (!this.sender.acceptSender(from)) return undefined;
    const client = await this.session.client();
    if (!client) {
      offerSetup(vscode.l10n.t('No Keccel API token is set: the code cannot be checked.'), 'error');
      return undefined;
    }
    const shown = formatNumber(number.msisdn);
    let answer;
    try {
      answer = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Checking the code for {0}…', shown) },
        () => client.validateOtp({ to: number.msisdn, from, otp }),
      );
    } catch (error) {
      this.log.warn(`OTP check for ${number.msisdn} failed: ${describeError(error)}`);
      void showError(vscode.l10n.t('Could not check the code: {0}', describeError(error)));
      return undefined;
    }
    this.log.info(`OTP check for ${number.msisdn}: ${answer.valid ? 'valid' : 'not valid'} (${answer.status})${answer.description ? `: ${answer.description}` : ''}`);
    if (answer.valid) {
      void showInformation(vscode.l10n.t('The code {0} is valid for {1} (Keccel said {2}).', otp, shown, answer.status));
    } else if (answer.description) {
      void showWarning(
        vscode.l10n.t('The code {0} is not valid for {1}: {2} (Keccel said {3}).', otp, shown, answer.description.replace(/[.\s]+$/, ''), answer.status),
      );
    } else {
      void showWarning(vscode.l10n.t('The code {0} is not valid for {1} (Keccel said {2}).', otp, shown, answer.status));
    }
    return { valid: answer.valid, status: answer.status };
  }

  private async doSend(request: OtpSendRequest): Promise<HistoryRecord | undefined> {
    const number = normalizeNumber(String(request.to ?? ''));
    if (!number.ok) {
      this.log.warn(`OTP send refused: invalid recipient (${number.code}).`);
      void showError(numberError(number.code, number.message));
      return undefined;
    }
    const message = typeof request.message === 'string' && request.message.trim() !== '' ? request.message : DEFAULT_OTP_TEMPLATE;
    const length = request.length ?? DEFAULT_OTP_LENGTH;
    const lifetime = request.lifetime ?? DEFAULT_OTP_LIFETIME_SECONDS;
    const problem = checkGenerateOtp({ message, length, lifetime });
    if (problem) {
      this.log.warn(`OTP send refused: ${problem}.`);
      void showError(vscode.l10n.t('{0} Nothing was sent.', this.problemText(problem)!));
      return undefined;
    }
    const config = readConfig();
    const from = (typeof request.from === 'string' ? request.from.trim() : '') || config.sender;
    if (!this.sender.acceptSender(from)) return undefined;
    // Read once, before any await: the client, the history and the record's flag belong to the same mode.
    const mode = this.session.mode;
    const sandbox = mode === 'sandbox';
    const client = await this.session.client(mode);
    if (!client) {
      offerSetup(vscode.l10n.t('No Keccel API token is set: nothing was sent.'), 'error');
      return undefined;
    }
    const info = analyzeOtpMessage(message, length);
    const shown = formatNumber(number.msisdn);
    const store = await this.session.store(mode);
    const started = Date.now();
    const now = new Date(started).toISOString();
    // Write-ahead, as for any SMS (core/attempt.ts): the attempt is on record, in flight, before it can be paid for;
    // if this window goes away first, it is marked interrupted.
    const id = newRecordId(started);
    this.session.inFlight.add(id, mode, store);
    let ahead: HistoryRecord;
    try {
      ahead = await store.add({
        id,
        kind: 'otp',
        to: number.msisdn,
        from,
        ...(config.storeMessageText ? { message } : {}),
        encoding: info.encoding,
        segments: info.segments,
        ...inFlightFields(started, client.timeoutMs),
        sentAt: now,
        updatedAt: now,
        sandbox,
        origin: 'vscode',
      });
    } catch (error) {
      this.session.inFlight.remove(id);
      throw error;
    }
    this.lastRecipient = number.msisdn;
    const outcome: SendOutcome = await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: sandbox ? vscode.l10n.t('Sending a code to {0} (sandbox)…', shown) : vscode.l10n.t('Sending a code to {0}…', shown),
      },
      () => client.generateOtp({ to: number.msisdn, from, message, length, lifetime }),
    );
    this.log.info(`OTP to ${number.msisdn} (${length} digits, ${lifetime} s, ${info.segments} segment(s), ${mode}): ${outcome.status}: ${outcome.description}`);
    const record = await this.settle(store, ahead, outcome, sandbox ? this.sandboxCode(number.msisdn, started) : undefined);
    if (record.deliveryStatus === 'pending') {
      void this.session.track(record, mode).catch((e) => this.log.warn(`Delivery tracking: ${describeError(e)}`));
    }
    if (outcome.status !== 'failed') this.hooks.afterSend();
    this.notify(record, shown);
    return record;
  }

  /** The code and SMS the sandbox drew for this request (not an older one), when it drew one. */
  private sandboxCode(to: string, since: number): { code: string; messageId: string } | undefined {
    const entry = this.sandbox.currentOtp(to);
    return entry && entry.createdAt >= since ? entry : undefined;
  }

  /** Completes the write-ahead record from the outcome; the outcome stands even if that write fails. */
  private async settle(
    store: HistoryStore,
    ahead: HistoryRecord,
    outcome: SendOutcome,
    drawn: { code: string; messageId: string } | undefined,
  ): Promise<HistoryRecord> {
    // The live answer has no message id; the sandbox's SMS has one, so it is followed to delivery like any other.
    const messageId = outcome.messageId ?? drawn?.messageId;
    this.session.inFlight.remove(ahead.id);
    const patch: Partial<HistoryRecord> = {
      sendStatus: outcome.status,
      description: outcome.description,
      updatedAt: new Date().toISOString(),
      inFlight: undefined,
      inFlightUntil: undefined,
      interrupted: undefined,
      ...(messageId && outcome.status !== 'rejected' && outcome.status !== 'failed' ? { messageId } : {}),
      ...(drawn ? { otp: drawn.code } : {}),
      ...(outcome.status === 'sent' && messageId ? { deliveryStatus: 'pending' as const } : {}),
    };
    try {
      // Once marked interrupted (the window was closing), only a gateway answer tells more.
      return (await store.update(ahead.id, patch, (current) => mayComplete(current, outcome))) ?? store.get(ahead.id) ?? { ...ahead, ...patch };
    } catch (error) {
      this.log.error(`Could not record the outcome of the code sent to ${ahead.to}: ${describeError(error)}`);
      return { ...ahead, ...patch };
    }
  }

  /** Shown, never awaited, so scripts resolve at once. In the sandbox the code is in the notification. */
  private notify(record: HistoryRecord, shown: string): void {
    const reveal = vscode.l10n.t('Show in History');
    const copy = vscode.l10n.t('Copy Code');
    const onChoice = (choice: string | undefined) => {
      if (choice === reveal) void this.hooks.revealRecord(record.id);
      if (choice === copy && record.otp) void vscode.env.clipboard.writeText(record.otp);
    };
    switch (record.sendStatus) {
      case 'sent':
        if (record.otp) {
          void showInformation(vscode.l10n.t('Code sent to {0} (sandbox). The code is {1}.', shown, record.otp), copy, reveal)
            .then(onChoice);
        } else {
          void showInformation(vscode.l10n.t('Code sent to {0}.', shown), reveal).then(onChoice);
        }
        break;
      case 'rejected':
        void showError(
            vscode.l10n.t('Code to {0}: rejected by Keccel. {1}', shown, asSentence(record.description || vscode.l10n.t('No reason given.'))),
            reveal,
          )
          .then(onChoice);
        break;
      case 'unknown':
        void showWarning(
            vscode.l10n.t(
              'Code to {0}: outcome unknown. {1} It may have been sent: check the history and your balance before sending another.',
              shown,
              outcomeCause(record.description),
            ),
            reveal,
          )
          .then(onChoice);
        break;
      case 'failed':
        void showError(vscode.l10n.t('Code to {0}: not sent. {1} Nothing was charged.', shown, outcomeCause(record.description)), reveal)
          .then(onChoice);
        break;
    }
  }
}
