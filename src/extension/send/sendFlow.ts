// "Keccel: Send SMS…" from the palette: recipient (validated as you type, carrier shown), message (encoding and
// segments in the prompt, characters forcing UCS-2 named), then a confirmation when `confirmBeforeSend` is on.
// Every step after the first has a Back button. An argument object answers steps in advance; the confirmation
// stays unless the setting is off (README, "Commands": arguments answer the prompts, never the confirmation).
import * as vscode from 'vscode';
import { labelText } from '../../core/plainText';
import { formatNumber, normalizeNumber } from '../../core/numbers';
import { analyzeMessage, rewriteToGsm7 } from '../../core/segments';
import { messageStepView } from './paletteText';
import type { SendTarget } from '../../core/send/target';
import type { HistoryRecord } from '../../core/types';
import { readConfig } from '../settings/config';
import type { SendService, SmsRequest } from './sendService';
import type { Session } from '../session/session';
import { offerSetup } from '../token/setupPrompt';
import { numberError, segmentsLabel, destinationLabel } from '../wording/strings';
import { confirmationFor } from '../../core/accounts';
import { BACK, prompt, settleOnce, type StepResult } from '../platform/multiStepInput';

export async function runSendFlow(
  service: SendService,
  session: Session,
  arg?: Partial<SmsRequest>,
): Promise<HistoryRecord | undefined> {
  // Before the first step, not after the confirmation: nobody should type a message that cannot be sent.
  if (!(await session.hasCredentials())) {
    offerSetup(vscode.l10n.t('Sending an SMS needs a Keccel API token, or the sandbox to try it without an account.'));
    return undefined;
  }
  const config = readConfig();
  const from = (typeof arg?.from === 'string' && arg.from.trim()) || session.defaultSender();
  if (!service.acceptSender(from)) return undefined;
  const askTo = typeof arg?.to !== 'string' || arg.to.trim() === '';
  const askMessage = typeof arg?.message !== 'string' || arg.message === '';
  // The account the steps name; a production account's question is the send service's own (asked for every send).
  const account = session.isSandbox ? undefined : session.account;
  const guard = confirmationFor(account, config);
  const confirm = guard === 'ask';
  const total = Number(askTo) + Number(askMessage) + Number(confirm);

  let to = askTo ? '' : arg!.to!;
  let message = askMessage ? '' : arg!.message!;
  // The steps still to run, in order; Back moves the cursor one step back.
  const steps: ('to' | 'message' | 'confirm')[] = [];
  if (askTo) steps.push('to');
  if (askMessage) steps.push('message');
  if (confirm) steps.push('confirm');

  // The target the confirmation step showed: the send goes there or nowhere (the pipeline checks it).
  let target: SendTarget | undefined;
  let i = 0;
  while (i < steps.length) {
    const step = steps[i];
    const title = account && (account.production || session.severalAccounts)
      ? vscode.l10n.t('Send SMS from "{0}" ({1}/{2})', account.name, i + 1, total)
      : vscode.l10n.t('Send SMS ({0}/{1})', i + 1, total);
    const canGoBack = i > 0;
    let result: StepResult<string | true>;
    if (step === 'to') result = await askRecipient(title, to, canGoBack);
    else if (step === 'message') result = await askText(title, message, canGoBack, to);
    else {
      target = await session.target();
      if (!target) {
        offerSetup(vscode.l10n.t('Sending an SMS needs a Keccel API token, or the sandbox to try it without an account.'));
        return undefined;
      }
      result = await askConfirmation(title, to, from, message, destinationLabel(session, target.sandbox ? 'sandbox' : 'live'), canGoBack);
    }
    if (result === undefined) return undefined;
    if (result === BACK) {
      i--;
      continue;
    }
    if (step === 'to') to = result as string;
    else if (step === 'message') message = result as string;
    i++;
  }
  return service.send({ to, message, from }, { target });
}

export function askRecipient(title: string, value: string, canGoBack: boolean): Promise<StepResult<string>> {
  return prompt(title, value, canGoBack, (box) => {
    box.placeholder = '+243 81 234 5678';
    box.prompt = vscode.l10n.t('Recipient: a DRC mobile number (Vodacom, Orange, Airtel, Africell)');
    const validate = (text: string): boolean => {
      if (text.trim() === '') {
        box.validationMessage = undefined;
        return false;
      }
      const result = normalizeNumber(text);
      if (result.ok) {
        box.validationMessage = {
          message: `${result.carrier} · ${formatNumber(result.msisdn)}`,
          severity: vscode.InputBoxValidationSeverity.Info,
        };
        return true;
      }
      box.validationMessage = { message: numberError(result.code, result.message), severity: vscode.InputBoxValidationSeverity.Error };
      return false;
    };
    return validate;
  });
}

function askText(title: string, value: string, canGoBack: boolean, to: string): Promise<StepResult<string>> {
  const words = { l10n: vscode.l10n, segments: segmentsLabel };
  const rewriteButton = { iconPath: new vscode.ThemeIcon('wand'), tooltip: vscode.l10n.t('Rewrite as GSM-7') };
  const undoButton = { iconPath: new vscode.ThemeIcon('discard'), tooltip: vscode.l10n.t('Undo the GSM-7 rewrite') };
  const composerButton = { iconPath: new vscode.ThemeIcon('edit'), tooltip: vscode.l10n.t('Open in the SMS Composer') };
  return prompt(title, value, canGoBack, (box, finish) => {
    box.placeholder = vscode.l10n.t('Message');
    let beforeRewrite: string | undefined;
    const base = [...box.buttons];
    const validate = (text: string): boolean => {
      const view = messageStepView(text, words);
      box.prompt = view.prompt;
      box.validationMessage = view.warning ? { message: view.warning, severity: vscode.InputBoxValidationSeverity.Warning } : undefined;
      const buttons = [...base];
      if (view.canRewrite) buttons.push(rewriteButton);
      if (beforeRewrite !== undefined) buttons.push(undoButton);
      if (view.warning) buttons.push(composerButton);
      box.buttons = buttons;
      return text.trim() !== '';
    };
    box.onDidTriggerButton((button) => {
      if (button === rewriteButton) {
        // Changes what it can; what has no GSM-7 form stays and is named by the warning. Undo puts it back.
        beforeRewrite = box.value;
        box.value = rewriteToGsm7(box.value.normalize('NFC')).text;
      } else if (button === undoButton && beforeRewrite !== undefined) {
        box.value = beforeRewrite;
        beforeRewrite = undefined;
      } else if (button === composerButton) {
        void vscode.commands.executeCommand('keccel.openComposer', { to, message: box.value });
        finish(undefined);
        return;
      } else return;
      validate(box.value);
    });
    return validate;
  });
}

async function askConfirmation(
  title: string,
  to: string,
  from: string,
  message: string,
  target: string,
  canGoBack: boolean,
): Promise<StepResult<true>> {
  const number = normalizeNumber(to);
  const recipient = number.ok ? `${formatNumber(number.msisdn)} (${number.carrier})` : to;
  const info = analyzeMessage(message);
  return new Promise((resolve) => {
    const pick = vscode.window.createQuickPick<vscode.QuickPickItem & { send: boolean }>();
    pick.title = title;
    pick.ignoreFocusOut = true;
    pick.placeholder = vscode.l10n.t('Send this SMS?');
    if (canGoBack) pick.buttons = [vscode.QuickInputButtons.Back];
    pick.items = [
      {
        send: true,
        label: `$(send) ${vscode.l10n.t('Send to {0}', recipient)}`,
        description: `${info.encoding} · ${segmentsLabel(info.segments)}`,
        // The account's name is drawn as text, never as an icon.
        detail: labelText(vscode.l10n.t('From {0} · {1}', from, target)),
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
