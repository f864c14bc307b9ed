// Step `tcp`: a connection opens to the gateway's port (the proxy's, behind one), trying the addresses the dns
// step found in their order, as the client's connection does.
import * as net from 'node:net';
import { isLoopbackHostname } from '../baseUrl';
import { connectTimeoutMs, errorCode } from '../http';
import { connectTarget, finding, hostPort, type DiagnosisContext, type StepOutcome } from './context';

export async function checkTcp(ctx: DiagnosisContext): Promise<StepOutcome> {
  const { port, viaProxy } = connectTarget(ctx);
  const addresses = ctx.addresses ?? [];
  let lastCode = 'ERROR';
  for (const address of addresses) {
    try {
      await connect(address, port, connectTimeoutMs(ctx.timeoutMs));
      ctx.address = address;
      return { ok: true, finding: finding('tcp.ok', hostPort(address, port)) };
    } catch (error) {
      lastCode = errorCode(error) ?? 'ERROR';
    }
  }
  const where = hostPort(addresses[addresses.length - 1] ?? connectTarget(ctx).host, port);
  const proxyAdvice = viaProxy ? finding('tcp.proxy.advice', ctx.proxy!.choice.source) : undefined;
  if (lastCode === 'ECONNREFUSED') {
    const loopback = isLoopbackHostname(ctx.url!.hostname);
    return {
      ok: false,
      finding: finding('tcp.refused', where),
      advice: proxyAdvice ?? (loopback ? finding('tcp.refusedLoopback.advice') : finding('tcp.refused.advice', ctx.setting)),
    };
  }
  if (lastCode === 'ETIMEDOUT') return { ok: false, finding: finding('tcp.timeout', where), advice: proxyAdvice ?? finding('tcp.timeout.advice') };
  return { ok: false, finding: finding('tcp.failed', where, lastCode), advice: proxyAdvice ?? finding('tcp.timeout.advice') };
}

function connect(host: string, port: number, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    socket.setTimeout(timeoutMs, () => socket.destroy(Object.assign(new Error('connect timeout'), { code: 'ETIMEDOUT' })));
    socket.once('connect', () => {
      socket.destroy();
      resolve();
    });
    socket.once('error', reject);
  });
}
