// The shapes of "Diagnose Connection". The core says what it found as message keys with their arguments; the
// extension words each key in the user's language (English or French), so nothing here is prose a user reads.

export type StepId = 'url' | 'proxy' | 'dns' | 'tcp' | 'tls' | 'http' | 'token' | 'clock';

/** A key the extension turns into a sentence, with the values it names (text from the network stays plain text). */
export interface Finding {
  key: FindingKey;
  args: (string | number)[];
}

export type FindingKey =
  | 'url.ok' | 'url.invalid' | 'url.scheme' | 'url.insecure'
  | 'url.invalid.advice' | 'url.scheme.advice' | 'url.insecure.advice'
  | 'proxy.none' | 'proxy.bypassed' | 'proxy.used' | 'proxy.usedWithCredentials' | 'proxy.invalid' | 'proxy.invalid.advice'
  | 'dns.ok' | 'dns.literal' | 'dns.notFound' | 'dns.temporary' | 'dns.failed'
  | 'dns.notFound.advice' | 'dns.temporary.advice' | 'dns.proxy.advice'
  | 'tcp.ok' | 'tcp.refused' | 'tcp.timeout' | 'tcp.failed'
  | 'tcp.refused.advice' | 'tcp.refusedLoopback.advice' | 'tcp.timeout.advice' | 'tcp.proxy.advice'
  | 'tls.none' | 'tls.ok' | 'tls.untrusted' | 'tls.failed' | 'tls.tunnelRefused'
  | 'tls.untrusted.advice' | 'tls.expired.advice' | 'tls.expiresSoon.advice' | 'tls.failed.advice'
  | 'tls.proxyAuth.advice' | 'tls.tunnelRefused.advice'
  | 'http.ok' | 'http.status' | 'http.html' | 'http.notJson' | 'http.failed' | 'http.timeout'
  | 'http.html.advice' | 'http.notJson.advice' | 'http.notFound.advice' | 'http.proxyAuth.advice'
  | 'http.rateLimited.advice' | 'http.serverError.advice' | 'http.status.advice' | 'http.failed.advice'
  | 'token.accepted' | 'token.notSent' | 'token.none' | 'token.rejected' | 'token.unclear'
  | 'token.none.advice' | 'token.rejected.advice' | 'token.unclear.advice'
  | 'clock.ok' | 'clock.noDate' | 'clock.ahead' | 'clock.behind' | 'clock.advice'
  | 'step.error';

/** One step's result. `ok` false stops the diagnosis; `warning` is advice given while going on. */
export interface StepResult {
  id: StepId;
  ok: boolean;
  /** How long the step took, in whole milliseconds. */
  ms: number;
  finding: Finding;
  /** What to try next: with every failed step, and with a warning (a certificate that expires soon). */
  advice?: Finding;
  warning?: boolean;
}

export interface DiagnosisResult {
  ok: boolean;
  steps: StepResult[];
}

/** The account the extension would use now: the only base URL the token is ever sent to. */
export interface ActiveAccount {
  baseUrl: string;
  /** Undefined when no token is stored. */
  token?: string;
}
