// Tells the user that damaged lines of a history file were moved out, and where they are kept. The store has
// written the log line; this is the notification (plain text: the only inserted text is our own file path).
import * as vscode from 'vscode';
import type { HistoryDamage } from '../../core/history/errors';
import { pluralText } from '../wording/strings';
import { showWarning } from '../platform/notify';

export function showHistoryDamage(damage: HistoryDamage): void {
  const n = damage.count;
  void showWarning(
    pluralText(
      n,
      vscode.l10n.t('{0} line of the Keccel history was damaged; it was moved to {1}. The other messages are kept.', n, damage.sideFile),
      vscode.l10n.t('{0} lines of the Keccel history were damaged; they were moved to {1}. The other messages are kept.', n, damage.sideFile),
    ),
  );
}
