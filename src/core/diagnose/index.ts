// "Diagnose Connection": why can't I reach Keccel? Checks, one step after the other, what stands between this
// machine and the gateway (url, dns, tcp, tls, proxy, http, token, clock), each with its time, and stops at the
// first failure with what to try next. Plain Node, no VS Code: the extension words the findings (EN/FR).
//
// The token is sent only to the active account's own base URL; another base URL is checked without it. No
// finding ever holds the token (every text argument is redacted on the way out, whatever a server echoed).
import { proxyFor, type ProxyInputs } from '../proxyRule';
import { redactToken } from '../redact';
import { checkHttp } from './answer';
import { checkClock } from './clock';
import { finding, type DiagnosisContext, type StepDefinition, type StepOutcome } from './context';
import { checkDns } from './dns';
import { checkProxy } from './proxy';
import { checkTcp } from './tcp';
import { checkTls } from './tls';
import { checkToken } from './token';
import type { ActiveAccount, DiagnosisResult, Finding, StepId, StepResult } from './types';
import { checkUrl } from './url';
import { sameBaseUrl } from './sameBaseUrl';

export { sameBaseUrl } from './sameBaseUrl';

export type { ActiveAccount, DiagnosisResult, Finding, FindingKey, StepId, StepResult } from './types';

export interface DiagnoseOptions {
  /** The account the extension uses now (its base URL and token). */
  account: ActiveAccount;
  /** The base URL to check; default the account's. Another one is checked without the token. */
  baseUrl?: string;
  /** Where the base URL came from, already worded for the user (shown by the url step). */
  source: string;
  /**
   * Where the user changes the base URL, already worded (`keccel.apiBaseUrl in your user settings`, an account's
   * entry in `keccel.accounts`): named by each advice that asks to check the address. Default `keccel.apiBaseUrl`.
   */
  setting?: string;
  /** The sender the balance request names (the account's default). */
  from: string;
  /** What the client's proxy rule reads (proxyRule.ts). */
  proxy: ProxyInputs;
  /** Per step, as the client's per-request timeout. */
  timeoutMs: number;
  /** Called as each step starts (progress). */
  onStep?: (id: StepId) => void;
  now?: () => number;
}

const STEPS: Record<StepId, StepDefinition['run']> = {
  url: checkUrl,
  proxy: checkProxy,
  dns: checkDns,
  tcp: checkTcp,
  tls: checkTls,
  http: checkHttp,
  token: checkToken,
  clock: checkClock,
};

const DIRECT: StepId[] = ['url', 'dns', 'tcp', 'tls', 'proxy', 'http', 'token', 'clock'];
/** Behind a proxy, dns and tcp test the proxy: say which one first. */
const PROXIED: StepId[] = ['url', 'proxy', 'dns', 'tcp', 'tls', 'http', 'token', 'clock'];

export async function diagnoseConnection(options: DiagnoseOptions): Promise<DiagnosisResult> {
  const baseUrl = options.baseUrl ?? options.account.baseUrl;
  const own = sameBaseUrl(baseUrl, options.account.baseUrl);
  const ctx: DiagnosisContext = {
    baseUrl,
    source: options.source,
    setting: options.setting ?? 'keccel.apiBaseUrl',
    from: options.from,
    timeoutMs: options.timeoutMs,
    now: options.now ?? Date.now,
    proxyInputs: options.proxy,
    token: own ? options.account.token : undefined,
    tokenWithheld: !own
      ? { reason: 'otherBaseUrl', accountUrl: withoutQuery(options.account.baseUrl) }
      : options.account.token === undefined
        ? { reason: 'none' }
        : undefined,
  };
  const order = proxyFor(baseUrl, options.proxy) ? PROXIED : DIRECT;
  const steps: StepResult[] = [];
  for (const id of order) {
    options.onStep?.(id);
    const started = performance.now();
    let outcome: StepOutcome;
    try {
      outcome = await STEPS[id](ctx);
    } catch (error) {
      outcome = { ok: false, finding: finding('step.error', error instanceof Error ? error.message : String(error)) };
    }
    const step: StepResult = { id, ok: outcome.ok, ms: Math.round(performance.now() - started), finding: redacted(outcome.finding, options.account.token) };
    if (outcome.advice) step.advice = redacted(outcome.advice, options.account.token);
    if (outcome.warning) step.warning = true;
    steps.push(step);
    if (!outcome.ok) break;
  }
  return { ok: steps.every((s) => s.ok), steps };
}

function redacted(found: Finding, token: string | undefined): Finding {
  return { key: found.key, args: found.args.map((arg) => (typeof arg === 'string' ? redactToken(arg, token) : arg)) };
}

function withoutQuery(raw: string): string {
  try {
    const url = new URL(raw);
    return `${url.protocol}//${url.host}${url.pathname}`;
  } catch {
    return raw;
  }
}
