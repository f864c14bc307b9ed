// `keccel.diagnoseConnection` ({baseUrl?}): runs the diagnosis of core/diagnose/ with progress, against the active
// account's base URL by default (the sandbox's while it runs, else this window's account's), shows the report and
// resolves to the answer. The token goes only to that base URL; a different `baseUrl` argument is checked without
// it. The core is loaded on first use, never at activation.
import * as vscode from 'vscode';
import { IMPLICIT_ACCOUNT_ID, parseAccounts, sameName } from '../../core/accounts';
import type { StepId } from '../../core/diagnose';
import { sameBaseUrl } from '../../core/diagnose/sameBaseUrl';
import { proxyInputs, readConfig, workspaceBaseUrls } from '../settings/config';
import type { ExtensionLog } from '../platform/log';
import type { Mode, Session } from '../session/session';
import type { DiagnosisPanel } from './panel';
import { reportView, toAnswer, type DiagnosisAnswer } from './report';
import { stepLabel } from './wording';

export const DIAGNOSE_COMMAND = 'keccel.diagnoseConnection';

export class ConnectionDiagnosis {
  private running: { key: string; answer: Promise<DiagnosisAnswer | undefined> } | undefined;
  /** What the last run was asked (Run Again asks the same). */
  lastArgument: unknown;

  constructor(
    private readonly session: Session,
    private readonly panel: DiagnosisPanel,
    private readonly log: ExtensionLog,
    private readonly extensionVersion: string,
  ) {}

  /** A second run for the same base URL while one runs gets the same answer (a double click runs once). */
  run(arg?: unknown): Promise<DiagnosisAnswer | undefined> {
    const requested = typeof arg === 'object' && arg !== null && typeof (arg as { baseUrl?: unknown }).baseUrl === 'string'
      ? (arg as { baseUrl: string }).baseUrl.trim()
      : undefined;
    this.lastArgument = requested ? { baseUrl: requested } : undefined;
    const key = requested ?? '';
    if (this.running?.key === key) return this.running.answer;
    const answer = this.diagnose(requested).finally(() => {
      if (this.running?.answer === answer) this.running = undefined;
    });
    this.running = { key, answer };
    return answer;
  }

  private async diagnose(requested: string | undefined): Promise<DiagnosisAnswer | undefined> {
    const active = await this.session.activeEndpoint();
    const baseUrl = requested || active.baseUrl;
    const { diagnoseConnection } = await import('../../core/diagnose');
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Diagnosing the connection to Keccel') },
      (progress) =>
        diagnoseConnection({
          account: { baseUrl: active.baseUrl, token: active.token },
          baseUrl,
          ...this.origin(baseUrl, active),
          from: readConfig().sender,
          proxy: proxyInputs(),
          timeoutMs: readConfig().requestTimeoutSeconds * 1000,
          onStep: (id: StepId) => progress.report({ message: stepLabel(id) }),
        }),
    );
    const answer = toAnswer(result, shown(baseUrl));
    for (const step of answer.steps) {
      const line = `Diagnose ${step.id}: ${step.ok ? (step.warning ? 'warning' : 'ok') : 'FAILED'} (${step.ms} ms) ${step.detail}`;
      if (step.ok) this.log.info(line);
      else this.log.warn(line);
    }
    this.panel.show(reportView(answer, new Date(), this.extensionVersion));
    return answer;
  }

  /**
   * Where the base URL came from (`source`, for the url step) and where the user changes it (`setting`, named by the
   * advice that asks to check the address): the command's argument, the sandbox, an account's own `baseUrl` in
   * keccel.accounts, or keccel.apiBaseUrl (the implicit account's).
   */
  private origin(baseUrl: string, active: { mode: Mode; baseUrl: string }): { source: string; setting: string } {
    if (!sameBaseUrl(baseUrl, active.baseUrl)) {
      const argument = vscode.l10n.t('the command\'s argument');
      return { source: argument, setting: argument };
    }
    if (active.mode === 'sandbox') {
      const sandbox = vscode.l10n.t('the sandbox running in this window');
      return { source: sandbox, setting: sandbox };
    }
    const account = this.session.accountOf(active.mode);
    if (account && !account.implicit) {
      const entry = parseAccounts(vscode.workspace.getConfiguration('keccel').inspect<unknown>('accounts')?.globalValue).entries.find((e) => sameName(e.name, account.name));
      const setting = vscode.l10n.t('the "baseUrl" of the account "{0}" in keccel.accounts (your user settings)', account.name);
      if (entry?.baseUrl !== undefined) return { source: setting, setting };
      if (account.id !== IMPLICIT_ACCOUNT_ID) {
        // An account without a base URL of its own uses the live gateway: a "baseUrl" in its entry changes it.
        return { source: vscode.l10n.t('the default of the account "{0}" (the live Keccel gateway)', account.name), setting };
      }
    }
    const setting = vscode.l10n.t('keccel.apiBaseUrl in your user settings');
    const user = vscode.workspace.getConfiguration('keccel').inspect<string>('apiBaseUrl')?.globalValue;
    const chosen = typeof user === 'string' && user.trim() ? setting : vscode.l10n.t('the default (the live Keccel gateway)');
    const ignored = workspaceBaseUrls();
    if (ignored.length === 0) return { source: chosen, setting };
    return {
      source: vscode.l10n.t('{0}; the value in {1} is ignored: only user settings choose where the token goes', chosen, ignored.map((i) => i.where).join(', ')),
      setting,
    };
  }
}

/** Scheme, host and path of a base URL (never a query), or the text as given when it does not parse. */
function shown(baseUrl: string): string {
  try {
    const url = new URL(baseUrl);
    return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`;
  } catch {
    return baseUrl;
  }
}
