// The sandbox's settings (`keccel.sandbox.*`), names and defaults, as config.ts beside it does for the rest.
// package.json declares the same keys and defaults for the Settings UI.
import * as vscode from 'vscode';
import type { ChaosSettings } from '../../simulator/chaos';
import { num } from './config';

export const SANDBOX_SECTION = 'keccel.sandbox';

export const SandboxSetting = {
  port: 'port',
  callbackUrl: 'callbackUrl',
  autoDeliver: 'autoDeliver',
  deliveryDelaySeconds: 'deliveryDelaySeconds',
  rejectSendsPercent: 'failure.rejectSendsPercent',
  failDeliveriesPercent: 'failure.failDeliveriesPercent',
  resetPercent: 'failure.resetPercent',
  html500Percent: 'failure.html500Percent',
  delayMs: 'failure.delayMs',
} as const;

export const DEFAULT_SANDBOX_PORT = 8787;

export interface SandboxConfig {
  /** 0: any free port. */
  port: number;
  /** '' when unset. */
  callbackUrl: string;
  /** Off: each message stays pending until Mark as Delivered / Failed. */
  autoDeliver: boolean;
  deliveryDelaySeconds: number;
  chaos: ChaosSettings;
}

export function readSandboxConfig(): SandboxConfig {
  const c = vscode.workspace.getConfiguration(SANDBOX_SECTION);
  return {
    port: Math.floor(num(c, SandboxSetting.port, DEFAULT_SANDBOX_PORT, 0, 65535)),
    callbackUrl: (c.get<string>(SandboxSetting.callbackUrl) ?? '').trim(),
    autoDeliver: c.get<boolean>(SandboxSetting.autoDeliver) ?? true,
    deliveryDelaySeconds: num(c, SandboxSetting.deliveryDelaySeconds, 3, 0, 86_400),
    chaos: {
      rejectSendsPercent: num(c, SandboxSetting.rejectSendsPercent, 0, 0, 100),
      failDeliveriesPercent: num(c, SandboxSetting.failDeliveriesPercent, 0, 0, 100),
      resetPercent: num(c, SandboxSetting.resetPercent, 0, 0, 100),
      html500Percent: num(c, SandboxSetting.html500Percent, 0, 0, 100),
      delayMs: num(c, SandboxSetting.delayMs, 0, 0, 120_000),
    },
  };
}

/** True when a configuration change touches one of the sandbox's settings. */
export function affectsSandbox(event: vscode.ConfigurationChangeEvent): boolean {
  return event.affectsConfiguration(SANDBOX_SECTION);
}

/** A callback URL the sandbox can push to (http or https), or undefined with the reason logged by the caller. */
export function usableCallbackUrl(url: string): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.toString() : undefined;
  } catch {
    return undefined;
  }
}

/**
 * What is wrong with a callback URL typed for `keccel.sandbox.callbackUrl`, in words, or undefined when it is usable
 * (or empty: no callback). The input box and the command's argument are checked the same way.
 */
export function callbackUrlProblem(text: string): string | undefined {
  const url = text.trim();
  if (url === '') return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return vscode.l10n.t('Not a URL: write it whole, e.g. http://127.0.0.1:8000/keccel/report');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return vscode.l10n.t('The sandbox pushes reports over http or https only, not {0}', parsed.protocol.replace(/:$/, ''));
  }
  return undefined;
}
