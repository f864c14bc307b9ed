// Step `dns`: the gateway's host name (the proxy's, behind one) resolves, as the client's connection would
// resolve it (the system resolver, getaddrinfo).
import { promises as dns } from 'node:dns';
import { isIP } from 'node:net';
import { connectTimeoutMs, errorCode } from '../http';
import { connectTarget, finding, type DiagnosisContext, type StepOutcome } from './context';
import { withTimeout } from './timeout';

export async function checkDns(ctx: DiagnosisContext): Promise<StepOutcome> {
  const { host, viaProxy } = connectTarget(ctx);
  if (isIP(host)) {
    ctx.addresses = [host];
    return { ok: true, finding: finding('dns.literal', host) };
  }
  try {
    const found = await withTimeout(dns.lookup(host, { all: true }), connectTimeoutMs(ctx.timeoutMs), 'ETIMEOUT');
    ctx.addresses = found.map((entry) => entry.address);
    return { ok: true, finding: finding('dns.ok', host, ctx.addresses.join(', ')) };
  } catch (error) {
    const code = errorCode(error) ?? 'ERROR';
    const advice = viaProxy ? finding('dns.proxy.advice', ctx.proxy!.choice.source) : undefined;
    if (code === 'ENOTFOUND' || code === 'ENODATA') return { ok: false, finding: finding('dns.notFound', host, code), advice: advice ?? finding('dns.notFound.advice', ctx.setting) };
    if (code === 'EAI_AGAIN' || code === 'ETIMEOUT') return { ok: false, finding: finding('dns.temporary', host, code), advice: advice ?? finding('dns.temporary.advice') };
    return { ok: false, finding: finding('dns.failed', host, code), advice: advice ?? finding('dns.temporary.advice') };
  }
}
