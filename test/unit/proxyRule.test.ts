// The one proxy rule of the client and of "Diagnose Connection", and which base URL may receive the token.
import assert from 'node:assert/strict';
import { sameBaseUrl } from '../../src/core/diagnose/sameBaseUrl';
import { configuredProxy, proxyFor } from '../../src/core/proxyRule';

describe('proxy rule', () => {
  it('prefers VS Code\'s http.proxy, then HTTPS_PROXY, then https_proxy', () => {
    const env = { HTTPS_PROXY: 'http://env:3128', https_proxy: 'http://lower:3128' };
    assert.deepEqual(configuredProxy({ setting: ' http://setting:8080 ', env }), { url: 'http://setting:8080', source: 'http.proxy' });
    assert.deepEqual(configuredProxy({ setting: '', env }), { url: 'http://env:3128', source: 'HTTPS_PROXY' });
    assert.deepEqual(configuredProxy({ env: { https_proxy: 'http://lower:3128' } }), { url: 'http://lower:3128', source: 'https_proxy' });
    assert.equal(configuredProxy({ env: {} }), undefined);
  });

  it('never sends a loopback gateway (the sandbox, a simulator) through the proxy', () => {
    const inputs = { setting: 'http://proxy:3128', env: {} };
    assert.equal(proxyFor('http://127.0.0.1:8787/sms/v2', inputs), undefined);
    assert.equal(proxyFor('http://localhost:8787/sms/v2', inputs), undefined);
    assert.equal(proxyFor('http://[::1]:8787/sms/v2', inputs), undefined);
    assert.deepEqual(proxyFor('https://api.keccel.com/sms/v2', inputs), { url: 'http://proxy:3128', source: 'http.proxy' });
  });
});

describe('the active account\'s own base URL', () => {
  it('is the same endpoint whatever the trailing slash or host case', () => {
    assert.ok(sameBaseUrl('https://api.keccel.com/sms/v2', 'https://API.keccel.com/sms/v2/'));
    assert.ok(!sameBaseUrl('https://api.keccel.com/sms/v2', 'https://api.keccel.com.evil.example/sms/v2'));
    assert.ok(!sameBaseUrl('https://api.keccel.com/sms/v2', 'http://api.keccel.com/sms/v2'));
    assert.ok(!sameBaseUrl('https://api.keccel.com/sms/v2', 'https://api.keccel.com:8443/sms/v2'));
    assert.ok(!sameBaseUrl('not a url', 'not a url'));
  });
});
