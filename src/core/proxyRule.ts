// Which proxy a request to the gateway goes through: the one rule the client's options (extension/config.ts) and
// "Diagnose Connection" (core/diagnose/) both apply, so the diagnosis tests the path the client really takes.
// VS Code's own `http.proxy` setting first, then the usual environment variables; never for a loopback gateway (the
// sandbox, a local simulator): the proxy is another machine, plain http through it would hand it the token in clear,
// and its 127.0.0.1 is not ours. NO_PROXY is not read (the client never did).
import { isLoopbackHostname } from './baseUrl';

export type ProxySource = 'http.proxy' | 'HTTPS_PROXY' | 'https_proxy';

export interface ProxyInputs {
  /** The `http.proxy` setting as VS Code gives it (may be empty). */
  setting?: string;
  /** `process.env`, or a test's own. */
  env: Readonly<Record<string, string | undefined>>;
}

export interface ProxyChoice {
  url: string;
  source: ProxySource;
}

/** The proxy configured for this machine, whatever the destination. */
export function configuredProxy(inputs: ProxyInputs): ProxyChoice | undefined {
  const setting = inputs.setting?.trim();
  if (setting) return { url: setting, source: 'http.proxy' };
  for (const name of ['HTTPS_PROXY', 'https_proxy'] as const) {
    const value = inputs.env[name]?.trim();
    if (value) return { url: value, source: name };
  }
  return undefined;
}

/** Whether a base URL names this machine, so that no proxy is used for it. */
export function bypassesProxy(baseUrl: string): boolean {
  try {
    return isLoopbackHostname(new URL(baseUrl).hostname);
  } catch {
    return false;
  }
}

/** The proxy a request to `baseUrl` goes through, or undefined for a direct connection. */
export function proxyFor(baseUrl: string, inputs: ProxyInputs): ProxyChoice | undefined {
  return bypassesProxy(baseUrl) ? undefined : configuredProxy(inputs);
}
