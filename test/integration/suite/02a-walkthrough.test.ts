// The Getting Started walkthrough in the real extension host: contributed with its seven steps, each completed by a
// real command or by a context key the extension sets; the keys turn on when the event happens (a first SMS, a
// delivery report, the first SMS of the user's own app caught by the sandbox); keccel.openWalkthrough opens it.
// This file runs before the send and sandbox suites, so the keys are still off when it starts.
import * as assert from 'assert';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID, configure, keccelApi, waitFor } from '../support/harness';

interface Step {
  id: string;
  title: string;
  description: string;
  media: { svg?: string; markdown?: string; altText?: string };
  completionEvents: string[];
}

function appSend(baseUrl: string, token: string): Promise<number> {
  const body = JSON.stringify({ token, to: '243812345678', from: 'MYAPP', message: 'Hello from my app' });
  return new Promise((resolve, reject) => {
    const req = http.request(`${baseUrl}/message.asp`, {
      method: 'POST',
      headers: { 'user-agent': 'my-node-app/1.0', 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
    }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('Getting Started walkthrough', () => {
  const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
  // The manifest as written (the host's packageJSON has the %keys% already replaced).
  const manifest = JSON.parse(fs.readFileSync(path.join(extension.extensionPath, 'package.json'), 'utf8'));
  const walkthrough = (manifest.contributes.walkthroughs as { id: string; steps: Step[] }[]).find((w) => w.id === 'gettingStarted');

  before(async () => {
    await keccelApi();
  });

  it('is contributed with its steps in order, in English and French, with theme-coloured media', () => {
    assert.ok(walkthrough, 'no gettingStarted walkthrough');
    assert.deepStrictEqual(walkthrough.steps.map((s) => s.id), ['trySandbox', 'sendFirstSms', 'delivery', 'connectApp', 'otp', 'smsTexts', 'goLive']);
    const nls = (file: string) => JSON.parse(fs.readFileSync(path.join(extension.extensionPath, file), 'utf8')) as Record<string, string>;
    const en = nls('package.nls.json');
    const fr = nls('package.nls.fr.json');
    for (const step of walkthrough.steps) {
      for (const text of [step.title, step.description]) {
        const key = /^%(.+)%$/.exec(text)?.[1];
        assert.ok(key && en[key] && fr[key] && en[key] !== fr[key], `${step.id}: ${text} has no English and French text`);
      }
      const svg = fs.readFileSync(path.join(extension.extensionPath, step.media.svg ?? ''), 'utf8');
      assert.match(svg, /var\(--vscode-/, `${step.id}: its picture does not follow the theme`);
      // VS Code inlines the SVG and drops a <style> block: theme colours go in attributes.
      assert.doesNotMatch(svg, /<style/, `${step.id}: its colours are in a <style> block VS Code ignores`);
    }
  });

  it('completes each step on a real command or a context key the extension sets', async () => {
    const registered = new Set(await vscode.commands.getCommands(true));
    // The sandbox's key (on while it runs) and the three the walkthrough has its own.
    const keys = ['keccel.sandbox', 'keccel.walkthrough.sent', 'keccel.walkthrough.deliveryReport', 'keccel.walkthrough.appMessage'];
    const used = new Set<string>();
    for (const step of walkthrough!.steps) {
      assert.ok(step.completionEvents.length > 0, `${step.id} completes on nothing`);
      for (const event of step.completionEvents) {
        const [kind, name] = [event.slice(0, event.indexOf(':')), event.slice(event.indexOf(':') + 1)];
        if (kind === 'onCommand') {
          assert.ok(registered.has(name), `${step.id}: ${name} is not a command`);
        } else {
          assert.strictEqual(kind, 'onContext', `${step.id}: ${event}`);
          assert.ok(keys.includes(name), `${step.id}: ${name} is not a key the extension sets`);
          used.add(name);
        }
      }
    }
    assert.deepStrictEqual([...used].sort(), [...keys].sort());
  });

  it('turns the keys on when the first SMS is sent, its report arrives and the user\'s app sends to the sandbox', async () => {
    const api = await keccelApi();
    assert.deepStrictEqual(api.walkthrough().progress, { sent: false, deliveryReport: false, appMessage: false });
    const step = (id: string) => `${EXTENSION_ID}#gettingStarted#${id}`;
    const expected = [step('trySandbox'), step('connectApp'), step('sendFirstSms'), step('delivery')];
    assert.deepStrictEqual(api.walkthrough().ticked.filter((id) => expected.includes(id)), [], 'a step was ticked before its event');
    await vscode.commands.executeCommand('keccel.stopSandbox');
    await configure({ confirmBeforeSend: false, 'sandbox.port': 0, 'sandbox.autoDeliver': false });
    const sandbox = await vscode.commands.executeCommand<{ baseUrl: string; token: string }>('keccel.startSandbox');
    try {
      assert.strictEqual(await appSend(sandbox.baseUrl, sandbox.token), 200);
      await waitFor('the app-message key', () => api.walkthrough().progress.appMessage);
      assert.strictEqual(api.walkthrough().progress.sent, false, 'an app\'s SMS is not the user\'s first SMS from VS Code');

      const record = await vscode.commands.executeCommand<{ id: string; messageId: string } | undefined>(
        'keccel.sendSms', { to: '0812345678', message: 'First test' });
      assert.ok(record?.messageId);
      await waitFor('the sent key', () => api.walkthrough().progress.sent);
      await vscode.commands.executeCommand('keccel.message.markDelivered', { messageId: record.messageId });
      await waitFor('the delivery-report key', () => api.walkthrough().progress.deliveryReport);
      // Each step was also ticked through the Welcome page's own command, and VS Code confirmed it: recorded even
      // in a window where VS Code was not listening for the walkthrough's events (walkthrough/ticks.ts).
      await waitFor('VS Code to confirm the ticks', () => expected.every((id) => api.walkthrough().ticked.includes(id)))
        .catch((error: Error) => assert.fail(`${error.message}; ticked: ${JSON.stringify(api.walkthrough().ticked)}; log: ${api.recentLog().filter((l) => /Walkthrough/.test(l)).join(' | ')}`));
    } finally {
      await vscode.commands.executeCommand('keccel.stopSandbox');
      await configure({ 'sandbox.autoDeliver': undefined });
    }
  });

  it('was shown once at the first activation (VS Code\'s setting kept it closed here), and openWalkthrough opens it', async () => {
    const api = await keccelApi();
    assert.strictEqual(api.walkthrough().shown, true);
    assert.ok(api.recentLog().some((line) => /walkthrough: not opened \(workbench\.welcomePage\.walkthroughs\.openOnInstall is off\)/.test(line)),
      'the first activation did not honour VS Code\'s setting');
    // The walkthrough opens in VS Code's Welcome editor (a tab the API knows no input type of).
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await waitFor('no editor open', () => vscode.window.tabGroups.all.every((g) => g.tabs.length === 0));
    await vscode.commands.executeCommand('keccel.openWalkthrough');
    const opened = await waitFor('the walkthrough tab', () =>
      vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input === undefined && t.isActive));
    assert.strictEqual(opened.label, 'Welcome');
    await vscode.window.tabGroups.close(opened);
  });
});
