// The production guard's question, asked before every send or OTP from a production account (core/accounts/
// guard.ts decides when). VS Code makes the first non-close button of a modal dialog its default (Enter) and adds
// a close button (Escape) of its own, so "Don't Send" is a button of ours placed first: Enter gives "Don't Send",
// Escape gives Cancel, and only a click on "Send" (or Tab to it) sends. Same design as the send-again question.
import * as vscode from 'vscode';
import { showWarning } from '../platform/notify';

interface Item extends vscode.MessageItem {
  sends: boolean;
}

export interface ProductionSendSummary {
  account: string;
  /** What is sent, e.g. "SMS to +243 81 234 5678" or "one-time code to …". */
  what: string;
  /** Sender, encoding and segments. */
  detail: string;
}

/** True only when the user chose "Send". */
export async function confirmProductionSend(summary: ProductionSendSummary): Promise<boolean> {
  const items: Item[] = [
    { title: vscode.l10n.t("Don't Send"), sends: false },
    { title: vscode.l10n.t('Send'), sends: true },
    { title: vscode.l10n.t('Cancel'), isCloseAffordance: true, sends: false },
  ];
  const choice = await showWarning(
    vscode.l10n.t('Send from the production account "{0}"?', summary.account),
    {
      modal: true,
      detail: [
        `${summary.what}. ${summary.detail}`,
        vscode.l10n.t('This is a paid SMS to a real person, from "{0}".', summary.account),
      ].join('\n\n'),
    },
    ...items,
  );
  return choice?.sends === true;
}
