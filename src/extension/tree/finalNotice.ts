// The one notification for a message that reached a final delivery state, shown by the poller's onFinal (when
// `keccel.delivery.notifyOnFinal` is on) and by *Check Delivery Now* (when it is off), so both say it alike.
// Shown, never awaited.
import * as vscode from 'vscode';
import type { HistoryRecord } from '../../core/types';
import { showInformation, showWarning } from '../platform/notify';
import { recipientText } from '../wording/strings';

/**
 * `reveal` adds a *Show in History* button (left out where the user is already looking at the row). A message of
 * an account other than `activeAccount` is named by its account, so nobody takes it for one of the active account.
 */
export function notifyFinal(record: HistoryRecord, reveal?: (id: string) => Promise<void>, activeAccount?: string): void {
  const to = recipientText(record);
  const sentence =
    record.deliveryStatus === 'delivered'
      ? vscode.l10n.t('SMS to {0} delivered.', to)
      : record.deliveryStatus === 'failed'
        ? vscode.l10n.t('SMS to {0} could not be delivered.', to)
        : vscode.l10n.t('No delivery report came for the SMS to {0}; no longer checking.', to);
  const text = record.account !== undefined && activeAccount !== undefined && record.account !== activeAccount ? `${record.account}: ${sentence}` : sentence;
  const show = vscode.l10n.t('Show in History');
  const actions = reveal ? [show] : [];
  const shown =
    record.deliveryStatus === 'delivered'
      ? showInformation(text, ...actions)
      : showWarning(text, ...actions);
  void shown.then((choice) => {
    if (choice === show) void reveal?.(record.id);
  });
}
