// The per-message actions of the Messages view's context menu. Each accepts what VS Code passes (the tree node)
// and, for scripts, a record, `{id}`, `{recordId}` (a tree-row snapshot) or the id itself.
import * as vscode from 'vscode';
import { formatNumber } from '../../core/numbers';
import type { HistoryRecord } from '../../core/types';
import { readConfig } from '../settings/config';
import type { DetailsPanels } from '../details/panel';
import { notifyFinal } from './finalNotice';
import { describeError, type ExtensionLog } from '../platform/log';
import { confirmSendAgain } from '../send/confirmSendAgain';
import type { SendService } from '../send/sendService';
import type { Session } from '../session/session';
import { recordStateLabel, segmentsLabel, shortDateTime, pendingDeletionWarning } from '../wording/strings';
import { showError, showInformation, showWarning } from '../platform/notify';

function idOf(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg;
  if (!arg || typeof arg !== 'object') return undefined;
  const o = arg as { record?: { id?: unknown }; id?: unknown; recordId?: unknown };
  const id = o.record?.id ?? o.recordId ?? o.id;
  return typeof id === 'string' ? id : undefined;
}

/** Whether the caller told us not to ask (`{confirm: false}`), for scripts. */
function skipConfirm(arg: unknown): boolean {
  return !!arg && typeof arg === 'object' && (arg as { confirm?: unknown }).confirm === false;
}

export class MessageCommands {
  constructor(
    private readonly session: Session,
    private readonly sender: SendService,
    private readonly log: ExtensionLog,
    private readonly details: DetailsPanels,
    /** The rows selected in the Messages view (the Delete key passes no argument). */
    private readonly selection: () => readonly unknown[] = () => [],
  ) {}

  /** The current version of the record an argument designates, or undefined (and a message) if gone. */
  private async resolve(arg: unknown): Promise<HistoryRecord | undefined> {
    const id = idOf(arg);
    const record = id ? (await this.session.store()).get(id) : undefined;
    if (!record) void showError(vscode.l10n.t('This message is no longer in the history.'));
    return record;
  }

  async checkDelivery(arg: unknown): Promise<HistoryRecord | undefined> {
    const record = await this.resolve(arg);
    if (!record) return undefined;
    if (record.deliveryStatus !== 'pending') {
      void showInformation(vscode.l10n.t('This message is not waiting for a delivery report ({0}).', recordStateLabel(record)));
      return record;
    }
    try {
      const summary = await this.session.checkNow([record.id]);
      // The check ran but got no answer (gateway unreachable...): say so, not "still waiting".
      if (summary.failed.length > 0) throw new Error(summary.failed[0].error);
    } catch (error) {
      this.log.warn(`Delivery check failed: ${describeError(error)}`);
      void showError(vscode.l10n.t('Could not check delivery: {0}', describeError(error)));
      return (await this.session.store()).get(record.id);
    }
    const current = (await this.session.store()).get(record.id);
    // Say what the check found: a row that does not change would otherwise look like nothing happened.
    const to = formatNumber(record.to);
    if (!current || current.deliveryStatus === 'pending') {
      void vscode.window.setStatusBarMessage(vscode.l10n.t('$(clock) SMS to {0}: still waiting for a delivery report.', to), 5000);
    } else if (!readConfig().notifyOnFinal) {
      // With the setting on, the poller's final-state notification already says it: one notification, not two.
      notifyFinal(current);
    }
    return current;
  }

  async resend(arg: unknown): Promise<HistoryRecord | undefined> {
    const record = await this.resolve(arg);
    if (!record) return undefined;
    if (record.kind === 'otp') {
      // Its text is a template with %OTP%: sent as an SMS it would read "%OTP%". A new code is a new OTP send.
      void showError(vscode.l10n.t('A one-time code is not sent again as it was: use "Keccel: Send OTP…" for a new code.'));
      return undefined;
    }
    if (record.message === undefined) {
      void showError(vscode.l10n.t('The text of this message was not stored, so it cannot be sent again.'));
      return undefined;
    }
    // Taken before the dialogs: the message goes where it went when the user agreed, or nowhere.
    const target = await this.session.target();
    if (!skipConfirm(arg)) {
      // The first attempt's fate is unknown: it may be on the phone already, and paid for. Not sending is the default.
      if (record.sendStatus === 'unknown') {
        if (!(await confirmSendAgain(record))) return undefined;
      } else {
        const send = vscode.l10n.t('Send Again');
        const choice = await showWarning(
          vscode.l10n.t('Send this message again to {0}?', formatNumber(record.to)),
          { modal: true, detail: vscode.l10n.t('This is a new SMS ({0}), charged again. From {1}.', segmentsLabel(record.segments), record.from) },
          send,
        );
        if (choice !== send) return undefined;
      }
    }
    return this.sender.send({ to: record.to, from: record.from, message: record.message }, { target });
  }

  async copyId(arg: unknown): Promise<string | undefined> {
    const record = await this.resolve(arg);
    if (!record) return undefined;
    if (!record.messageId) {
      void showInformation(vscode.l10n.t('The gateway gave no message ID for this message.'));
      return undefined;
    }
    await vscode.env.clipboard.writeText(record.messageId);
    void vscode.window.setStatusBarMessage(vscode.l10n.t('Message ID {0} copied.', record.messageId), 3000);
    return record.messageId;
  }

  /**
   * Deletes one record, or every selected row: from the context menu VS Code passes the clicked row and the whole
   * selection, the Delete key passes nothing (the view's selection is used), a script passes `{id}` or a list.
   * Asks first in one modal dialog for them all (a deletion cannot be undone); `{confirm: false}` skips it.
   */
  async delete(arg: unknown, selected?: unknown): Promise<boolean> {
    const targets = Array.isArray(selected) && selected.length > 0 ? selected : Array.isArray(arg) ? arg : arg === undefined ? [...this.selection()] : [arg];
    const ids = [...new Set(targets.map(idOf).filter((id): id is string => id !== undefined))];
    if (ids.length === 0) return false;
    const store = await this.session.store();
    const records = ids.map((id) => store.get(id)).filter((r): r is HistoryRecord => r !== undefined);
    if (records.length === 0) return false;
    if (!skipConfirm(arg)) {
      const remove = vscode.l10n.t('Delete');
      const pending = records.filter((r) => r.deliveryStatus === 'pending').length;
      const detail = [vscode.l10n.t('This cannot be undone. The SMS itself is not affected.')];
      if (pending > 0) {
        detail.unshift(pendingDeletionWarning(pending));
      }
      const question =
        records.length === 1
          ? vscode.l10n.t('Delete the SMS to {0} ({1}) from the history?', formatNumber(records[0].to), shortDateTime(records[0].sentAt))
          : // Two or more: plural in every language we ship.
            vscode.l10n.t('Delete these {0} messages from the history?', records.length);
      const choice = await showWarning(question, { modal: true, detail: detail.join('\n\n') }, remove);
      if (choice !== remove) return false;
    }
    let deleted = 0;
    for (const record of records) if (await store.delete(record.id)) deleted++;
    if (deleted > 0) this.log.info(`Deleted ${deleted} message(s) from the history.`);
    return deleted > 0;
  }

  /** Opens the record's details page (a click on a row does this). */
  async showDetails(arg: unknown): Promise<void> {
    const record = await this.resolve(arg);
    if (record) await this.details.show(record);
  }
}
