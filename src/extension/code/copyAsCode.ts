// `keccel.message.copyAsCode`: the snippet that makes a history record's requests from the user's own app (the
// send, or an OTP's code request; its delivery check, or the check of a code; the balance), copied to the
// clipboard. `variant: 'check'` leaves the send out. From the tree, a details page or the palette it asks for the
// language and the variant (and, from the palette, for the message), then offers to open the snippet in an untitled
// editor; given `language` it asks nothing and resolves to the text (README, "Commands").
// The snippet is generated from the record only: it never sees the token, it reads KECCEL_TOKEN at run time, and
// KECCEL_BASE_URL with the record's gateway as fallback (the sandbox's for a sandbox record).
import * as vscode from 'vscode';
import { formatNumber } from '../../core/numbers';
import { defaultParts, generateSnippet, isSnippetLanguage, SNIPPET_LANGUAGES, SNIPPET_VARIANTS } from '../../core/snippets';
import type { SnippetLanguage, SnippetVariant } from '../../core/snippets';
import type { HistoryRecord } from '../../core/types';
import type { ExtensionLog } from '../platform/log';
import type { Mode, Session } from '../session/session';
import { DEFAULT_SANDBOX_PORT, readSandboxConfig } from '../settings/sandboxSettings';
import { recordStateLabel, shortDateTime } from '../wording/strings';
import { choiceOf, languageChoices } from './languages';
import { showError, showInformation } from '../platform/notify';

/** How many recent messages the palette offers. */
const RECENT = 50;

interface CopyArgument {
  id?: string;
  messageId?: string;
  language?: unknown;
  variant?: unknown;
}

const isVariant = (value: unknown): value is SnippetVariant => (SNIPPET_VARIANTS as readonly unknown[]).includes(value);

/** What VS Code or a script passed: the tree item (`{record}`), a record, `{id}`, `{recordId}`, `{messageId}`. */
function parseArgument(arg: unknown): CopyArgument | undefined {
  if (typeof arg === 'string') return { id: arg };
  if (!arg || typeof arg !== 'object') return undefined;
  const o = arg as { record?: { id?: unknown }; id?: unknown; recordId?: unknown; messageId?: unknown; language?: unknown; variant?: unknown };
  const id = o.record?.id ?? o.recordId ?? o.id;
  return {
    id: typeof id === 'string' ? id : undefined,
    messageId: typeof o.messageId === 'string' ? o.messageId : undefined,
    language: o.language,
    variant: o.variant,
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
    if (parsed?.variant !== undefined && !isVariant(parsed.variant)) {
      void showError(vscode.l10n.t('Copy as Code: unknown variant "{0}" (use {1}).', String(parsed.variant), SNIPPET_VARIANTS.join(', ')));
      return undefined;
    }
    const record = parsed && (parsed.id || parsed.messageId) ? await this.find(parsed) : await this.pickRecord();
    if (!record) return undefined;
    const language = isSnippetLanguage(parsed?.language) ? parsed.language : await this.pickLanguage();
    if (!language) return undefined;
    // A script that names the language and no variant gets the send, as before; a person is asked.
    const variant = isVariant(parsed?.variant) ? parsed.variant : parsed?.language !== undefined ? 'send' : await this.pickVariant(record);
    if (!variant) return undefined;
    const input = {
      kind: record.kind === 'otp' ? ('otp' as const) : ('sms' as const),
      // The sandbox draws the code, so its length is known there; the live gateway never says it (6 is the default).
      ...(record.otp ? { otpLength: record.otp.length } : {}),
      to: record.to,
      from: record.from,
      message: record.message,
      messageId: record.messageId,
      sandbox: record.sandbox,
      baseUrl: this.baseUrlOf(record),
    };
    const text = generateSnippet(language, input, defaultParts(input, variant));
    try {
      await vscode.env.clipboard.writeText(text);
    } catch (error) {
      // A browser-hosted VS Code may refuse the clipboard (an unfocused page): the text is still returned, and opened below.
      this.log.warn(`The clipboard refused the snippet: ${error instanceof Error ? error.message : String(error)}`);
    }
    this.log.info(`Copied the ${language} ${variant} snippet of message ${record.id}.`);
    const label = choiceOf(language).label;
    if (parsed?.language !== undefined) {
      // Asked by a script: nothing to click, the text is the result.
      void vscode.window.setStatusBarMessage(vscode.l10n.t('{0} snippet copied.', label), 3000);
    } else {
      void this.offerEditor(language, text);
    }
    return text;
  }

  /**
   * The gateway the record was sent through, for the snippet's fallback: the sandbox's (running, or at its fixed
   * port) for a sandbox record, else its account's (find() looks in the active account's history, so that account's
   * base URL; keccel.apiBaseUrl is only the implicit account's). A snippet copied from a sandbox message must never
   * reach a real phone because KECCEL_BASE_URL was unset, nor one of a test account reach a client's live gateway.
   */
  private baseUrlOf(record: HistoryRecord): string {
    if (!record.sandbox) return this.session.account.baseUrl;
    const running = this.session.sandboxUrl;
    if (running) return running;
    const port = readSandboxConfig().port || DEFAULT_SANDBOX_PORT;
    return `http://127.0.0.1:${port}/sms/v2`;
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
      placeHolder: vscode.l10n.t('Which message should the snippet be made from?'),
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

  /** Send again (costs credit) or check only; the send first, as the command did before it asked. */
  private async pickVariant(record: HistoryRecord): Promise<SnippetVariant | undefined> {
    type Item = vscode.QuickPickItem & { variant: SnippetVariant };
    const otp = record.kind === 'otp';
    const items: Item[] = [
      {
        variant: 'send',
        label: otp ? vscode.l10n.t('Send a Code Again') : vscode.l10n.t('Send the SMS Again'),
        description: vscode.l10n.t('costs credit each time the snippet runs'),
        detail: otp
          ? vscode.l10n.t('generate.asp with this template; run with the code received to check it, then the balance')
          : vscode.l10n.t('message.asp with this text, then the delivery check and the balance'),
      },
      {
        variant: 'check',
        label: vscode.l10n.t('Check Only'),
        description: vscode.l10n.t('sends nothing'),
        detail: otp ? vscode.l10n.t('validate.asp for a code given as argument, and the balance') : vscode.l10n.t('the delivery status of this message and the balance'),
      },
    ];
    const choice = await vscode.window.showQuickPick(items, {
      title: vscode.l10n.t('Copy as Code'),
      placeHolder: vscode.l10n.t('Should the snippet send again, or only check?'),
    });
    return choice?.variant;
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
