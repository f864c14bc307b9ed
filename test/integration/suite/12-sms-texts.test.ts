// SMS texts in your code, in the real extension host: files of each language opened in editors get the
// contract's diagnostics, hover, inlay hints and quick fixes through the VS Code API; a fix applied leaves a file
// that its own interpreter accepts; keccel.checkSmsTexts counts the workspace; the stored token written in a
// file is flagged (never shown), moved to .env by the quick fix, and found by keccel.findTokenInWorkspace, whichever
// account it belongs to.
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { KeccelSimulator } from '../../../src/simulator';
import { TEST_TOKEN, configure, startGateway, stopGateway, waitFor } from '../support/harness';
import { captureNotifications } from '../support/notifications';
import { watchQuickInputs } from '../support/quickInputs';

const FILES: Record<string, string> = {
  'sms.js': "// Keccel\nconst name = 'Awa';\nconst body = { to: '243810000001', message: `Bonjour ${name}, l’équipe vous dit « merci » – à bientôt…` };\nconsole.log(body.message);\n",
  'sms.php': "<?php // Keccel\n$name = 'Awa';\n$body = ['to' => '243810000001', 'message' => 'Bonjour ' . $name . ', l’équipe vous dit « merci » – à bientôt…'];\necho $body['message'];\n",
  'sms.py': "# Keccel\nname = 'Awa'\nbody = {'to': '243810000001', 'message': f'Bonjour {name}, l’équipe vous dit « merci » – à bientôt…'}\nprint(body['message'])\n",
  'otp.dart': "// Keccel\nfinal body = {'to': phone, 'message': 'Votre code : \\$code – l’équipe'};\n",
  'Sms.java': "// Keccel\nclass Sms { java.util.Map<String, String> body(String p) { return java.util.Map.of(\"to\", p, \"message\", \"L’équipe vous dit “merci” – à bientôt\"); } }\n",
  'Sms.kt': "// Keccel\nfun body(p: String) = mapOf(\"to\" to p, \"message\" to \"L’équipe vous dit “merci” – à bientôt\")\n",
};

let dir: string;
const uriOf = (name: string) => vscode.Uri.file(path.join(dir, name));

function smsDiagnostics(uri: vscode.Uri, code?: string): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Keccel SMS' && (code === undefined || d.code === code));
}

async function open(name: string): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(uriOf(name));
  await vscode.window.showTextDocument(document, { preview: false });
  return document;
}

/** Waits for the token-in-file Error in a file, then runs its quick fix as the lightbulb would; returns its result. */
async function runMoveToken(name: string): Promise<{ document: vscode.TextDocument; moved: unknown }> {
  const document = await open(name);
  const [diagnostic] = await waitFor(`the token-in-file diagnostic in ${name}`, () => {
    const found = smsDiagnostics(document.uri, 'token-in-file');
    return found.length > 0 ? found : undefined;
  });
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, diagnostic.range);
  const move = actions.find((a) => a.title === 'Move the Token to .env');
  assert.ok(move?.command, actions.map((a) => a.title).join(' | '));
  return { document, moved: await vscode.commands.executeCommand(move.command.command, ...(move.command.arguments ?? [])) };
}

/** Moves the token out of a file with the quick fix, and saves the file. */
async function moveTokenOf(name: string): Promise<void> {
  const { document, moved } = await runMoveToken(name);
  assert.ok(moved);
  await document.save();
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n')
    .replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

describe('SMS texts in your code', () => {
  before(() => {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    assert.ok(folder, 'the integration run opens a folder');
    dir = path.join(folder, 'sms-texts-it');
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    for (const [name, text] of Object.entries(FILES)) fs.writeFileSync(path.join(dir, name), text);
    // Outside the rules' reach: a dependency (search.exclude leaves node_modules out by default).
    fs.mkdirSync(path.join(dir, 'node_modules', 'dep'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'node_modules', 'dep', 'index.js'), FILES['sms.js']);
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  for (const name of Object.keys(FILES)) {
    it(`${name}: a Warning sms-ucs2-avoidable on the text, naming the characters, with hover, hint and quick fixes`, async () => {
      const document = await open(name);
      const [diagnostic] = await waitFor(`the diagnostic on ${name}`, () => {
        const found = smsDiagnostics(document.uri, 'sms-ucs2-avoidable');
        return found.length > 0 ? found : undefined;
      });
      assert.strictEqual(diagnostic.severity, vscode.DiagnosticSeverity.Warning);
      assert.match(diagnostic.message, /’ \(U\+2019\)/);
      const inside = diagnostic.range.start.translate(0, 3);

      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, inside);
      const hover = hoverText(hovers);
      assert.match(hover, /UCS-2 · 1 SMS/, hover);
      assert.match(hover, /’ \(U\+2019\) → '/, hover);

      const fullRange = new vscode.Range(0, 0, document.lineCount, 0);
      const hints = await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', document.uri, fullRange);
      const labels = hints.map((h) => (typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join('')));
      assert.ok(labels.includes('UCS-2 · 1 SMS'), labels.join(' | '));

      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, diagnostic.range);
      const titles = actions.map((a) => a.title);
      assert.ok(titles.includes('Send a Test SMS with This Text'), titles.join(' | '));
      // Rewrite as GSM-7 when accents must go too (ô → o); only the punctuation fix when that is enough (otp.dart).
      const rewrite = actions.find((a) => a.title.startsWith('Rewrite as GSM-7')) ??
        actions.find((a) => a.title.startsWith('Replace typographic punctuation'));
      assert.ok(rewrite?.edit, titles.join(' | '));
      assert.match(rewrite.title, /^(Rewrite as GSM-7|Replace typographic punctuation) \(UCS-2 · 1 SMS → GSM-7 · 1 SMS\)$/);
      assert.ok(await vscode.workspace.applyEdit(rewrite.edit));
      await document.save();
      await waitFor('the diagnostic gone after the fix', () => smsDiagnostics(document.uri, 'sms-ucs2-avoidable').length === 0);
      const file = document.uri.fsPath;
      if (name.endsWith('.js')) execFileSync(process.execPath, ['--check', file]);
      if (name.endsWith('.php')) execFileSync('php', ['-l', file]);
      if (name.endsWith('.py')) execFileSync('python3', ['-m', 'py_compile', file]);
      if (name.endsWith('.js')) {
        assert.strictEqual(execFileSync(process.execPath, [file], { encoding: 'utf8' }).trim(), 'Bonjour Awa, l\'équipe vous dit " merci " - à bientot...');
      }
    });
  }

  it('"Send a Test SMS with This Text" opens the composer', async () => {
    fs.writeFileSync(path.join(dir, 'send.js'), "// keccel-sms\nconst t = 'C’est prêt, ' + name;\n");
    const document = await open('send.js');
    const text = await waitFor('the text found', async () => {
      const hints = await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', document.uri, new vscode.Range(0, 0, 3, 0));
      return hints.length > 0 ? hints : undefined;
    });
    assert.ok(text);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, new vscode.Range(1, 12, 1, 12));
    const send = actions.find((a) => a.title === 'Send a Test SMS with This Text');
    assert.ok(send?.command);
    assert.deepStrictEqual(send.command.arguments, [{ message: 'C’est prêt, {name}' }]);
    await vscode.commands.executeCommand(send.command.command, ...(send.command.arguments ?? []));
    await waitFor('the composer tab', () => vscode.window.tabGroups.all.flatMap((g) => g.tabs)
      .find((tab) => tab.input instanceof vscode.TabInputWebview && /keccel\.composer/.test(tab.input.viewType)), 10_000);
  });

  it('a diagnostic names a bidirectional control as its code point, never writes it (it would reorder the message)', async () => {
    fs.writeFileSync(path.join(dir, 'bidi.js'), "// keccel-sms\nsend('Prix \u202E 05 \u2066 ok');\n");
    const document = await open('bidi.js');
    const [diagnostic] = await waitFor('the sms-ucs2 diagnostic', () => {
      const found = smsDiagnostics(document.uri, 'sms-ucs2');
      return found.length > 0 ? found : undefined;
    });
    assert.match(diagnostic.message, /U\+202E/);
    assert.doesNotMatch(diagnostic.message, /[\u202A-\u202E\u2066-\u2069]/, JSON.stringify(diagnostic.message));
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('keccel.checkSmsTexts checks the workspace, leaves node_modules out, and returns {files, texts, problems}', async () => {
    // Never opened: its problems come from the check alone, each on its own text's line.
    fs.writeFileSync(path.join(dir, 'closed.js'), "// Keccel\nsend({ to: a, message: 'Un – premier' });\n\nsend({ to: b, message: 'Deux – second' });\n");
    const result = await vscode.commands.executeCommand<{ files: number; texts: number; problems: number }>('keccel.checkSmsTexts');
    assert.ok(result, 'no result');
    assert.ok(result.files >= Object.keys(FILES).length, JSON.stringify(result));
    const depUri = vscode.Uri.file(path.join(dir, 'node_modules', 'dep', 'index.js'));
    assert.strictEqual(smsDiagnostics(depUri).length, 0, 'a file under node_modules was checked');
    assert.ok(typeof result.texts === 'number' && typeof result.problems === 'number');
    const closed = smsDiagnostics(uriOf('closed.js')).map((d) => `${d.range.start.line}:${d.range.start.character} ${String(d.code)}`).sort();
    assert.deepStrictEqual(closed, ['1:23 sms-ucs2-avoidable', '3:23 sms-ucs2-avoidable']);
  });

  it('typing inside texts: one diagnostic per text, each following its text, the typed one analysed again', async () => {
    const lines = [
      '// Keccel',
      "send({ to: a, message: 'Bonjour – un' });",
      "send({ to: a, message: 'Bonjour – deux' }); send({ to: b, message: 'Bonjour – trois' });",
    ];
    fs.writeFileSync(path.join(dir, 'typing.js'), `${lines.join('\n')}\n`);
    const document = await open('typing.js');
    const editor = vscode.window.activeTextEditor!;
    // Each text's diagnostic as [line, start, end, code], in text order, once the file holds `expected` of them.
    const current = (expected: string) => waitFor(`diagnostics ${expected}`, () => {
      const found = smsDiagnostics(document.uri)
        .map((d) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.character} ${String(d.code)}`)
        .sort()
        .join(', ');
      return found === expected ? found : undefined;
    }, 10_000, 20);
    const column = (line: number, text: string) => lines[line].indexOf(text);
    const un = column(1, "'Bonjour – un'");
    const deux = column(2, "'Bonjour – deux'");
    const trois = column(2, "'Bonjour – trois'");
    const expected = (unEnd: number, shift: number, unCode = 'sms-ucs2-avoidable') =>
      [`1:${un}-${unEnd} ${unCode}`, `2:${deux}-${deux + 16 + shift} sms-ucs2-avoidable`,
        `2:${trois + shift}-${trois + 17 + shift} sms-ucs2-avoidable`].sort().join(', ');
    await current(expected(un + 14, 0));

    const type = async (line: number, character: number, text: string) => {
      assert.ok(await editor.edit((edit) => edit.insert(new vscode.Position(line, character), text)));
    };
    for (let k = 0; k < 3; k++) await type(1, un + 9 + k, 'é');
    await current(expected(un + 17, 0));
    // In the text before another on the same line: that one moves too.
    for (let k = 0; k < 2; k++) await type(2, deux + 9 + k, 'é');
    await current(expected(un + 17, 2));
    // An emoji has no GSM-7 form: the text typed in is analysed again, not only moved.
    await type(1, un + 1, '😀');
    await current(expected(un + 19, 2, 'sms-ucs2'));
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  describe('your token in a file', () => {
    let sim: KeccelSimulator;
    before(async () => {
      sim = await startGateway();
    });
    after(() => stopGateway(sim));

    it('flags the stored token with an Error that never shows it, and moves it to .env', async () => {
      fs.writeFileSync(path.join(dir, 'client.js'), `// Keccel client\nconst token = '${TEST_TOKEN}';\nmodule.exports = token;\n`);
      const document = await open('client.js');
      const [diagnostic] = await waitFor('the token-in-file diagnostic', () => {
        const found = smsDiagnostics(document.uri, 'token-in-file');
        return found.length > 0 ? found : undefined;
      });
      assert.strictEqual(diagnostic.severity, vscode.DiagnosticSeverity.Error);
      assert.ok(!diagnostic.message.includes(TEST_TOKEN), 'the message shows the token');
      assert.match(diagnostic.message, /revoke/);
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, diagnostic.range);
      const move = actions.find((a) => a.title === 'Move the Token to .env');
      assert.ok(move?.command, actions.map((a) => a.title).join(' | '));
      assert.ok(!JSON.stringify(move.command.arguments).includes(TEST_TOKEN), 'the token is in the command arguments');
      assert.ok(await vscode.commands.executeCommand(move.command.command, ...(move.command.arguments ?? [])));
      assert.match(document.getText(), /const token = process\.env\.KECCEL_TOKEN;/);
      const folder = vscode.workspace.workspaceFolders![0].uri.fsPath;
      assert.match(fs.readFileSync(path.join(folder, '.env'), 'utf8'), new RegExp(`^KECCEL_TOKEN=${TEST_TOKEN}$`, 'm'));
      assert.match(fs.readFileSync(path.join(folder, '.gitignore'), 'utf8'), /^\.env$/m);
      await document.save();
      await waitFor('the diagnostic gone', () => smsDiagnostics(document.uri, 'token-in-file').length === 0);
    });

    it('keccel.findTokenInWorkspace lists the places (1-based lines), never .env, without the token', async () => {
      fs.writeFileSync(path.join(dir, 'notes.txt'), `first line\nour token: ${TEST_TOKEN}\n`);
      const places = await vscode.commands.executeCommand<Array<{ uri: vscode.Uri; line: number }>>('keccel.findTokenInWorkspace');
      assert.ok(Array.isArray(places));
      const notes = places.find((p) => p.uri.fsPath === path.join(dir, 'notes.txt'));
      assert.ok(notes, JSON.stringify(places));
      assert.strictEqual(notes.line, 2);
      assert.ok(!places.some((p) => path.basename(p.uri.fsPath) === '.env'));
      assert.ok(!JSON.stringify(places).includes(TEST_TOKEN));
      const folder = vscode.workspace.workspaceFolders![0].uri.fsPath;
      fs.rmSync(path.join(folder, '.env'), { force: true });
      fs.rmSync(path.join(folder, '.gitignore'), { force: true });
    });

    it("moves a second account's token to its own .env variable: each file still runs with its own account's token", async () => {
      const otherToken = 'it-second-account-token-7d3b';
      const other = new KeccelSimulator({ port: 0, token: otherToken, balance: 40 });
      const baseUrl = await other.start();
      const folder = vscode.workspace.workspaceFolders![0].uri.fsPath;
      const notifications = captureNotifications();
      try {
        assert.deepStrictEqual(await vscode.commands.executeCommand('keccel.addAccount', { name: 'Boutique Élégance', token: otherToken, baseUrl }), { name: 'Boutique Élégance' });
        fs.writeFileSync(path.join(folder, '.env'), 'APP_ENV=local\n');
        fs.writeFileSync(path.join(dir, 'first.js'), `// Keccel client\nconst token = '${TEST_TOKEN}';\nconsole.log(token);\n`);
        // A module docstring and a __future__ import: import os must come after both (python3 refuses it before).
        fs.writeFileSync(path.join(dir, 'second.py'), `"""Keccel client."""\nfrom __future__ import annotations\nimport sys\ntoken = '${otherToken}'\nprint(token)\n`);
        await moveTokenOf('first.js');
        await moveTokenOf('second.py');

        const env = fs.readFileSync(path.join(folder, '.env'), 'utf8');
        assert.match(env, /^APP_ENV=local$/m);
        assert.match(env, new RegExp(`^KECCEL_TOKEN=${TEST_TOKEN}$`, 'm'), "the first account's token was overwritten");
        assert.match(env, new RegExp(`^KECCEL_TOKEN_BOUTIQUE_ELEGANCE=${otherToken}$`, 'm'));
        assert.match(fs.readFileSync(path.join(dir, 'second.py'), 'utf8'), /os\.environ\["KECCEL_TOKEN_BOUTIQUE_ELEGANCE"\]/);
        const variables = Object.fromEntries(env.split('\n').filter((l) => l.includes('=')).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
        const runEnv = { ...process.env, ...variables };
        assert.strictEqual(execFileSync(process.execPath, [path.join(dir, 'first.js')], { encoding: 'utf8', env: runEnv }).trim(), TEST_TOKEN);
        assert.strictEqual(execFileSync('python3', [path.join(dir, 'second.py')], { encoding: 'utf8', env: runEnv }).trim(), otherToken);
        assert.ok(notifications.texts.some((t) => t.includes('KECCEL_TOKEN_BOUTIQUE_ELEGANCE')), notifications.texts.join(' | '));
        assert.ok(!notifications.texts.some((t) => t.includes(otherToken) || t.includes(TEST_TOKEN)), 'a notification shows a token');
      } finally {
        notifications.dispose();
        await vscode.commands.executeCommand('keccel.removeAccount', { name: 'Boutique Élégance' });
        await configure({ accounts: undefined });
        await vscode.commands.executeCommand('workbench.action.closeAllEditors');
        for (const name of ['first.js', 'second.py']) fs.rmSync(path.join(dir, name), { force: true });
        fs.rmSync(path.join(folder, '.env'), { force: true });
        fs.rmSync(path.join(folder, '.gitignore'), { force: true });
        await other.stop();
      }
    });

    it('a committed template (.env.example) holding the token is flagged and found, unlike .env', async () => {
      fs.writeFileSync(path.join(dir, '.env.example'), `KECCEL_TOKEN=${TEST_TOKEN}\n`);
      const document = await open('.env.example');
      await waitFor('the token-in-file diagnostic in .env.example', () => smsDiagnostics(document.uri, 'token-in-file').length > 0);
      const places = await vscode.commands.executeCommand<Array<{ uri: vscode.Uri; line: number }>>('keccel.findTokenInWorkspace');
      assert.ok(places.some((p) => p.uri.fsPath === path.join(dir, '.env.example')), JSON.stringify(places));
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      fs.rmSync(path.join(dir, '.env.example'), { force: true });
    });

    /** Runs the quick fix on `name` (holding the token) and expects it refused: nothing written, the file unchanged. */
    async function expectMoveRefused(name: string): Promise<void> {
      const { document, moved } = await runMoveToken(name);
      assert.strictEqual(moved, false);
      assert.ok(document.getText().includes(TEST_TOKEN), 'the literal was replaced although the token went nowhere safe');
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    }

    it('the quick fix never writes the token through a .env that is a link (here to a file outside the workspace)', async () => {
      const folder = vscode.workspace.workspaceFolders![0].uri.fsPath;
      const outside = fs.mkdtempSync(path.join(path.dirname(folder), 'outside-'));
      const target = path.join(outside, 'shared.txt');
      fs.symlinkSync(target, path.join(folder, '.env')); // dangling: a write would create the target
      fs.writeFileSync(path.join(dir, 'linked.js'), `// Keccel client\nconst token = '${TEST_TOKEN}';\n`);
      try {
        await expectMoveRefused('linked.js');
        assert.ok(!fs.existsSync(target) || !fs.readFileSync(target, 'utf8').includes(TEST_TOKEN), 'the token was written outside the workspace');
      } finally {
        fs.rmSync(path.join(folder, '.env'), { force: true });
        fs.rmSync(path.join(folder, '.gitignore'), { force: true });
        fs.rmSync(outside, { recursive: true, force: true });
        fs.rmSync(path.join(dir, 'linked.js'), { force: true });
      }
    });

    it('the quick fix never writes the token to a .env that git tracks (.gitignore cannot hide it then)', async () => {
      const folder = vscode.workspace.workspaceFolders![0].uri.fsPath;
      fs.writeFileSync(path.join(folder, '.env'), 'APP_ENV=local\n');
      execFileSync('git', ['init', '-q'], { cwd: folder });
      execFileSync('git', ['add', '.env'], { cwd: folder });
      fs.writeFileSync(path.join(dir, 'tracked.js'), `// Keccel client\nconst token = '${TEST_TOKEN}';\n`);
      try {
        await expectMoveRefused('tracked.js');
        assert.ok(!fs.readFileSync(path.join(folder, '.env'), 'utf8').includes(TEST_TOKEN), 'the token was written to a .env that git commits');
      } finally {
        fs.rmSync(path.join(folder, '.git'), { recursive: true, force: true });
        fs.rmSync(path.join(folder, '.env'), { force: true });
        fs.rmSync(path.join(folder, '.gitignore'), { force: true });
        fs.rmSync(path.join(dir, 'tracked.js'), { force: true });
      }
    });

    it('keccel.findTokenInWorkspace lists a file named "$(alert) …" as that text, not with an icon drawn', async () => {
      const name = '$(alert) urgent.txt';
      fs.writeFileSync(path.join(dir, name), `token: ${TEST_TOKEN}\n`);
      const window = vscode.window as unknown as { showErrorMessage: (...args: unknown[]) => Thenable<unknown> };
      const original = window.showErrorMessage;
      window.showErrorMessage = async (...args: unknown[]) => (String(args[0]).includes('place(s)') ? 'Open' : original.apply(vscode.window, args));
      const inputs = watchQuickInputs();
      try {
        await vscode.commands.executeCommand('keccel.findTokenInWorkspace');
        const pick = await waitFor('the quick pick of the places', () => inputs.quickPicks.find((p) => p.items.length > 0));
        const row = pick.items.find((item) => item.label.includes('urgent.txt'));
        assert.ok(row, pick.items.map((item) => item.label).join(' | '));
        // VS Code draws `$(alert)` in a row's label as an icon; `\$(alert)` as the text "$(alert)".
        assert.match(row.label, /\\\$\(alert\)/, row.label);
        pick.hide();
      } finally {
        window.showErrorMessage = original;
        inputs.dispose();
        fs.rmSync(path.join(dir, name), { force: true });
      }
    });

    it("keccel.findTokenInWorkspace finds the token of an account that is not this window's too", async () => {
      const otherToken = 'it-other-account-token-5c1e';
      const other = new KeccelSimulator({ port: 0, token: otherToken, balance: 40 });
      const baseUrl = await other.start();
      try {
        assert.deepStrictEqual(await vscode.commands.executeCommand('keccel.addAccount', { name: 'Other Client', token: otherToken, baseUrl }), { name: 'Other Client' });
        fs.writeFileSync(path.join(dir, 'other-client.txt'), `one\ntwo\nclient token: ${otherToken}\n`);
        const places = await vscode.commands.executeCommand<Array<{ uri: vscode.Uri; line: number }>>('keccel.findTokenInWorkspace');
        const found = places.find((p) => p.uri.fsPath === path.join(dir, 'other-client.txt'));
        assert.strictEqual(found?.line, 3, JSON.stringify(places));
        assert.ok(!JSON.stringify(places).includes(otherToken));
      } finally {
        await vscode.commands.executeCommand('keccel.removeAccount', { name: 'Other Client' });
        await configure({ accounts: undefined });
        fs.rmSync(path.join(dir, 'other-client.txt'), { force: true });
        await other.stop();
      }
    });
  });
});
