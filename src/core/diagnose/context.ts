// What the steps of a diagnosis hand on to each other, and the shape of one step.
import type { ProxyChoice, ProxyInputs } from '../proxyRule';
import type { Finding, StepId } from './types';

export interface StepOutcome {
  ok: boolean;
  finding: Finding;
  advice?: Finding;
  warning?: boolean;
}

/** The answer of the balance endpoint, as the http step received it. */
export interface BalanceAnswer {
  status: number;
  contentType: string;
  body: string;
  /** The answer's `Date` header, when it had one. */
  date?: string;
  /** This machine's clock when the headers arrived. */
  receivedAt: number;
}

export interface DiagnosisContext {
  baseUrl: string;
  /** Where the base URL came from, worded by the caller ("your user settings", "the sandbox"...). */
  source: string;
  /** Where the user changes the base URL, worded by the caller: the advice that asks to check the address names it. */
  setting: string;
  from: string;
  timeoutMs: number;
  now: () => number;
  proxyInputs: ProxyInputs;
  /** The token to send, only when `baseUrl` is the active account's own. */
  token?: string;
  /** Why no token goes out: none stored, or `baseUrl` is not the active account's (shown as given). */
  tokenWithheld?: { reason: 'none' } | { reason: 'otherBaseUrl'; accountUrl: string };
  // Filled in as the steps run.
  url?: URL;
  proxy?: { choice: ProxyChoice; url: URL };
  /** The addresses the dns step found for the host the tcp step connects to (the proxy's, behind one). */
  addresses?: string[];
  /** The address the tcp step reached. */
  address?: string;
  answer?: BalanceAnswer;
}

export type Step = (ctx: DiagnosisContext) => Promise<StepOutcome> | StepOutcome;

export interface StepDefinition {
  id: StepId;
  run: Step;
}

export const finding = (key: Finding['key'], ...args: (string | number)[]): Finding => ({ key, args });

/** A URL as it may be shown: scheme, host and path; never user info (a proxy's password), query or fragment. */
export function shownUrl(url: URL): string {
  return `${url.protocol}//${url.host}${url.pathname === '/' ? '' : url.pathname}`;
}

/** The host to connect to (the proxy's behind one), without IPv6 brackets, and its port. */
export function connectTarget(ctx: DiagnosisContext): { host: string; port: number; viaProxy: boolean } {
  const url = ctx.proxy?.url ?? ctx.url!;
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const port = Number(url.port) || (url.protocol === 'https:' ? 443 : 80);
  return { host, port, viaProxy: ctx.proxy !== undefined };
}

/** `1.2.3.4:443`, `[::1]:8787`. */
export function hostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}
