// The simulator's state file: a restarted sandbox keeps its balance and still answers for the messages it
// accepted before, the way the extension sees it (KeccelClient over real HTTP).
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { KeccelClient } from '../../src/core/client';
import { GatewayRejectedError } from '../../src/core/errors';
import type { Logger } from '../../src/core/types';
import { KeccelSimulator, MAGIC_FAILED_DELIVERY, MAGIC_NO_REPORT, main } from '../../src/simulator';
import type { SimulatorOptions } from '../../src/simulator';
import { StateSaver } from '../../src/simulator/persistence';
import type { PersistedState } from '../../src/simulator/persistence';

const TOKEN = 'persist-test-token';
const TO = '243812345678';

describe('Simulator state file', () => {
  let dir: string;
  let file: string;
  const running: { sim: KeccelSimulator; client: KeccelClient }[] = [];
  const warnings: string[] = [];
  const logger: Logger = { trace: () => undefined, info: () => undefined, warn: (l) => warnings.push(l), error: (l) => warnings.push(l) };

  /** A simulator on the test's state file plus a client for it; both closed after the test. */
  async function boot(options: SimulatorOptions = {}): Promise<{ sim: KeccelSimulator; client: KeccelClient }> {
    const sim = new KeccelSimulator({ token: TOKEN, stateFile: file, logger, ...options });
    const baseUrl = await sim.start();
    const pair = { sim, client: new KeccelClient({ baseUrl, token: TOKEN, timeoutMs: 2000, retryBaseDelayMs: 5 }) };
    running.push(pair);
    return pair;
  }

  async function shutdown(pair: { sim: KeccelSimulator; client: KeccelClient }): Promise<void> {
    await pair.client.close();
    await pair.sim.stop();
  }

  const readFile = async () => JSON.parse(await fs.readFile(file, 'utf8')) as { balance: number; messages: { messageId: string }[] };

  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'keccel-simstate-'));
    // A folder that does not exist yet, as globalStorage on a first run.
    file = path.join(dir, 'nested', 'sandbox-gateway.json');
    warnings.length = 0;
  });

  afterEach(async () => {
    for (const pair of running.splice(0)) await shutdown(pair);
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('a restarted simulator keeps the debited balance and answers for earlier messages', async () => {
    const first = await boot({ deliveryDelayMs: 150 });
    const delivered = await first.client.send({ to: TO, from: 'GUEST', message: 'Hello' });
    const failed = await first.client.send({ to: MAGIC_FAILED_DELIVERY, from: 'GUEST', message: 'x'.repeat(161) });
    const silent = await first.client.send({ to: MAGIC_NO_REPORT, from: 'GUEST', message: 'Hi' });
    assert.equal((await first.client.delivery(delivered.messageId!, 'GUEST')).status, 'pending');
    await shutdown(first);

    // The reports fall due while no simulator runs ("VS Code closed").
    await new Promise((resolve) => setTimeout(resolve, 200));
    const second = await boot({ deliveryDelayMs: 60_000, balance: 1000 });
    assert.equal((await second.client.balance('GUEST')).balance, 1000 - 1 - 2 - 1, 'the saved balance wins over the option');
    assert.equal((await second.client.delivery(delivered.messageId!, 'GUEST')).status, 'delivered');
    assert.equal((await second.client.delivery(failed.messageId!, 'GUEST')).status, 'failed');
    assert.equal((await second.client.delivery(silent.messageId!, 'GUEST')).status, 'pending');

    const next = await second.client.send({ to: TO, from: 'GUEST', message: 'After restart' });
    assert.ok(![delivered, failed, silent].some((o) => o.messageId === next.messageId), 'ids never repeat across restarts');
    assert.equal(second.sim.messages.length, 4);
    assert.deepEqual(warnings, []);
  });

  it('without a state file a restart forgets everything (what the file prevents)', async () => {
    const first = await boot({ stateFile: undefined });
    const sent = await first.client.send({ to: TO, from: 'GUEST', message: 'Hello' });
    await shutdown(first);
    const second = await boot({ stateFile: undefined });
    await assert.rejects(second.client.delivery(sent.messageId!, 'GUEST'), (e: unknown) => e instanceof GatewayRejectedError && /Unknown messageid/.test(e.message));
    await assert.rejects(fs.access(file));
  });

  it('keeps the account mutators (balance, expiration, status) and never writes the token', async () => {
    const first = await boot();
    const expiration = new Date('2030-01-02T03:04:05.000Z');
    first.sim.setBalance(7);
    first.sim.setExpiration(expiration);
    first.sim.setAccountStatus('suspended');
    await shutdown(first);
    assert.ok(!(await fs.readFile(file, 'utf8')).includes(TOKEN), 'the token is not in the state file');

    const second = await boot();
    const balance = await second.client.balance('GUEST');
    assert.equal(balance.balance, 7);
    assert.equal(Date.parse(balance.expiration ?? ''), expiration.getTime());
    const refused = await second.client.send({ to: TO, from: 'GUEST', message: 'Hi' });
    assert.equal(refused.status, 'rejected');
    assert.match(refused.description, /suspended/);
  });

  for (const [name, text] of [
    ['not JSON', '{"version": 1, "bal'],
    ['a message of the wrong shape', JSON.stringify({ version: 1, balance: 3, expiration: null, accountStatus: 'active', messages: [{ messageId: 1 }] })],
    ['an unknown version', JSON.stringify({ version: 9, balance: 3 })],
  ]) {
    it(`ignores a corrupt state file (${name}), logs it, and replaces it on the next change`, async () => {
      await fs.mkdir(path.dirname(file), { recursive: true });
      await fs.writeFile(file, text);
      const { sim, client } = await boot({ balance: 50 });
      assert.equal((await client.balance('GUEST')).balance, 50);
      assert.equal(warnings.length, 1, warnings.join('\n'));
      assert.match(warnings[0], /ignoring the state file/);
      const sent = await client.send({ to: TO, from: 'GUEST', message: 'Hello' });
      await sim.stop();
      const saved = await readFile();
      assert.equal(saved.balance, 49);
      assert.deepEqual(saved.messages.map((m) => m.messageId), [sent.messageId]);
    });
  }

  it('a burst of concurrent sends leaves one valid file that matches, and no temporary file', async () => {
    const { sim, client } = await boot();
    const outcomes = await Promise.all(Array.from({ length: 60 }, (_, i) => client.send({ to: TO, from: 'GUEST', message: `n${i}` })));
    assert.ok(outcomes.every((o) => o.status === 'sent'));
    await sim.stop();
    const saved = await readFile();
    assert.equal(saved.balance, 1000 - 60);
    assert.deepEqual(new Set(saved.messages.map((m) => m.messageId)), new Set(outcomes.map((o) => o.messageId)));
    assert.deepEqual(await fs.readdir(path.dirname(file)), ['sandbox-gateway.json']);
  });

  it('coalesces a burst of changes into at most one write in flight plus one queued', async () => {
    let balance = 0;
    let snapshots = 0;
    const saver = new StateSaver(file, (): PersistedState => {
      snapshots++;
      return { balance, expiration: null, accountStatus: 'active', messages: [] };
    }, (line) => warnings.push(line));
    for (let i = 1; i <= 100; i++) {
      balance = i;
      saver.schedule();
    }
    await saver.flush();
    assert.equal(snapshots, 2, 'the first change is written at once, the 99 others in one follow-up write');
    assert.equal((await readFile()).balance, 100, 'the follow-up write saved the newest state');
    assert.deepEqual(warnings, []);
  });

  it('keccel-sim --state FILE keeps its messages across restarts (and --help says so)', async () => {
    const originalLog = console.log;
    const output: string[] = [];
    console.log = (...args: unknown[]) => void output.push(args.join(' '));
    try {
      await main(['--help']);
      assert.match(output.join('\n'), /--state FILE/);
      let sent: string | undefined;
      for (const round of [1, 2]) {
        const cli = await main(['--port', '0', '--quiet', '--token', TOKEN, '--state', file]);
        assert.ok(cli);
        const client = new KeccelClient({ baseUrl: cli.baseUrl, token: TOKEN });
        try {
          if (round === 1) sent = (await client.send({ to: TO, from: 'GUEST', message: 'Hello' })).messageId;
          else assert.equal((await client.delivery(sent!, 'GUEST')).messageId, sent);
          assert.equal((await client.balance('GUEST')).balance, 999);
        } finally {
          await client.close();
          await cli.stop();
          process.removeAllListeners('SIGINT');
          process.removeAllListeners('SIGTERM');
        }
      }
    } finally {
      console.log = originalLog;
    }
  });
});
