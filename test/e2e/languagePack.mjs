// The stub French language pack of the French journey (fixtures/fr-language-pack). code-server 4.139 ignores
// `--locale fr` unless a French language pack is installed, and installing one with --install-extension does not write
// the user-data-dir's languagepacks.json that the server reads at start: both are done here, offline, per run.
// The pack translates nothing of VS Code itself (the workbench stays English); it only lets VS Code run in French,
// so that `vscode.env.language` is "fr" and the extension loads package.nls.fr.json and l10n/bundle.l10n.fr.json.
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const packDir = path.join(here, 'fixtures', 'fr-language-pack');

/**
 * Packages the stub pack into `runDir` with the project's vsce, installs it in the run's extensions-dir and writes
 * `<user-data-dir>/languagepacks.json`. Call before code-server starts; start it with `--locale fr`.
 * @param {{ runDir: string, extensionsDir: string, userDataDir: string }} layout
 * @param {(layout: object, vsix: string) => string} installExtension scripts/lib/codeServer.mjs's installer
 * @param {string} repoRoot where node_modules/.bin/vsce lives
 * @returns {string} the installer's last line
 */
export function installFrenchLanguagePack(layout, installExtension, repoRoot) {
  const manifest = JSON.parse(fs.readFileSync(path.join(packDir, 'package.json'), 'utf8'));
  const vsix = path.join(layout.runDir, 'fr-language-pack.vsix');
  const vsce = spawnSync(path.join(repoRoot, 'node_modules', '.bin', 'vsce'),
    ['package', '--no-dependencies', '--allow-missing-repository', '-o', vsix],
    { cwd: packDir, encoding: 'utf8', timeout: 60_000 });
  if (vsce.status !== 0 || !fs.existsSync(vsix)) {
    throw new Error(`vsce package of the French stub pack failed (${vsce.status ?? vsce.signal}):\n${vsce.stdout}\n${vsce.stderr}`);
  }
  const installed = installExtension(layout, vsix).split('\n').pop();

  const id = `${manifest.publisher}.${manifest.name}`;
  const translations = path.join(layout.extensionsDir, `${id}-${manifest.version}`, 'translations', 'main.i18n.json');
  if (!fs.existsSync(translations)) throw new Error(`the French stub pack is not where expected after install: ${translations}`);
  // The hash only names VS Code's cache of the pack's translations: any stable 32-hex value does.
  const hash = crypto.createHash('md5').update(`${id}@${manifest.version}`).digest('hex');
  const languagePacks = {
    fr: {
      hash,
      extensions: [{ extensionIdentifier: { id }, version: manifest.version }],
      translations: { vscode: translations },
      label: manifest.contributes.localizations[0].localizedLanguageName,
    },
  };
  fs.mkdirSync(layout.userDataDir, { recursive: true });
  fs.writeFileSync(path.join(layout.userDataDir, 'languagepacks.json'), `${JSON.stringify(languagePacks)}\n`);
  return installed;
}
