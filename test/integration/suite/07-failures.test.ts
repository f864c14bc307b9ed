// A failing gateway (down, or answering HTML error pages) is reported, and never costs the user their history or
// their token: once the gateway is back, everything works as before.
import * as assert from 'assert';
import { KeccelSimulator } from '../../../src/simulator';
import {
  INITIAL_BALANCE, TEST_TOKEN, configure, keccelApi, recordById, refreshBalance, requestsTo, sendSms, startGateway, stopGateway,
  waitFor,
} from '../support/harness';

describe('failing gateway', () => {
  let sim: KeccelSimulator;
  before(async () => {
    sim = await startGateway();
    const balanceChecks = requestsTo(sim, 'balance.asp');
    const record = await sendSms('0812340001', 'before the outage');
    assert.ok(record);
    // Let the extension go idle (delivery polled, balance refreshed after the send), so that the failures
    // injected below hit the requests of the test, not a background one.
    await waitFor('the delivery report', async () => (await recordById(record.id))?.deliveryStatus === 'delivered');
    await waitFor('the balance refresh after the send', () => requestsTo(sim, 'balance.asp') > balanceChecks);
  });
  after(async () => { await stopGateway(sim); });

  async function historyIds(): Promise<string[]> {
    return (await (await keccelApi()).history()).map((r) => r.id);
  }

  it('retries a balance request refused with 429 and returns the balance', async () => {
    sim.failNext(1, 'http429');
    const before = requestsTo(sim, 'balance.asp');
    assert.strictEqual((await refreshBalance())?.balance, sim.balance);
    assert.ok(requestsTo(sim, 'balance.asp') >= before + 2, 'the 429 was not retried');
  });

  it('keeps history and token when balance requests get HTML 500 pages', async () => {
    const ids = await historyIds();
    sim.failNext(10, 'http500html');
    await refreshBalance(); // must resolve, whatever it returns
    await sim.stop(); // drop what is left of the failures
    sim = new KeccelSimulator({ port: 0, token: TEST_TOKEN, balance: INITIAL_BALANCE, deliveryDelayMs: 300 });
    await configure({ apiBaseUrl: await sim.start() });
    assert.deepStrictEqual(await historyIds(), ids);
    assert.strictEqual((await refreshBalance())?.balance, INITIAL_BALANCE, 'the token was lost');
  });

  it('keeps history and token while the gateway is down, and records a send that could not reach it as failed', async () => {
    const ids = await historyIds();
    await sim.stop();
    assert.strictEqual(await refreshBalance(), undefined);
    const record = await sendSms('0812340002', 'during the outage');
    assert.ok(record, 'no record for a send attempt while the gateway is down');
    assert.strictEqual(record.sendStatus, 'failed');
    assert.deepStrictEqual((await historyIds()).filter((id) => id !== record.id), ids);

    await configure({ apiBaseUrl: await sim.start() });
    assert.strictEqual((await refreshBalance())?.balance, sim.balance, 'the token was lost');
  });
});
