// What the palette's two paid flows (Send SMS, Send OTP) share around their own prompts: the checks before the first
// step, the account the titles name, the Back/Escape walk through the steps, and the confirmation quick pick whose
// target is the one the send then goes to (the pipeline refuses any other). One place, so the two cannot drift.
import * as vscode from 'vscode';
import { confirmationFor } from '../../core/accounts';
import type { Account } from '../../core/accounts';
import { formatNumber, normalizeNumber } from '../../core/numbers';
import { labelText } from '../../core/plainText';
import type { SendTarget } from '../../core/send/target';
import { BACK, settleOnce, type StepResult } from '../platform/multiStepInput';
import type { Session } from '../session/session';
import { readConfig } from '../settings/config';
import { offerSetup } from '../token/setupPrompt';
import { destinationLabel } from '../wording/strings';

export interface PaidSendStart {
  /** The sender the request goes out with: the argument's, else the account's (or the sandbox's) default. */
  from: string;
  /** The live account the titles and the confirmation name; undefined in the sandbox. */
  account: Account | undefined;
  /** Whether the palette's own confirmation step runs (a production account's question is the pipeline's own). */
  confirm: boolean;
}

/**
 * Before the first step, not after the confirmation: nobody should type a message that cannot be sent. Undefined
 * (after saying why) when there is no token and no sandbox, or the sender is refused.
 */
export async function startPaidSend(
  session: Session,
  senders: { acceptSender(from: string): boolean },
  argFrom: unknown,
  needsToken: string,
): Promise<PaidSendStart | undefined> {
  if (!(await session.hasCredentials())) {
    offerSetup(needsToken);
    return undefined;
  }
  const from = (typeof argFrom === 'string' && argFrom.trim()) || session.defaultSender();
  if (!senders.acceptSender(from)) return undefined;
  const account = session.isSandbox ? undefined : session.account;
  return { from, account, confirm: confirmationFor(account, readConfig()) === 'ask' };
}

/** Whether the step titles name the account: always for production, and whenever there are several. */
export function namesAccount(session: Session, account: Account | undefined): account is Account {
  return account !== undefined && (account.production || session.severalAccounts);
}

/**
 * Runs the steps in order: a step's answer moves on, Back returns to the previous step, Escape (undefined) ends the
 * walk. `run` asks one step and keeps its answer; resolves true once the last step is answered.
 */
export async function walkSteps<S>(
  steps: readonly S[],
  run: (step: S, index: number, canGoBack: boolean) => Promise<StepResult<unknown>>,
): Promise<boolean> {
  for (let i = 0; i < steps.length; ) {
    const result = await run(steps[i], i, i > 0);
    if (result === undefined) return false;
    if (result === BACK) i--;
    else i++;
  }
  return true;
}

/** Hands a step's answer to `keep` when it is one (not Back, not Escape), and passes the result on to the walk. */
export function kept<T>(result: StepResult<T>, keep: (value: T) => void): StepResult<T> {
  if (result !== undefined && result !== BACK) keep(result);
  return result;
}

/** The target the confirmation shows and the send must then go to; undefined (after saying why) when none. */
export async function confirmedTarget(session: Session, needsToken: string): Promise<{ target: SendTarget; label: string } | undefined> {
  const target = await session.target();
  if (!target) {
    offerSetup(needsToken);
    return undefined;
  }
  return { target, label: destinationLabel(session, target.sandbox ? 'sandbox' : 'live') };
}

/** "+243 81 234 5678 (Vodacom)" for a valid number, the text as typed otherwise. */
export function recipientLabel(to: string): string {
  const number = normalizeNumber(to);
  return number.ok ? `${formatNumber(number.msisdn)} (${number.carrier})` : to;
}

export interface ConfirmationText {
  title: string;
  question: string;
  sendLabel: string;
  description: string;
  detail: string;
}

/** The palette's confirmation: the send item first (Enter sends, as asked), Cancel second, Back when there was a step. */
export function confirmPick(text: ConfirmationText, canGoBack: boolean): Promise<StepResult<true>> {
  return new Promise((resolve) => {
    const pick = vscode.window.createQuickPick<vscode.QuickPickItem & { send: boolean }>();
    pick.title = text.title;
    pick.ignoreFocusOut = true;
    pick.placeholder = text.question;
    if (canGoBack) pick.buttons = [vscode.QuickInputButtons.Back];
    pick.items = [
      // The detail names the account: drawn as text, never as an icon.
      { send: true, label: `$(send) ${text.sendLabel}`, description: text.description, detail: labelText(text.detail) },
      { send: false, label: `$(close) ${vscode.l10n.t('Cancel')}` },
    ];
    const finish = settleOnce(resolve, pick);
    pick.onDidAccept(() => finish(pick.selectedItems[0]?.send ? true : undefined));
    pick.onDidTriggerButton(() => finish(BACK));
    pick.onDidHide(() => finish(undefined));
    pick.show();
  });
}
