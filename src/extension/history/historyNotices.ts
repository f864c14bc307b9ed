// What the user is told about a history file (the session's history part reports, this words it): a file found
// unreadable and set aside, or damaged lines moved to a side file. Plain text: the only inserted text is ours.
import * as vscode from 'vscode';
import type { HistoryNotices } from '../../core/session/histories';
import { showWarning } from '../platform/notify';
import { showHistoryDamage } from './damageNotice';

export const historyNotices: HistoryNotices = {
  corrupted: (error) =>
    void showWarning(
      vscode.l10n.t('The Keccel history file was unreadable ({0}). It was kept as {1} and a new history was started.', error.reason, error.setAsidePath),
    ),
  damaged: (damage) => showHistoryDamage(damage),
};
