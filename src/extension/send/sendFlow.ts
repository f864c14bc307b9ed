// "Keccel: Send SMS…" from the palette: recipient (validated as you type, carrier shown), message (encoding and
// segments in the prompt, characters forcing UCS-2 named), then a confirmation when `confirmBeforeSend` is on.
// Every step after the first has a Back button. An argument object answers steps in advance; the confirmation
// stays unless the setting is off (README, "Commands": arguments answer the prompts, never the confirmation).
import * as vscode from 'vscode';
import { formatNumber, normalizeNumber } from '../../core/numbers';
import { analyzeMessage, rewriteToGsm7 } from '../../core/segments';
import { messageStepView } from './paletteText';
import type { SendTarget } from '../../core/send/target';
import type { HistoryRecord } from '../../core/types';
import type { SendService, SmsRequest } from './sendService';
import type { Session } from '../session/session';
import { numberError, segmentsLabel } from '../wording/strings';
import { prompt, type StepResult } from '../platform/multiStepInput';
import { confirmPick, confirmedTarget, kept, namesAccount, recipientLabel, startPaidSend, walkSteps } from './paidSendSteps';

export async function runSendFlow(
  service: SendService,
  session: Session,
  arg?: Partial<SmsRequest>,
): Promise<HistoryRecord | undefined> {
  const needsToken = vscode.l10n.t('Sending an SMS needs a Keccel API token, or the sandbox to try it without an account.');
  const start = await startPaidSend(session, service, arg?.from, needsToken);
  if (!start) return undefined;
  const { from, account } = start;
  const askTo = typeof arg?.to !== 'string' || arg.to.trim() === '';
  const askMessage = typeof arg?.message !== 'string' || arg.message === '';
  let to = askTo ? '' : arg!.to!;
  let message = askMessage ? '' : arg!.message!;
  const steps: ('to' | 'message' | 'confirm')[] = [];
  if (askTo) steps.push('to');
  if (askMessage) steps.push('message');
  if (start.confirm) steps.push('confirm');

  // The target the confirmation step showed: the send goes there or nowhere (the pipeline checks it).
  let target: SendTarget | undefined;
  const done = await walkSteps(steps, async (step, i, canGoBack) => {
    const title = namesAccount(session, account)
      ? vscode.l10n.t('Send SMS from "{0}" ({1}/{2})', account.name, i + 1, steps.length)
      : vscode.l10n.t('Send SMS ({0}/{1})', i + 1, steps.length);
    if (step === 'to') return kept(await askRecipient(title, to, canGoBack), (value) => (to = value));
    if (step === 'message') return kept(await askText(title, message, canGoBack, to), (value) => (message = value));
    const confirmed = await confirmedTarget(session, needsToken);
    if (!confirmed) return undefined;
    target = confirmed.target;
    const info = analyzeMessage(message);
    return confirmPick(
      {
        title,
        question: vscode.l10n.t('Send this SMS?'),
        sendLabel: vscode.l10n.t('Send to {0}', recipientLabel(to)),
        description: `${info.encoding} · ${segmentsLabel(info.segments)}`,
        detail: vscode.l10n.t('From {0} · {1}', from, confirmed.label),
      },
      canGoBack,
    );
  });
  if (!done) return undefined;
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
