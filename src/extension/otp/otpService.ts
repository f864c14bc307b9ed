// Sending and checking one-time codes through Keccel's OTP endpoints, for the palette flows and scripts. A send
// is a paid SMS like any other and goes through the same send pipeline (src/core/send/: write-ahead, one request,
// completion with its story, tracking); this file keeps the OTP side the user sees: the checks of the template,
// length and lifetime, and the notifications. In the sandbox the record also gets the code the simulator drew,
// read in-process: the developer types it into the app under test. The live gateway never tells the code.
import * as vscode from 'vscode';
import { formatNumber, normalizeNumber } from '../../core/numbers';
import {
  DEFAULT_OTP_LENGTH, DEFAULT_OTP_LIFETIME_SECONDS, MAX_OTP_LENGTH, MIN_OTP_LENGTH, MIN_OTP_LIFETIME_SECONDS, OTP_PLACEHOLDER,
  analyzeOtpMessage, checkGenerateOtp, type OtpProblem,
} from '../../core/otp';
import { otpRequest, type DrawnCodes } from '../../core/send/paidRequest';
import type { SendPipeline } from '../../core/send/pipeline';
import type { SendTarget } from '../../core/send/target';
import type { HistoryRecord } from '../../core/types';
import { readConfig } from '../settings/config';
import { describeError, type ExtensionLog } from '../platform/log';
import type { Session } from '../session/session';
import { settled, type SendService, type SendServiceHooks } from '../send/sendService';
import { offerSetup } from '../token/setupPrompt';
import { asSentence, numberError, outcomeCause, segmentsLabel } from '../wording/strings';
import { showError, showInformation, showWarning } from '../platform/notify';
import { confirmationFor } from '../../core/accounts';
import { confirmProductionSend } from '../accounts/productionConfirm';

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

export interface OtpSendOptions {
  /** Where the user agreed to send (the flow's confirmation step); the current target when absent. */
  target?: SendTarget;
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
export type OtpSource = DrawnCodes;

export class OtpService {
  /** The last number a code was sent to, so "Validate OTP…" can offer it. */
  lastRecipient: string | undefined;

  constructor(
    private readonly session: Session,
    private readonly pipeline: SendPipeline,
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
  async send(request: OtpSendRequest, options: OtpSendOptions = {}): Promise<HistoryRecord | undefined> {
    try {
      return await this.doSend(request, options);
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

  private async doSend(request: OtpSendRequest, options: OtpSendOptions): Promise<HistoryRecord | undefined> {
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
    const from = (typeof request.from === 'string' ? request.from.trim() : '') || this.session.defaultSender();
    if (!this.sender.acceptSender(from)) return undefined;
    const target = options.target ?? (await this.session.target());
    if (!target) {
      offerSetup(vscode.l10n.t('No Keccel API token is set: nothing was sent.'), 'error');
      return undefined;
    }
    const shown = formatNumber(number.msisdn);
    // Only the sandbox draws codes this window can read.
    // A production account always asks, as for an SMS (send/sendService.ts).
    const account = target.sandbox ? undefined : this.session.accountOf(target.profileId);
    if (account && confirmationFor(account, readConfig()) === 'production') {
      const info = analyzeOtpMessage(message, length);
      const sends = await confirmProductionSend({
        account: account.name,
        what: vscode.l10n.t('A {0}-digit code to {1}', length, shown),
        detail: vscode.l10n.t('From {0} · {1} · {2}', from, info.encoding, segmentsLabel(info.segments)),
      });
      if (!sends) {
        this.log.info(`One-time code from the production account ${account.name} not confirmed: nothing was sent.`);
        return undefined;
      }
    }
    const paid = otpRequest({ to: number.msisdn, from, message, length, lifetime }, target.sandbox ? this.sandbox : undefined);
    const result = await this.pipeline.send(paid, target, {
      onRecorded: () => (this.lastRecipient = number.msisdn),
      during: (work) =>
        vscode.window.withProgress(
          {
            location: vscode.ProgressLocation.Notification,
            title: target.sandbox ? vscode.l10n.t('Sending a code to {0} (sandbox)…', shown) : vscode.l10n.t('Sending a code to {0}…', shown),
          },
          work,
        ),
    });
    const record = settled(result);
    if (record) this.notify(record, shown);
    return record;
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
