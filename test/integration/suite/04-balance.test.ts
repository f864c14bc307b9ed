// keccel.refreshBalance and the status-bar item: the number, the expiry as an ISO instant (the gateway writes
// Kinshasa local time), and the warning colours when credits run low or the account is not active.
import * as assert from 'assert';
import type { KeccelSimulator } from '../../../src/simulator';
import { INITIAL_BALANCE, configure, keccelApi, refreshBalance, startGateway, stopGateway } from '../support/harness';

describe('balance', () => {
  let sim: KeccelSimulator;
  before(async () => { sim = await startGateway(); });
  after(async () => {
    await configure({ 'balance.lowCreditThreshold': undefined });
    await stopGateway(sim);
  });

  it('returns {balance, expiration, status} with the expiry as the same instant in ISO 8601', async () => {
    const expiry = new Date(Date.UTC(2030, 11, 31, 5, 46, 17));
    sim.setExpiration(expiry);
    const result = await refreshBalance();
    assert.ok(result);
    assert.strictEqual(result.balance, INITIAL_BALANCE);
    assert.strictEqual(result.status, 'active');
    assert.ok(result.expiration, 'no expiration');
    assert.strictEqual(Date.parse(result.expiration), expiry.getTime(), `expiration ${result.expiration}`);
  });

  it('returns a null expiration when the gateway gives none', async () => {
    sim.setExpiration(null);
    assert.strictEqual((await refreshBalance())?.expiration, null);
  });

  it('shows the number in the status bar without a warning when credits are plenty', async () => {
    sim.setBalance(645);
    sim.setExpiration(new Date(Date.now() + 200 * 86_400_000));
    await refreshBalance();
    const item = (await keccelApi()).balanceItem();
    assert.match(item.text, /645/);
    assert.strictEqual(item.backgroundColor, undefined);
    assert.ok(item.command, 'clicking the balance does nothing');
    // Whole "Label: value" lines (one translated string each, so French can write "Crédits : 645 SMS").
    const tooltip = item.tooltip.replace(/&nbsp;/g, ' ').replace(/\\(.)/g, '$1');
    assert.match(tooltip, /Credits: 645 SMS/, tooltip);
    assert.match(tooltip, /Account status: active/, tooltip);
  });

  it('warns when credits are under the low-credit threshold', async () => {
    await configure({ 'balance.lowCreditThreshold': 50 });
    sim.setBalance(20);
    assert.strictEqual((await refreshBalance())?.balance, 20);
    const item = (await keccelApi()).balanceItem();
    assert.match(item.text, /\b20\b/);
    assert.strictEqual(item.backgroundColor, 'statusBarItem.warningBackground');
  });

  it('shows warning colours when the account is inactive', async () => {
    sim.setBalance(645);
    sim.setAccountStatus('inactive');
    try {
      assert.strictEqual((await refreshBalance())?.status, 'inactive');
      assert.ok((await keccelApi()).balanceItem().backgroundColor, 'no warning colour for an inactive account');
    } finally {
      sim.setAccountStatus('active');
    }
  });
});
