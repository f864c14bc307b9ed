// `keccel.message.copyAsCode`: the snippet that makes a history record's requests from the user's own app (send,
// its delivery check when it has a message ID, the balance), copied to the clipboard. From the tree, a details
// page or the palette it asks for the language (and, from the palette, for the message), then offers to open the
// snippet in an untitled editor; given `language` it asks nothing and resolves to the text (product.md).
// The snippet is generated from the record only: it never sees the token, it reads KECCEL_TOKEN at run time.
import * as vscode from 'vscode';
import { formatNumber } from '../../core/numbers';
import { generateSnippet, isSnippetLanguage, SNIPPET_LANGUAGES } from '../../core/snippets';
import type { SnippetLanguage } from '../../core/snippets';
import type { HistoryRecord } from '../../core/types';
import type { ExtensionLog } from '../platform/log';
import type { Mode, Session } from '../session/session';
import { recordStateLabel, shortDateTime } from '../wording/strings';
import { choiceOf, languageChoices } from './languages';
import { showError, showInformation } from '../platform/notify';

/** How many recent messages the palette offers. */
const RECENT = 50;

interface CopyArgument {
  id?: string;
  messageId?: string;
  language?: unknown;
}

/** What VS Code or a script passed: the tree item (`{record}`), a record, `{id}`, `{recordId}`, `{messageId}`. */
function parseArgument(arg: unknown): CopyArgument | undefined {
  if (typeof arg === 'string') return { id: arg };
  if (!arg || typeof arg !== 'object') return undefined;
  const o = arg as { record?: { id?: unknown }; id?: unknown; recordId?: unknown; messageId?: unknown; language?: unknown };
  const id = o.record?.id ?? o.recordId ?? o.id;
  return {
    id: typeof id === 'string' ? id : undefined,
    messageId: typeof o.messageId === 'string' ? o.messageId : undefined,
    language: o.language,
  };
}

/** A quick pick shows `$(name)` as an icon: a message's own text must read as typed. */
function plainText(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/\$\(/g, '\\$(');
}

export class CopyAsCode {
  constructor(
    private readonly session: Session,
    private readonly log: ExtensionLog,
  ) {}

  async run(arg: unknown): Promise<string | undefined> {
    const parsed = parseArgument(arg);
    if (parsed?.language !== undefined && !isSnippetLanguage(parsed.language)) {
      void showError(
        vscode.l10n.t('Copy as Code: unknown language "{0}" (use {1}).', String(parsed.language), SNIPPET_LANGUAGES.join(', ')),
      );
      return undefined;
    }
    const record = parsed && (parsed.id || parsed.messageId) ? await this.find(parsed) : await this.pickRecord();
    if (!record) return undefined;
    if (record.kind === 'otp') {
      // The generators write message.asp requests: an OTP record's text is a template, sent that way it would read "%OTP%".
      void showError(vscode.l10n.t('Copy as Code does not write one-time-code requests yet: the README section "OTP endpoints" shows them.'));
      return undefined;
    }
    const language = isSnippetLanguage(parsed?.language) ? parsed.language : await this.pickLanguage();
    if (!language) return undefined;
    const text = generateSnippet(language, {
      to: record.to,
      from: record.from,
      message: record.message,
      messageId: record.messageId,
      sandbox: record.sandbox,
    });
    try {
      await vscode.env.clipboard.writeText(text);
    } catch (error) {
      // A browser-hosted VS Code may refuse the clipboard (an unfocused page): the text is still returned, and opened below.
      this.log.warn(`The clipboard refused the snippet: ${error instanceof Error ? error.message : String(error)}`);
    }
    this.log.info(`Copied the ${language} snippet of message ${record.id}.`);
    const label = choiceOf(language).label;
    if (parsed?.language !== undefined) {
      // Asked by a script: nothing to click, the text is the result.
      void vscode.window.setStatusBarMessage(vscode.l10n.t('{0} snippet copied.', label), 3000);
    } else {
      void this.offerEditor(language, text);
    }
    return text;
  }

  /** The record an argument names, in the current mode's history first, then the other's (a details page may be older). */
  private async find(arg: CopyArgument): Promise<HistoryRecord | undefined> {
    const modes: Mode[] = this.session.isSandbox ? ['sandbox', this.session.liveMode] : [this.session.liveMode, 'sandbox'];
    for (const mode of modes) {
      const store = await this.session.store(mode);
      const record = arg.id ? store.get(arg.id) : store.all().find((r) => r.messageId === arg.messageId);
      if (record) return record;
    }
    void showError(vscode.l10n.t('This message is no longer in the history.'));
    return undefined;
  }

  private async pickRecord(): Promise<HistoryRecord | undefined> {
    const recent = (await this.session.store()).page(0, RECENT);
    if (recent.length === 0) {
      void showInformation(vscode.l10n.t('There is no message in the history yet: send one, then copy it as code.'));
      return undefined;
    }
    type Item = vscode.QuickPickItem & { record: HistoryRecord };
    const items: Item[] = recent.map((record) => ({
      label: formatNumber(record.to),
      description: `${recordStateLabel(record)} · ${shortDateTime(record.sentAt)}`,
      detail: record.message === undefined ? vscode.l10n.t('(text not stored)') : plainText(record.message),
      record,
    }));
    const choice = await vscode.window.showQuickPick(items, {
      title: vscode.l10n.t('Copy as Code'),
      placeHolder: vscode.l10n.t('Which message should the snippet send again?'),
      matchOnDescription: true,
      matchOnDetail: true,
    });
    return choice?.record;
  }

  private async pickLanguage(): Promise<SnippetLanguage | undefined> {
    const choice = await vscode.window.showQuickPick(languageChoices(), {
      title: vscode.l10n.t('Copy as Code'),
      placeHolder: vscode.l10n.t('In which language? It reads the token from KECCEL_TOKEN.'),
    });
    return choice?.language;
  }

  /** Not awaited by the command: it resolves once the snippet is copied, whatever the user does with this. */
  private async offerEditor(language: SnippetLanguage, text: string): Promise<void> {
    const open = vscode.l10n.t('Open in Editor');
    const choice = await showInformation(
      vscode.l10n.t('{0} snippet copied. It reads your token from the KECCEL_TOKEN environment variable.', choiceOf(language).label),
      open,
    );
    if (choice !== open) return;
    const document = await vscode.workspace.openTextDocument({ language: choiceOf(language).languageId, content: text });
    await vscode.window.showTextDocument(document);
  }
}
