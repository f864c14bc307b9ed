// How a delivery-report push ended, in the user's words, for notifications and tooltips.
import * as vscode from 'vscode';
import type { CallbackPush } from '../../core/types';

/** A push's failure in the user's words (English words are translated; an error code is shown as it is). */
export function pushErrorText(push: CallbackPush): string {
  switch (push.error) {
    case 'refused':
      return vscode.l10n.t('connection refused');
    case 'timeout':
      return vscode.l10n.t('no answer in time');
    case 'non-2xx':
      return vscode.l10n.t('HTTP {0}', push.httpStatus ?? 0);
    default:
      return push.error ?? vscode.l10n.t('HTTP {0}', push.httpStatus ?? 0);
  }
}
