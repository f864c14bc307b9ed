// What package.json promises VS Code about trust (README, "How your token and base URL are protected"): the gateway
// is never a workspace setting, and Restricted Mode is declared as it is (limited: some workspace settings are
// ignored there).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

interface Manifest {
  capabilities?: { untrustedWorkspaces?: { supported: boolean | 'limited'; description?: string; restrictedConfigurations?: string[] } };
  contributes: { configuration: { properties: Record<string, { scope?: string }> } };
}

const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8')) as Manifest;
const properties = manifest.contributes.configuration.properties;

describe('trust declarations in package.json', () => {
  it('scopes keccel.apiBaseUrl to the application, so a workspace settings.json cannot point the token elsewhere', () => {
    assert.ok(['application', 'machine'].includes(properties['keccel.apiBaseUrl'].scope ?? ''), properties['keccel.apiBaseUrl'].scope);
  });

  it('scopes keccel.confirmBeforeSend to the application: a cloned repository cannot turn the question off (and then send from a task)', () => {
    assert.equal(properties['keccel.confirmBeforeSend'].scope, 'application');
  });

  it('declares limited support of untrusted workspaces, with the restricted settings that exist', () => {
    const untrusted = manifest.capabilities?.untrustedWorkspaces;
    assert.ok(untrusted, 'capabilities.untrustedWorkspaces is missing');
    assert.equal(untrusted.supported, 'limited');
    assert.match(untrusted.description ?? '', /^%.+%$/, 'the description is localised');
    const restricted = untrusted.restrictedConfigurations ?? [];
    assert.ok(restricted.includes('keccel.apiBaseUrl'));
    assert.deepEqual(restricted.filter((key) => !(key in properties)), [], 'restricted settings that do not exist');
  });

  it('lets an untrusted workspace choose no account: keccel.account is restricted; the accounts themselves are the user\'s only', () => {
    // VS Code then gives the registry's configuration.get('account') the user's value only, in an untrusted folder.
    assert.ok(manifest.capabilities?.untrustedWorkspaces?.restrictedConfigurations?.includes('keccel.account'), 'keccel.account is not restricted');
    assert.equal(properties['keccel.account'].scope, 'window');
    assert.equal(properties['keccel.accounts'].scope, 'application');
    assert.equal(properties['keccel.confirmProductionSends'].scope, 'application');
  });
});
