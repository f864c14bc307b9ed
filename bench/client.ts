// KeccelClient against bare undici.request (shared keep-alive Agent) on the same in-process simulator, in the
// same run: the client's own cost (JSON, query building, parsing, logging, error mapping) must stay within 10 %.
// Sequential requests, as the extension makes them. The bare side also reads and JSON-parses the body, the
// minimum any caller does, so the ratio measures the client's layer and not the parsing every caller pays.
import { Agent, request } from 'undici';
import { KeccelClient } from '../src/core/client';
import { USER_AGENT } from '../src/core/http';
import { startSimulator } from '../src/simulator';
import { printTable } from './table';

export interface Row extends Record<string, string | number> {
  operation: string;
  'bare undici req/s': number;
  'KeccelClient req/s': number;
  'bare CPU µs/req': number;
  'client CPU µs/req': number;
  /** Throughput ratio by CPU time: bare µs / client µs (1.00 = no overhead). */
  'client / bare': string;
  'within 10%': string;
}

const TOKEN = 'bench-token';
const TO = '243812345678';

interface Sample {
  /** Requests per second, wall clock. */
  rate: number;
  /** CPU microseconds (user + system) of this process per request: client and simulator both run here. */
  cpuUs: number;
}

async function sample(count: number, op: () => Promise<unknown>): Promise<Sample> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  for (let i = 0; i < count; i++) await op();
  const wallMs = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { rate: (count / wallMs) * 1000, cpuUs: (used.user + used.system) / count };
}

/**
 * Both sides measured in alternating blocks so that the noise of a shared machine (other processes, GC, CPU
 * frequency) falls on both alike; each figure is the median over blocks. The verdict uses CPU time per
 * request, which a loaded 2-core machine disturbs far less than wall-clock throughput.
 */
async function compare(count: number, block: number, a: () => Promise<unknown>, b: () => Promise<unknown>): Promise<[Sample, Sample]> {
  const samplesA: Sample[] = [];
  const samplesB: Sample[] = [];
  for (let done = 0; done < count; done += block) {
    const n = Math.min(block, count - done);
    samplesA.push(await sample(n, a));
    samplesB.push(await sample(n, b));
  }
  const summary = (samples: Sample[]): Sample => ({
    rate: median(samples.map((s) => s.rate)),
    cpuUs: median(samples.map((s) => s.cpuUs)),
  });
  return [summary(samplesA), summary(samplesB)];
}

function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export async function benchClient(options: { count?: number; warmup?: number; block?: number } = {}): Promise<Row[]> {
  const count = options.count ?? 2000;
  const warmup = options.warmup ?? 500;
  const block = options.block ?? 100;
  const sim = await startSimulator({ token: TOKEN, deliveryDelayMs: 0, balance: 1e9, maxRecordedRequests: 10 });
  const client = new KeccelClient({ baseUrl: sim.baseUrl, token: TOKEN });
  const agent = new Agent({ keepAliveTimeout: 4_000 });
  const base = sim.baseUrl;
  const sendBody = JSON.stringify({ token: TOKEN, to: TO, from: 'BENCH', message: 'Hello from the bench' });
  // The same bytes on the wire as the client's, so only the client's own layer is measured.
  const getHeaders = { 'user-agent': USER_AGENT };
  const postHeaders = { ...getHeaders, 'content-type': 'application/json; charset=utf-8' };
  try {
    const sent = await client.send({ to: TO, from: 'BENCH', message: 'Hello from the bench' });
    if (sent.status !== 'sent' || !sent.messageId) throw new Error(`bench setup send failed: ${sent.description}`);
    const id = sent.messageId;

    const bare = async (url: string, method: 'GET' | 'POST', body?: string) => {
      const res = await request(url, { method, body, headers: body ? postHeaders : getHeaders, dispatcher: agent });
      return JSON.parse(await res.body.text()) as unknown;
    };
    const operations: Array<[string, () => Promise<unknown>, () => Promise<unknown>]> = [
      ['send (POST message.asp)', () => bare(`${base}/message.asp`, 'POST', sendBody), () => client.send({ to: TO, from: 'BENCH', message: 'Hello from the bench' })],
      ['delivery (GET delivery.asp)', () => bare(`${base}/delivery.asp?token=${TOKEN}&from=BENCH&messageid=${id}`, 'GET'), () => client.delivery(id, 'BENCH')],
      ['balance (GET balance.asp)', () => bare(`${base}/balance.asp?token=${TOKEN}&from=BENCH`, 'GET'), () => client.balance('BENCH')],
    ];

    const rows: Row[] = [];
    for (const [operation, bareOp, clientOp] of operations) {
      await sample(warmup, bareOp);
      await sample(warmup, clientOp);
      const [bare, ours] = await compare(count, block, bareOp, clientOp);
      const ratio = bare.cpuUs / ours.cpuUs;
      rows.push({
        operation,
        'bare undici req/s': Math.round(bare.rate),
        'KeccelClient req/s': Math.round(ours.rate),
        'bare CPU µs/req': Math.round(bare.cpuUs),
        'client CPU µs/req': Math.round(ours.cpuUs),
        'client / bare': ratio.toFixed(3),
        'within 10%': ratio >= 0.9 ? 'yes' : 'NO',
      });
    }
    printTable(`API client: ${count} sequential requests per side after ${warmup} of warm-up, alternating blocks of ${block} (median), in-process simulator; ratio by CPU time per request`, rows);
    return rows;
  } finally {
    await client.close();
    await agent.close();
    await sim.stop();
  }
}
