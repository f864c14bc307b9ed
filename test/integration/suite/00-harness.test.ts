// Proves the harness itself: the extension under development is loaded into this extension host.
import * as assert from 'assert';
import * as vscode from 'vscode';

describe('harness', () => {
  it('runs inside a VS Code extension host with the extension under development', () => {
    const extension = vscode.extensions.getExtension('keccel-tools.keccel-sms');
    assert.ok(extension, 'keccel-tools.keccel-sms is not loaded');
    assert.strictEqual(extension.packageJSON.name, 'keccel-sms');
  });
});
