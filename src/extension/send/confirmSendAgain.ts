// Asks, in a modal dialog whose default is not to send, whether to send again after an unknown outcome
// (sendAgain.ts says why the buttons are what they are).
import * as vscode from 'vscode';
import { formatNumber } from '../../core/numbers';
import type { HistoryRecord } from '../../core/types';
import { segmentsLabel } from '../wording/strings';
import { sendAgainDetail, sendAgainItems } from './sendAgain';
import { showWarning } from '../platform/notify';

/** True only when the user chose "Send Again". */
export async function confirmSendAgain(record: HistoryRecord): Promise<boolean> {
  const choice = await showWarning(
    vscode.l10n.t('Send this message again to {0}?', formatNumber(record.to)),
    { modal: true, detail: sendAgainDetail(vscode.l10n, record, segmentsLabel(record.segments)) },
    ...sendAgainItems(vscode.l10n),
  );
  return choice?.sends === true;
}
