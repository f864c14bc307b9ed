// "Keccel: Send OTP…" and "Keccel: Validate OTP…" from the palette, built from the palette's input steps
// (platform/multiStepInput.ts), the send flow's recipient step (send/sendFlow.ts) and what both paid flows share
// (send/paidSendSteps.ts). Send: recipient, message template (with %OTP%, a French default), code length, lifetime, then a
// confirmation when `confirmBeforeSend` is on. Validate: recipient (the last one a code went to is offered), code.
// A script that names the recipient is asked nothing else but the confirmation (docs/architecture.md: an argument
// object answers the prompts; `message`, `length` and `lifetime` then take their defaults).
import * as vscode from 'vscode';
import { DEFAULT_OTP_LENGTH, DEFAULT_OTP_LIFETIME_SECONDS, analyzeOtpMessage, checkGenerateOtp } from '../../core/otp';
import type { SendTarget } from '../../core/send/target';
import type { HistoryRecord } from '../../core/types';
import { prompt, type StepResult } from '../platform/multiStepInput';
import { askRecipient } from '../send/sendFlow';
import type { SendService } from '../send/sendService';
import type { Session } from '../session/session';
import { offerSetup } from '../token/setupPrompt';
import { segmentsLabel } from '../wording/strings';
import { confirmPick, confirmedTarget, kept, namesAccount, recipientLabel, startPaidSend, walkSteps } from '../send/paidSendSteps';
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
  const needsToken = vscode.l10n.t('Sending a code needs a Keccel API token, or the sandbox to try it without an account.');
  const start = await startPaidSend(session, sender, arg?.from, needsToken);
  if (!start) return undefined;
  const { from, account } = start;
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
  if (start.confirm) steps.push('confirm');

  // The target the confirmation step showed: the code goes there or nowhere (the pipeline checks it).
  let target: SendTarget | undefined;
  const done = await walkSteps(steps, async (step, i, back) => {
    const title = namesAccount(session, account)
      ? vscode.l10n.t('Send OTP from "{0}" ({1}/{2})', account.name, i + 1, steps.length)
      : vscode.l10n.t('Send OTP ({0}/{1})', i + 1, steps.length);
    if (step === 'to') return kept(await askRecipient(title, to, back), (value) => (to = value));
    if (step === 'message') return kept(await askTemplate(otp, title, message, length, back), (value) => (message = value));
    if (step === 'length') return kept(await askNumber(otp, title, String(length), back, 'length'), (value) => (length = whole(value)));
    if (step === 'lifetime') return kept(await askNumber(otp, title, String(lifetime), back, 'lifetime'), (value) => (lifetime = whole(value)));
    const confirmed = await confirmedTarget(session, needsToken);
    if (!confirmed) return undefined;
    target = confirmed.target;
    const info = analyzeOtpMessage(message, Number.isInteger(length) ? length : undefined);
    return confirmPick(
      {
        title,
        question: vscode.l10n.t('Send this code?'),
        sendLabel: vscode.l10n.t('Send a {0}-digit code to {1}', length, recipientLabel(to)),
        description: `${info.encoding} · ${segmentsLabel(info.segments)}`,
        detail: vscode.l10n.t('Valid {0} s · from {1} · {2}', lifetime, from, confirmed.label),
      },
      back,
    );
  });
  if (!done) return undefined;
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
  const done = await walkSteps(steps, async (step, i, back) => {
    const title = vscode.l10n.t('Validate OTP ({0}/{1})', i + 1, steps.length);
    return step === 'to'
      ? kept(await askRecipient(title, to, back), (value) => (to = value))
      : kept(await askCode(title, code, back), (value) => (code = value));
  });
  if (!done) return undefined;
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
