// A `message` whose value is a translation call, in the real extension host with a Laravel project: without
// keccel.smsTexts.files the hover says where the text lives and its link adds the lang files to the workspace
// setting; with them, the call site gets the worst locale's cost (diagnostic, inlay hint, a hover naming each locale
// file). Text from a lang file, a key or a literal that looks like Markdown or a command link stays plain text.
// keccel.checkSmsTexts reports and counts the calls of files nobody opened, as the open file would show them.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { waitFor } from '../support/harness';

const EVIL = '[x](command:keccel.clearToken) <img src=x onerror=alert(1)> **gras** $(zap) l’équipe vous écrit un texte assez long pour deux parties';
const FILES: Record<string, string> = {
  'app/Http/Controllers/OtpController.php': `<?php // Keccel
namespace App\\Http\\Controllers;

class OtpController
{
    public function send($client, $phone)
    {
        $client->send(['to' => $phone, 'message' => __('sms.welcome')]);
        $client->send(['to' => $phone, 'message' => __('sms.evil')]);
        $client->send(['to' => $phone, 'message' => __('[y](command:keccel.clearToken)')]);
        $client->send(['to' => $phone, 'message' => __('Your code is ready')]);
    }
}
`,
  // Never opened before the workspace check's test.
  'app/Http/Controllers/ReminderController.php': reminderController(1),
  'lang/fr/sms.php': `<?php\n\nreturn [\n    'welcome' => 'Votre code : %OTP%. L’équipe vous dit « merci » – à bientôt…',\n    'evil' => '${EVIL}',\n    'reminder' => 'Rappel : votre rendez-vous est demain – à bientôt',\n];\n`,
  'lang/en/sms.php': `<?php\n\nreturn [\n    'welcome' => 'Your code: %OTP%. Thanks!',\n    'evil' => 'Plain',\n    'reminder' => 'Reminder: see you tomorrow',\n];\n`,
  'lang/fr.json': '{\n  "Your code is ready": "Votre code est prêt – merci",\n  "[w](command:keccel.clearToken) ready": "Code prêt – merci"\n}\n',
  // Never opened either: a key that looks like a command link, which a lang file holds.
  'app/Http/Controllers/LinkController.php': "<?php // Keccel\n$client->send(['to' => $phone, 'message' => __('[w](command:keccel.clearToken) ready')]);\n",
  'resources/js/notify.js': "// Keccel\nexport const body = (phone) => ({ to: phone, message: t('otp.sent') });\n// keccel-sms\nexport const raw = '[z](command:keccel.clearToken) <b>gras</b> l’équipe vous écrit un texte assez long pour deux parties, vraiment';\n",
  'locales/fr/translation.json': '{ "otp": { "sent": "Code envoyé – merci" } }\n',
};
const ROOT = 'sms-translations-it';

/** A Laravel controller that sends the `sms.reminder` translation `calls` times (one call per line). */
function reminderController(calls: number): string {
  const sends = Array.from({ length: calls }, () => "        $client->send(['to' => $phone, 'message' => __('sms.reminder')]);");
  return `<?php // Keccel\nnamespace App\\Http\\Controllers;\n\nclass ReminderController\n{\n    public function send($client, $phone)\n    {\n${sends.join('\n')}\n    }\n}\n`;
}

let dir: string;
const uriOf = (name: string) => vscode.Uri.file(path.join(dir, name));

async function open(name: string): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(uriOf(name));
  await vscode.window.showTextDocument(document, { preview: false });
  return document;
}

/** The hovers' Markdown as VS Code gets it (escapes included). */
async function rawHover(document: vscode.TextDocument, needle: string): Promise<string> {
  const position = document.positionAt(document.getText().indexOf(needle) + 2);
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position);
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');
}

/** What the user reads (Markdown escapes removed). */
const readable = (markdown: string) => markdown.replace(/\\([!-/:-@[-`{-~])/g, '$1');

async function hintLabels(document: vscode.TextDocument): Promise<Array<{ line: number; label: string }>> {
  const hints = await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', document.uri, new vscode.Range(0, 0, document.lineCount, 0));
  return hints.map((h) => ({ line: h.position.line, label: typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join('') }));
}

function assertPlain(markdown: string): void {
  assert.ok(!markdown.includes('](command:keccel.clearToken'), `a command link formed:\n${markdown}`);
  assert.ok(!/(?<!\\)<(img|b)\b/.test(markdown), `HTML passed through:\n${markdown}`);
  for (const [, target] of markdown.matchAll(/\]\((command:[^)?]+)/g)) assert.strictEqual(target, 'command:keccel.texts.addTranslationFiles');
}

const filesSetting = () => vscode.workspace.getConfiguration('keccel.smsTexts').inspect<string[]>('files')?.workspaceValue;

describe('SMS texts behind translation calls (Laravel, i18next)', () => {
  before(async () => {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    assert.ok(folder, 'the integration run opens a folder');
    dir = path.join(folder, ROOT);
    fs.rmSync(dir, { recursive: true, force: true });
    for (const [name, text] of Object.entries(FILES)) {
      fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      fs.writeFileSync(path.join(dir, name), text);
    }
    await vscode.workspace.getConfiguration('keccel.smsTexts').update('files', undefined, vscode.ConfigurationTarget.Workspace);
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.getConfiguration('keccel.smsTexts').update('files', undefined, vscode.ConfigurationTarget.Workspace);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('without keccel.smsTexts.files, the hover says where the text lives, and its link adds the lang files to the workspace setting', async () => {
    const document = await open('app/Http/Controllers/OtpController.php');
    const markdown = await waitFor('the hover on the translation call', async () => {
      const found = await rawHover(document, "__('sms.welcome')");
      return found.includes('addTranslationFiles') ? found : undefined;
    });
    const text = readable(markdown);
    assert.match(text, /sms\.welcome/, text);
    assert.ok(text.includes(`${ROOT}/lang/en/sms.php`) && text.includes(`${ROOT}/lang/fr/sms.php`), text);
    assert.ok(text.includes(`Add ${ROOT}/lang/*/sms.php to keccel.smsTexts.files`), text);
    assertPlain(markdown);
    const [, link] = /\]\(command:keccel\.texts\.addTranslationFiles\?([^)]*)\)/.exec(markdown) ?? [];
    assert.ok(link, markdown);
    const args = JSON.parse(decodeURIComponent(link)) as unknown[];
    await vscode.commands.executeCommand('keccel.texts.addTranslationFiles', ...args);
    assert.deepStrictEqual(filesSetting(), [`${ROOT}/lang/*/sms.php`]);
  });

  it('with the lang files listed, the call shows the worst locale\'s cost: diagnostic, inlay hint, hover naming each locale file', async () => {
    const document = await open('app/Http/Controllers/OtpController.php');
    const line = document.positionAt(document.getText().indexOf("__('sms.welcome')")).line;
    const [diagnostic] = await waitFor('the diagnostic on the call', () => {
      const found = vscode.languages.getDiagnostics(document.uri)
        .filter((d) => d.source === 'Keccel SMS' && d.code === 'sms-ucs2-avoidable' && d.range.start.line === line);
      return found.length > 0 ? found : undefined;
    });
    assert.strictEqual(diagnostic.severity, vscode.DiagnosticSeverity.Warning);
    assert.ok(diagnostic.message.includes(`${ROOT}/lang/fr/sms.php`), diagnostic.message);
    assert.ok(!diagnostic.message.includes('lang/en/sms.php'), 'the English text is GSM-7');
    const hints = await waitFor('the inlay hint', async () => {
      const found = (await hintLabels(document)).filter((h) => h.line === line);
      return found.length > 0 ? found : undefined;
    });
    assert.deepStrictEqual(hints.map((h) => h.label), ['UCS-2 · 1 SMS']);
    const text = readable(await rawHover(document, "__('sms.welcome')"));
    assert.match(text, /fr — sms-translations-it\/lang\/fr\/sms\.php: UCS-2 · 1 SMS/, text);
    assert.match(text, /en — sms-translations-it\/lang\/en\/sms\.php: GSM-7 · 1 SMS/, text);
    assert.match(text, /’ \(U\+2019\) → '/, text);
  });

  it('a call\'s key typed in the editor is looked up again: its diagnostic and hint follow the key', async () => {
    const document = await open('app/Http/Controllers/OtpController.php');
    const at = document.getText().indexOf("__('sms.welcome')") + "__('sms.".length;
    const line = document.positionAt(at).line;
    const hintOnLine = async () => (await hintLabels(document)).find((h) => h.line === line)?.label;
    const diagnosed = () => vscode.languages.getDiagnostics(document.uri).some((d) => d.source === 'Keccel SMS' && d.range.start.line === line);
    await waitFor('the hint and the diagnostic on the call', async () => (diagnosed() && (await hintOnLine()) === 'UCS-2 · 1 SMS') || undefined);
    const editor = await vscode.window.showTextDocument(document);
    // A key no lang file holds: no known cost, so neither a diagnostic nor a hint.
    assert.ok(await editor.edit((edit) => edit.insert(document.positionAt(at), 'x')));
    await waitFor('the diagnostic and the hint gone with the unknown key', async () => (!diagnosed() && (await hintOnLine()) === undefined) || undefined);
    assert.ok(await editor.edit((edit) => edit.delete(new vscode.Range(document.positionAt(at), document.positionAt(at + 1)))));
    await waitFor('the diagnostic and the hint back with the key', async () => (diagnosed() && (await hintOnLine()) === 'UCS-2 · 1 SMS') || undefined);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('a lang file\'s text, a key and a literal that look like Markdown or a command link are shown as plain text', async () => {
    const controller = await open('app/Http/Controllers/OtpController.php');
    const evil = await waitFor('the hover of the hostile text', async () => {
      const found = await rawHover(controller, "__('sms.evil')");
      return readable(found).includes('UCS-2') ? found : undefined;
    });
    assertPlain(evil);
    assert.ok(readable(evil).includes(EVIL.slice(0, 60)), readable(evil));
    const key = await rawHover(controller, "__('[y]");
    assertPlain(key);
    assert.ok(readable(key).includes('[y](command:keccel.clearToken)'), readable(key));

    const lang = await open('lang/fr/sms.php');
    const inFile = await waitFor('the hover in the lang file', async () => {
      const found = await rawHover(lang, "'[x]");
      return readable(found).includes('UCS-2') ? found : undefined;
    });
    assertPlain(inFile);
    const js = await open('resources/js/notify.js');
    const literal = await waitFor('the hover on the marked literal', async () => {
      const found = await rawHover(js, "'[z]");
      return readable(found).includes('UCS-2') ? found : undefined;
    });
    assertPlain(literal);
    assert.ok(readable(literal).includes('[z](command:keccel.clearToken) <b>gras</b>'), readable(literal));
  });

  it('resolves Laravel JSON keys and i18next keys once their files are listed', async () => {
    await vscode.workspace.getConfiguration('keccel.smsTexts').update('files',
      [`${ROOT}/lang/*/sms.php`, `${ROOT}/lang/*.json`, `${ROOT}/locales/*/translation.json`], vscode.ConfigurationTarget.Workspace);
    const controller = await open('app/Http/Controllers/OtpController.php');
    const jsonLine = controller.positionAt(controller.getText().indexOf("__('Your code is ready')")).line;
    await waitFor('the hint on the JSON key', async () => (await hintLabels(controller)).some((h) => h.line === jsonLine && h.label === 'UCS-2 · 1 SMS') || undefined);
    const js = await open('resources/js/notify.js');
    await waitFor('the hint on t(\'otp.sent\')', async () => (await hintLabels(js)).some((h) => h.line === 1 && h.label === 'UCS-2 · 1 SMS') || undefined);
    assert.match(readable(await rawHover(js, "t('otp.sent')")), /fr — sms-translations-it\/locales\/fr\/translation\.json: UCS-2 · 1 SMS/);
  });

  it('a lang file edited and saved in the editor gives the call its new cost', async () => {
    const controller = await open('app/Http/Controllers/OtpController.php');
    const line = controller.positionAt(controller.getText().indexOf("__('sms.welcome')")).line;
    const lang = await open('lang/fr/sms.php');
    const edit = new vscode.WorkspaceEdit();
    const start = lang.getText().indexOf('Votre code');
    const end = lang.getText().indexOf("',", start);
    edit.replace(lang.uri, new vscode.Range(lang.positionAt(start), lang.positionAt(end)), 'Votre code : %OTP%. Merci !');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await lang.save();
    await waitFor('the GSM-7 hint on the call', async () => (await hintLabels(controller)).some((h) => h.line === line && h.label === 'GSM-7 · 1 SMS') || undefined);
    await waitFor('the diagnostic gone', () => !vscode.languages.getDiagnostics(controller.uri).some((d) => d.range.start.line === line && d.source === 'Keccel SMS') || undefined);
  });

  it('keccel.checkSmsTexts reports and counts the calls of a file not open, as the open file shows them; without the setting, nothing', async () => {
    const reminder = uriOf('app/Http/Controllers/ReminderController.php');
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === reminder.toString()), 'the controller is not open');
    const check = async () => {
      const result = await vscode.commands.executeCommand<{ files: number; texts: number; problems: number }>('keccel.checkSmsTexts');
      assert.ok(result, 'no result');
      return result;
    };
    const ours = () => vscode.languages.getDiagnostics(reminder).filter((d) => d.source === 'Keccel SMS')
      .map((d) => ({ line: d.range.start.line, range: [d.range.start.character, d.range.end.character], code: d.code, severity: d.severity, message: d.message }))
      .sort((a, b) => a.line - b.line);

    await vscode.workspace.getConfiguration('keccel.smsTexts').update('files', undefined, vscode.ConfigurationTarget.Workspace);
    await check();
    assert.deepStrictEqual(ours(), [], 'without keccel.smsTexts.files the call is not resolved');

    await vscode.workspace.getConfiguration('keccel.smsTexts').update('files',
      [`${ROOT}/lang/*/sms.php`, `${ROOT}/lang/*.json`, `${ROOT}/locales/*/translation.json`], vscode.ConfigurationTarget.Workspace);
    const one = await check();
    const [reported] = ours();
    assert.ok(reported, 'the check reports the call of the closed controller');
    assert.strictEqual(reported.code, 'sms-ucs2-avoidable');
    assert.strictEqual(reported.severity, vscode.DiagnosticSeverity.Warning);
    assert.ok(reported.message.includes('sms.reminder') && reported.message.includes(`${ROOT}/lang/fr/sms.php`), reported.message);
    assert.ok(!reported.message.includes('lang/en/sms.php'), 'the English text is GSM-7');
    const [link] = vscode.languages.getDiagnostics(uriOf('app/Http/Controllers/LinkController.php')).filter((d) => d.source === 'Keccel SMS');
    assert.ok(link, 'the check reports the call whose key looks like a link');
    assert.ok(link.message.includes('keccel.clearToken') && !/\]\(|command:/.test(link.message), link.message);

    // One more call in the closed file: one more text and one more problem, nothing else changed.
    fs.writeFileSync(reminder.fsPath, reminderController(2));
    const two = await check();
    assert.deepStrictEqual([two.texts - one.texts, two.problems - one.problems], [1, 1], `${JSON.stringify(one)} then ${JSON.stringify(two)}`);
    const checked = ours();
    assert.deepStrictEqual(checked.map((d) => d.line), [7, 8], JSON.stringify(checked));

    // Back to one call, then opened: the editor's own diagnostic replaces the check's two, and is the check's first.
    fs.writeFileSync(reminder.fsPath, reminderController(1));
    await open('app/Http/Controllers/ReminderController.php');
    await waitFor('the open file\'s diagnostic, the same as the check\'s', () => JSON.stringify(ours()) === JSON.stringify([checked[0]]) || undefined);
  });
});
