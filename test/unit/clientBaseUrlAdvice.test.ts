// An error that asks the user to check the gateway's address names the setting that chose it: an account's own
// `baseUrl` in keccel.accounts is not keccel.apiBaseUrl, and sending that user to the wrong setting wastes their time.
import assert from 'node:assert/strict';
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';
import { KeccelClient } from '../../src/core/client';
import { KeccelSimulator } from '../../src/simulator';

const TOKEN = 'advice-token-1234';
const ACCOUNT_SETTING = 'the "baseUrl" of the account "Acme" in keccel.accounts';

/** A port nothing listens on: taken, then released. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('KeccelClient: the advice names where the base URL is set', () => {
  let sim: KeccelSimulator;
  before(async () => {
    sim = new KeccelSimulator({ token: TOKEN, port: 0 });
    await sim.start();
  });
  after(() => sim.stop());

  it('a refused connection names the account\'s setting, not keccel.apiBaseUrl', async () => {
    const client = new KeccelClient({ baseUrl: `http://127.0.0.1:${await closedPort()}/sms/v2`, token: TOKEN, maxRetries: 0, baseUrlSetting: ACCOUNT_SETTING });
    const error = await client.balance('GUEST').then(() => undefined, (e: Error) => e);
    assert.ok(error, 'the balance of a closed port did not fail');
    assert.ok(error.message.includes(ACCOUNT_SETTING), error.message);
    assert.doesNotMatch(error.message, /apiBaseUrl/);
    const sent = await client.send({ to: '243812345678', from: 'GUEST', message: 'x' });
    assert.ok(sent.description.includes(ACCOUNT_SETTING), sent.description);
  });

  it('a 404 (a wrong path) names it too, for a balance and for a send', async () => {
    const client = new KeccelClient({ baseUrl: `${sim.baseUrl.replace(/\/sms\/v2$/, '')}/nowhere/v2`, token: TOKEN, maxRetries: 0, baseUrlSetting: ACCOUNT_SETTING });
    const error = await client.balance('GUEST').then(() => undefined, (e: Error) => e);
    assert.ok(error?.message.includes(ACCOUNT_SETTING), error?.message);
    const sent = await client.send({ to: '243812345678', from: 'GUEST', message: 'x' });
    assert.equal(sent.status, 'failed');
    assert.ok(sent.description.includes(ACCOUNT_SETTING), sent.description);
    assert.doesNotMatch(sent.description, /apiBaseUrl/);
  });

  it('without a setting named, the advice is keccel.apiBaseUrl as before', async () => {
    const client = new KeccelClient({ baseUrl: `http://127.0.0.1:${await closedPort()}/sms/v2`, token: TOKEN, maxRetries: 0 });
    const error = await client.balance('GUEST').then(() => undefined, (e: Error) => e);
    assert.match(error?.message ?? '', /keccel\.apiBaseUrl/);
  });
});
