// The names and defaults of the `keccel.*` settings (README, "Settings"), except the sandbox's `keccel.sandbox.*`
// ones, which sandboxSettings.ts beside this file holds. Everything else reads a typed snapshot through
// `readConfig()` (or `readSandboxConfig()`), so a renamed key or a changed default is a change in this folder and
// in package.json, which declares the same keys and defaults for the Settings UI.
import * as vscode from 'vscode';
import { LIVE_BASE_URL } from '../../core/baseUrl';
import type { KeccelClientOptions } from '../../core/client';
import { proxyFor, type ProxyInputs } from '../../core/proxyRule';

export const SECTION = 'keccel';

/** Setting keys relative to the `keccel.` section. */
export const Setting = {
  apiBaseUrl: 'apiBaseUrl',
  sender: 'sender',
  confirmBeforeSend: 'confirmBeforeSend',
  confirmProductionSends: 'confirmProductionSends',
  requestTimeoutSeconds: 'requestTimeoutSeconds',
  pollIntervalSeconds: 'delivery.pollIntervalSeconds',
  giveUpAfterHours: 'delivery.giveUpAfterHours',
  notifyOnFinal: 'delivery.notifyOnFinal',
  balanceRefreshMinutes: 'balance.refreshIntervalMinutes',
  lowCreditThreshold: 'balance.lowCreditThreshold',
  expiryWarningDays: 'balance.expiryWarningDays',
  maxMessages: 'history.maxMessages',
  storeMessageText: 'history.storeMessageText',
} as const;

export interface KeccelConfig {
  apiBaseUrl: string;
  sender: string;
  confirmBeforeSend: boolean;
  /** Off: a production account's sends follow confirmBeforeSend like any other (accounts/productionConfirm.ts). */
  confirmProductionSends: boolean;
  requestTimeoutSeconds: number;
  pollIntervalSeconds: number;
  giveUpAfterHours: number;
  notifyOnFinal: boolean;
  balanceRefreshMinutes: number;
  lowCreditThreshold: number;
  expiryWarningDays: number;
  maxMessages: number;
  storeMessageText: boolean;
}

/** The defaults the README's Settings table gives; package.json declares the same values for the Settings UI. */
export const DEFAULTS: KeccelConfig = {
  apiBaseUrl: LIVE_BASE_URL,
  sender: 'GUEST',
  confirmBeforeSend: true,
  confirmProductionSends: true,
  requestTimeoutSeconds: 20,
  pollIntervalSeconds: 15,
  giveUpAfterHours: 48,
  notifyOnFinal: false,
  balanceRefreshMinutes: 15,
  lowCreditThreshold: 50,
  expiryWarningDays: 7,
  maxMessages: 10000,
  storeMessageText: true,
};

/** A number setting, clamped to the bounds package.json declares (a hand-edited settings.json can hold anything). */
export function num(config: vscode.WorkspaceConfiguration, key: string, fallback: number, min: number, max: number): number {
  const value = config.get<number>(key);
  if (typeof value !== 'number' || !Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, value));
}

/**
 * `keccel.apiBaseUrl` from the user's own settings only. The setting is application-scoped (package.json), so
 * VS Code already leaves a workspace's value out; reading `globalValue` instead of `get()` makes sure that a
 * `.vscode/settings.json` of a cloned repository can never send the token elsewhere, whatever VS Code does.
 */
function userBaseUrl(c: vscode.WorkspaceConfiguration): string {
  const user = c.inspect<string>(Setting.apiBaseUrl)?.globalValue;
  const value = typeof user === 'string' ? user.trim() : '';
  return (value || DEFAULTS.apiBaseUrl).replace(/\/+$/, '');
}

export function readConfig(): KeccelConfig {
  const c = vscode.workspace.getConfiguration(SECTION);
  const sender = (c.get<string>(Setting.sender) ?? '').trim();
  return {
    apiBaseUrl: userBaseUrl(c),
    sender: sender || DEFAULTS.sender,
    confirmBeforeSend: c.get<boolean>(Setting.confirmBeforeSend) ?? DEFAULTS.confirmBeforeSend,
    confirmProductionSends: c.get<boolean>(Setting.confirmProductionSends) ?? DEFAULTS.confirmProductionSends,
    requestTimeoutSeconds: num(c, Setting.requestTimeoutSeconds, DEFAULTS.requestTimeoutSeconds, 1, 120),
    pollIntervalSeconds: num(c, Setting.pollIntervalSeconds, DEFAULTS.pollIntervalSeconds, 2, 3600),
    giveUpAfterHours: num(c, Setting.giveUpAfterHours, DEFAULTS.giveUpAfterHours, 1, 720),
    notifyOnFinal: c.get<boolean>(Setting.notifyOnFinal) ?? DEFAULTS.notifyOnFinal,
    balanceRefreshMinutes: num(c, Setting.balanceRefreshMinutes, DEFAULTS.balanceRefreshMinutes, 1, 1440),
    lowCreditThreshold: num(c, Setting.lowCreditThreshold, DEFAULTS.lowCreditThreshold, 0, Number.MAX_SAFE_INTEGER),
    expiryWarningDays: num(c, Setting.expiryWarningDays, DEFAULTS.expiryWarningDays, 0, 365),
    maxMessages: Math.floor(num(c, Setting.maxMessages, DEFAULTS.maxMessages, 10, 1_000_000)),
    storeMessageText: c.get<boolean>(Setting.storeMessageText) ?? DEFAULTS.storeMessageText,
  };
}

/**
 * The `keccel.apiBaseUrl` values a workspace or one of its folders holds (ignored: see userBaseUrl), with where
 * each one comes from, for the notice that says so.
 */
export function workspaceBaseUrls(): { where: string; value: string }[] {
  const found: { where: string; value: string }[] = [];
  const add = (where: string, value: unknown) => {
    if (typeof value === 'string' && !found.some((f) => f.where === where)) found.push({ where, value });
  };
  const whole = vscode.workspace.getConfiguration(SECTION).inspect<string>(Setting.apiBaseUrl);
  add(vscode.workspace.workspaceFile?.fsPath ?? 'workspace', whole?.workspaceValue);
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    const inspected = vscode.workspace.getConfiguration(SECTION, folder.uri).inspect<string>(Setting.apiBaseUrl);
    add(folder.uri.fsPath, inspected?.workspaceFolderValue);
  }
  return found;
}

/** True when a configuration change touches one of the given settings. */
export function affects(event: vscode.ConfigurationChangeEvent, ...keys: (typeof Setting)[keyof typeof Setting][]): boolean {
  return keys.some((key) => event.affectsConfiguration(`${SECTION}.${key}`));
}

/** What the proxy rule (core/proxyRule.ts) reads: VS Code's `http.proxy`, then the environment. */
export function proxyInputs(): ProxyInputs {
  return { setting: vscode.workspace.getConfiguration('http').get<string>('proxy'), env: process.env };
}

/**
 * What every client the extension builds (the session's, the token check's) takes from the settings of the
 * moment. The proxy follows core/proxyRule.ts (never for a loopback gateway: the sandbox, a local simulator).
 */
export function clientOptions(baseUrl: string, token: string, live: boolean, baseUrlSetting?: string): KeccelClientOptions {
  return {
    baseUrl,
    token,
    ...(baseUrlSetting ? { baseUrlSetting } : {}),
    timeoutMs: readConfig().requestTimeoutSeconds * 1000,
    proxyUrl: live ? proxyFor(baseUrl, proxyInputs())?.url : undefined,
  };
}
