// "Keccel: Send OTP…" and "Keccel: Validate OTP…" from the palette, built from the palette's input steps
// (platform/multiStepInput.ts) and the send flow's recipient step (send/sendFlow.ts). Send: recipient, message template (with %OTP%, a French default), code length, lifetime, then a
// confirmation when `confirmBeforeSend` is on. Validate: recipient (the last one a code went to is offered), code.
// A script that names the recipient is asked nothing else but the confirmation (docs/architecture.md: an argument
// object answers the prompts; `message`, `length` and `lifetime` then take their defaults).
import * as vscode from 'vscode';
import { labelText } from '../../core/plainText';
import { formatNumber, normalizeNumber } from '../../core/numbers';
import { DEFAULT_OTP_LENGTH, DEFAULT_OTP_LIFETIME_SECONDS, analyzeOtpMessage, checkGenerateOtp } from '../../core/otp';
import type { SendTarget } from '../../core/send/target';
import type { HistoryRecord } from '../../core/types';
import { readConfig } from '../settings/config';
import { BACK, prompt, settleOnce, type StepResult } from '../platform/multiStepInput';
import { askRecipient } from '../send/sendFlow';
import type { SendService } from '../send/sendService';
import type { Session } from '../session/session';
import { offerSetup } from '../token/setupPrompt';
import { segmentsLabel, destinationLabel } from '../wording/strings';
import { confirmationFor } from '../../core/accounts';
import { DEFAULT_OTP_TEMPLATE, type OtpCheckRequest, type OtpCheckResult, type OtpSendRequest, type OtpService } from './otpService';

type SendStep = 'to' | 'message' | 'length' | 'lifetime' | 'confirm';

/** Whole numbers typed in a box, or NaN (which every check refuses). */
function whole(text: string): number {
  return /^\s*\d+\s*$/.test(text) ? Number(text) : NaN;
}

/** An optional numeric argument: undefined when absent, NaN when not a number (the service then says why). */
function numberArg(value: unknown): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  return typeof value === 'number' ? value : whole(String(value));
}

export async function runSendOtpFlow(
  otp: OtpService,
  sender: SendService,
  session: Session,
  arg?: Partial<OtpSendRequest>,
): Promise<HistoryRecord | undefined> {
  if (!(await session.hasCredentials())) {
    offerSetup(vscode.l10n.t('Sending a code needs a Keccel API token, or the sandbox to try it without an account.'));
    return undefined;
  }
  const config = readConfig();
  const from = (typeof arg?.from === 'string' && arg.from.trim()) || session.defaultSender();
  if (!sender.acceptSender(from)) return undefined;
  // A production account's question is the OTP service's own, asked for every code (core/accounts/guard.ts).
  const account = session.isSandbox ? undefined : session.account;
  const interactive = typeof arg?.to !== 'string' || arg.to.trim() === '';
  let to = interactive ? '' : arg!.to!;
  let message = typeof arg?.message === 'string' && arg.message !== '' ? arg.message : DEFAULT_OTP_TEMPLATE;
  let length = numberArg(arg?.length) ?? DEFAULT_OTP_LENGTH;
  let lifetime = numberArg(arg?.lifetime) ?? DEFAULT_OTP_LIFETIME_SECONDS;
  const steps: SendStep[] = [];
  if (interactive) {
    steps.push('to');
    if (arg?.message === undefined) steps.push('message');
    if (arg?.length === undefined) steps.push('length');
    if (arg?.lifetime === undefined) steps.push('lifetime');
  }
  if (confirmationFor(account, config) === 'ask') steps.push('confirm');

  // The target the confirmation step showed: the code goes there or nowhere (the pipeline checks it).
  let target: SendTarget | undefined;
  for (let i = 0; i < steps.length; ) {
    const step = steps[i];
    const title = account && (account.production || session.severalAccounts)
      ? vscode.l10n.t('Send OTP from "{0}" ({1}/{2})', account.name, i + 1, steps.length)
      : vscode.l10n.t('Send OTP ({0}/{1})', i + 1, steps.length);
    const back = i > 0;
    let result: StepResult<string | true>;
    if (step === 'to') result = await askRecipient(title, to, back);
    else if (step === 'message') result = await askTemplate(otp, title, message, length, back);
    else if (step === 'length') result = await askNumber(otp, title, String(length), back, 'length');
    else if (step === 'lifetime') result = await askNumber(otp, title, String(lifetime), back, 'lifetime');
    else {
      target = await session.target();
      if (!target) {
        offerSetup(vscode.l10n.t('Sending a code needs a Keccel API token, or the sandbox to try it without an account.'));
        return undefined;
      }
      result = await confirmOtp(title, { to, from, message, length, lifetime }, destinationLabel(session, target.sandbox ? 'sandbox' : 'live'), back);
    }
    if (result === undefined) return undefined;
    if (result === BACK) {
      i--;
      continue;
    }
    if (step === 'to') to = result as string;
    else if (step === 'message') message = result as string;
    else if (step === 'length') length = whole(result as string);
    else if (step === 'lifetime') lifetime = whole(result as string);
    i++;
  }
  return otp.send({ to, message, length, lifetime, from }, { target });
}

export async function runValidateOtpFlow(otp: OtpService, session: Session, arg?: Partial<OtpCheckRequest>): Promise<OtpCheckResult | undefined> {
  if (!(await session.hasCredentials())) {
    offerSetup(vscode.l10n.t('Checking a code needs a Keccel API token, or the sandbox to try it without an account.'));
    return undefined;
  }
  const askTo = typeof arg?.to !== 'string' || arg.to.trim() === '';
  const codeMissing = typeof arg?.otp !== 'string' || arg.otp.trim() === '';
  let to = askTo ? (otp.lastRecipient ?? '') : arg!.to!;
  let code = codeMissing ? '' : arg!.otp!;
  const steps = [...(askTo ? ['to' as const] : []), ...(codeMissing ? ['otp' as const] : [])];
  for (let i = 0; i < steps.length; ) {
    const title = vscode.l10n.t('Validate OTP ({0}/{1})', i + 1, steps.length);
    const result = steps[i] === 'to' ? await askRecipient(title, to, i > 0) : await askCode(title, code, i > 0);
    if (result === undefined) return undefined;
    if (result === BACK) {
      i--;
      continue;
    }
    if (steps[i] === 'to') to = result;
    else code = result;
    i++;
  }
  return otp.validate({ to, otp: code, from: arg?.from });
}

function askTemplate(otp: OtpService, title: string, value: string, length: number, back: boolean): Promise<StepResult<string>> {
  return prompt(title, value, back, (box) => {
    box.placeholder = DEFAULT_OTP_TEMPLATE;
    const validate = (text: string): boolean => {
      const info = analyzeOtpMessage(text, Number.isInteger(length) ? length : undefined);
      box.prompt = vscode.l10n.t('Message: %OTP% stands for the code · {0} · {1}', info.encoding, segmentsLabel(info.segments));
      const problem = otp.problemText(checkGenerateOtp({ message: text }));
      box.validationMessage = problem && text !== '' ? { message: problem, severity: vscode.InputBoxValidationSeverity.Error } : undefined;
      return problem === undefined;
    };
    return validate;
  });
}

function askNumber(otp: OtpService, title: string, value: string, back: boolean, which: 'length' | 'lifetime'): Promise<StepResult<string>> {
  return prompt(title, value, back, (box) => {
    box.prompt =
      which === 'length'
        ? vscode.l10n.t('Number of digits of the code (4 to 8)')
        : vscode.l10n.t('How long the code stays valid, in seconds (at least 60; 300 is 5 minutes)');
    const validate = (text: string): boolean => {
      const n = whole(text);
      const problem = otp.problemText(
        checkGenerateOtp(which === 'length' ? { message: '%OTP%', length: n } : { message: '%OTP%', lifetime: n }),
      );
      box.validationMessage = problem && text !== '' ? { message: problem, severity: vscode.InputBoxValidationSeverity.Error } : undefined;
      return problem === undefined;
    };
    return validate;
  });
}

function askCode(title: string, value: string, back: boolean): Promise<StepResult<string>> {
  return prompt(title, value, back, (box) => {
    box.prompt = vscode.l10n.t('The code the recipient received');
    box.placeholder = '123456';
    return (text: string) => text.trim() !== '';
  });
}

function confirmOtp(
  title: string,
  request: Required<OtpSendRequest>,
  target: string,
  back: boolean,
): Promise<StepResult<true>> {
  const number = normalizeNumber(request.to);
  const recipient = number.ok ? `${formatNumber(number.msisdn)} (${number.carrier})` : request.to;
  const info = analyzeOtpMessage(request.message, Number.isInteger(request.length) ? request.length : undefined);
  return new Promise((resolve) => {
    const pick = vscode.window.createQuickPick<vscode.QuickPickItem & { send: boolean }>();
    pick.title = title;
    pick.ignoreFocusOut = true;
    pick.placeholder = vscode.l10n.t('Send this code?');
    if (back) pick.buttons = [vscode.QuickInputButtons.Back];
    pick.items = [
      {
        send: true,
        label: `$(send) ${vscode.l10n.t('Send a {0}-digit code to {1}', request.length, recipient)}`,
        description: `${info.encoding} · ${segmentsLabel(info.segments)}`,
        // The account's name is drawn as text, never as an icon.
        detail: labelText(vscode.l10n.t('Valid {0} s · from {1} · {2}', request.lifetime, request.from, target)),
      },
      { send: false, label: `$(close) ${vscode.l10n.t('Cancel')}` },
    ];
    const finish = settleOnce(resolve, pick);
    pick.onDidAccept(() => finish(pick.selectedItems[0]?.send ? true : undefined));
    pick.onDidTriggerButton(() => finish(BACK));
    pick.onDidHide(() => finish(undefined));
    pick.show();
  });
}
