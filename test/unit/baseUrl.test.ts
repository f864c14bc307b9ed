// The token never travels in clear to another machine: the client refuses plain http except to loopback.
import assert from 'node:assert/strict';
import { BaseUrlError, checkBaseUrl, hostOf, isLiveGateway, isLoopbackHostname, LIVE_BASE_URL } from '../../src/core/baseUrl';
import { KeccelClient } from '../../src/core/client';

function problemOf(url: string): string | undefined {
  try {
    checkBaseUrl(url);
    return undefined;
  } catch (error) {
    assert.ok(error instanceof BaseUrlError, String(error));
    return error.problem;
  }
}

describe('API base URL', () => {
  it('accepts https anywhere and plain http to loopback (the sandbox, a local simulator)', () => {
    for (const url of [LIVE_BASE_URL, 'https://proxy.example:8443/sms/v2', 'http://127.0.0.1:8787/sms/v2',
      'http://127.8.9.10/sms/v2', 'http://localhost:9/sms/v2', 'http://LOCALHOST/x', 'http://[::1]:8787/sms/v2', 'http://127.1/x']) {
      assert.equal(problemOf(url), undefined, url);
    }
  });

  it('refuses plain http to any other machine, with an error that says why', () => {
    for (const url of ['http://api.keccel.com/sms/v2', 'http://192.168.1.10:8787/sms/v2', 'http://10.0.0.1/x',
      'http://127.0.0.1.evil.example/x', 'http://localhost.evil.example/x', 'http://[::2]/x', 'http://0.0.0.0:8787/x',
      'http://128.0.0.1/x']) {
      assert.equal(problemOf(url), 'insecure', url);
    }
    assert.throws(() => checkBaseUrl('http://evil.example/sms/v2'), /plain http is allowed only to this machine.*travel in clear/);
  });

  it('refuses other schemes and text that is no URL', () => {
    assert.equal(problemOf('ftp://api.keccel.com/sms/v2'), 'scheme');
    assert.equal(problemOf('file:///etc/passwd'), 'scheme');
    assert.equal(problemOf('api.keccel.com/sms/v2'), 'invalid');
  });

  it('is enforced by the client itself, before any request can carry the token', () => {
    assert.throws(() => new KeccelClient({ baseUrl: 'http://evil.example/sms/v2', token: 'secret-token-123' }),
      (error: unknown) => error instanceof BaseUrlError && error.problem === 'insecure' && !error.message.includes('secret'));
    assert.doesNotThrow(() => new KeccelClient({ baseUrl: 'http://127.0.0.1:9/sms/v2', token: 't' }));
  });

  it('tells the live gateway from anything else and names the host', () => {
    assert.equal(isLiveGateway(LIVE_BASE_URL), true);
    assert.equal(isLiveGateway('https://api.keccel.com/sms/v2/'), true);
    assert.equal(isLiveGateway('https://proxy.example/sms/v2'), false);
    assert.equal(isLiveGateway('http://127.0.0.1:8787/sms/v2'), false);
    assert.equal(hostOf('http://127.0.0.1:8787/sms/v2'), '127.0.0.1:8787');
    assert.equal(isLoopbackHostname('[::1]'), true);
  });
});
