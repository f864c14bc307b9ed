// Step `proxy`: which proxy the client would go through, by the client's own rule (core/proxyRule.ts). Behind a
// proxy this step comes right after `url`, and the dns and tcp steps test the proxy.
import { configuredProxy, proxyFor } from '../proxyRule';
import { finding, shownUrl, type DiagnosisContext, type StepOutcome } from './context';

export function checkProxy(ctx: DiagnosisContext): StepOutcome {
  const choice = proxyFor(ctx.baseUrl, ctx.proxyInputs);
  if (!choice) {
    const configured = configuredProxy(ctx.proxyInputs);
    if (!configured) return { ok: true, finding: finding('proxy.none') };
    const shown = safeProxyText(configured.url);
    return { ok: true, finding: finding('proxy.bypassed', shown, configured.source) };
  }
  let url: URL | undefined;
  try {
    url = new URL(choice.url);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname) {
    return { ok: false, finding: finding('proxy.invalid', safeProxyText(choice.url), choice.source), advice: finding('proxy.invalid.advice', choice.source) };
  }
  ctx.proxy = { choice, url };
  const key = url.username || url.password ? 'proxy.usedWithCredentials' : 'proxy.used';
  return { ok: true, finding: finding(key, shownUrl(url), choice.source) };
}

/** A proxy setting as it may be shown: parsed, without its user info; unparsable, only up to an `@`. */
function safeProxyText(raw: string): string {
  try {
    const url = new URL(raw);
    if (url.protocol === 'http:' || url.protocol === 'https:') return shownUrl(url);
  } catch {
    // shown below
  }
  const at = raw.lastIndexOf('@');
  return at >= 0 ? `…@${raw.slice(at + 1)}` : raw;
}
