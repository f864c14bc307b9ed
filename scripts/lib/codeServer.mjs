// Starts one code-server (the real VS Code workbench + Node extension host) for one run, fully isolated:
// its own free loopback port, user-data-dir, extensions-dir, XDG_* folders and TMPDIR under a per-run folder,
// so nothing leaks into ~/.config or /tmp and parallel runs never meet. It is started detached (its own process
// group) and stopped by that group, so the extension host and its children go with it.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { codeServerEntry, node24Bin } from './paths.mjs';

/** Settings every harness run wants: no startup editor, tips, telemetry, update checks or trust prompts. */
export const QUIET_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.disableAIFeatures': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
  'window.restoreWindows': 'none',
};

/** A fresh per-run folder (kept on failure for the logs, removed by `cleanup()` otherwise). */
export function makeRunDir(name) {
  const root = path.join(os.tmpdir(), 'keccel-harness');
  fs.mkdirSync(root, { recursive: true });
  return fs.mkdtempSync(path.join(root, `${name}-`));
}

export function removeRunDir(runDir) {
  fs.rmSync(runDir, { recursive: true, force: true, maxRetries: 3 });
}

/** True when `port` can be bound on `host` right now. */
export function portIsFree(port, host = '127.0.0.1') {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

export async function freePort(host = '127.0.0.1') {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, host, () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** The folders of one run; created on demand. */
export function runLayout(runDir) {
  const layout = {
    runDir,
    userDataDir: path.join(runDir, 'user-data'),
    extensionsDir: path.join(runDir, 'extensions'),
    workspaceDir: path.join(runDir, 'workspace'),
    xdgConfig: path.join(runDir, 'xdg-config'),
    xdgData: path.join(runDir, 'xdg-data'),
    xdgCache: path.join(runDir, 'xdg-cache'),
    tmpDir: path.join(runDir, 'tmp'),
    logFile: path.join(runDir, 'code-server.log'),
  };
  for (const [key, dir] of Object.entries(layout)) if (key !== 'logFile' && key !== 'runDir') fs.mkdirSync(dir, { recursive: true });
  return layout;
}

/** code-server's environment: Node 24 first on PATH, per-run XDG/TMPDIR, nothing from a surrounding VS Code. */
function serverEnv(layout, extraEnv) {
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    // A terminal inside VS Code exports VSCODE_IPC_HOOK_CLI & co., which would make code-server talk to that one.
    if (key.startsWith('VSCODE_') || key === 'ELECTRON_RUN_AS_NODE' || key.toLowerCase().startsWith('npm_')) continue;
    env[key] = value;
  }
  return {
    ...env,
    PATH: `${path.dirname(node24Bin)}${path.delimiter}${process.env.PATH ?? ''}`,
    XDG_CONFIG_HOME: layout.xdgConfig,
    XDG_DATA_HOME: layout.xdgData,
    XDG_CACHE_HOME: layout.xdgCache,
    TMPDIR: layout.tmpDir,
    ...extraEnv,
  };
}

export function writeUserSettings(layout, settings) {
  const dir = path.join(layout.userDataDir, 'User');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'settings.json'), `${JSON.stringify({ ...QUIET_SETTINGS, ...settings }, null, 2)}\n`);
  // VS Code's machine-scoped settings are read from the remote machine's own file in code-server (the extension host
  // runs there): the walkthrough switch must be there too for the extension to see it.
  const machine = Object.fromEntries(Object.entries(settings).filter(([key]) => MACHINE_SETTINGS.includes(key)));
  if (Object.keys(machine).length > 0) {
    const machineDir = path.join(layout.userDataDir, 'Machine');
    fs.mkdirSync(machineDir, { recursive: true });
    fs.writeFileSync(path.join(machineDir, 'settings.json'), `${JSON.stringify(machine, null, 2)}\n`);
  }
}

/** Settings of `settings` that are also written to the remote machine's settings file (see writeUserSettings). */
const MACHINE_SETTINGS = ['workbench.welcomePage.walkthroughs.openOnInstall'];

/** `code-server --install-extension file.vsix` into the run's extensions-dir (offline, under a second). */
export function installExtension(layout, vsix, { force = false } = {}) {
  const result = spawnSync(node24Bin, [
    codeServerEntry, '--extensions-dir', layout.extensionsDir, '--user-data-dir', layout.userDataDir,
    '--install-extension', vsix, ...(force ? ['--force'] : []),
  ], { env: serverEnv(layout, {}), encoding: 'utf8', timeout: 60_000 });
  if (result.status !== 0) {
    throw new Error(`code-server --install-extension ${vsix} failed (${result.status ?? result.signal}):\n` +
      `${result.stdout}\n${result.stderr}`);
  }
  return result.stdout.trim();
}

/**
 * Starts code-server and resolves once /healthz answers.
 * @param {object} options
 * @param {ReturnType<typeof runLayout>} options.layout
 * @param {Record<string, unknown>} [options.settings] user settings written before start
 * @param {Record<string, string>} [options.env] extra environment (reaches the extension host)
 * @param {boolean} [options.testDriver] adds `--vscode-option enable-smoke-test-driver` (the URL payload then sets
 *   extensionDevelopmentPath / extensionTestsPath, since code-server rejects those flags)
 * @param {string[]} [options.extraArgs] more code-server arguments, before the folder (e.g. `['--locale', 'fr']`)
 * @param {number} [options.port] default: a free one
 * @param {string} [options.host] default 127.0.0.1
 */
export async function startCodeServer({ layout, settings = {}, env = {}, testDriver = false, extraArgs = [], port, host = '127.0.0.1' }) {
  writeUserSettings(layout, settings);
  const chosenPort = port ?? await freePort(host);
  const args = [
    codeServerEntry,
    '--auth', 'none',
    '--bind-addr', `${host}:${chosenPort}`,
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override',
    '--extensions-dir', layout.extensionsDir,
    '--user-data-dir', layout.userDataDir,
  ];
  if (testDriver) args.push('--vscode-option', 'enable-smoke-test-driver');
  args.push(...extraArgs, layout.workspaceDir);

  const logFd = fs.openSync(layout.logFile, 'a');
  const child = spawn(node24Bin, args, {
    detached: true,
    stdio: ['ignore', logFd, logFd],
    env: serverEnv(layout, env),
    cwd: layout.workspaceDir,
  });
  fs.closeSync(logFd);
  let exited = null;
  const exitPromise = new Promise((resolve) => child.on('exit', (code, signal) => { exited = signal ?? code; resolve(); }));
  child.on('error', () => {});

  const stop = async () => {
    process.removeListener('exit', killOnExit);
    if (exited !== null) return;
    signalGroup(child.pid, 'SIGTERM');
    const timer = setTimeout(() => signalGroup(child.pid, 'SIGKILL'), 5000);
    await exitPromise;
    clearTimeout(timer);
    // The extension host may outlive the server process for a moment: make sure the whole group is gone.
    signalGroup(child.pid, 'SIGKILL');
  };
  // Never leave a detached server behind if the runner dies (timeout, exception, Ctrl+C).
  const killOnExit = () => signalGroup(child.pid, 'SIGKILL');
  process.on('exit', killOnExit);

  const url = `http://${host}:${chosenPort}`;
  try {
    await waitForHealth(url, () => exited, 60_000);
  } catch (error) {
    await stop();
    throw new Error(`${error.message}\n--- code-server log (${layout.logFile}) ---\n${tail(layout.logFile)}`);
  }
  return { url, port: chosenPort, host, layout, pid: child.pid, stop, exited: exitPromise };
}

function signalGroup(pid, signal) {
  try { process.kill(-pid, signal); } catch { /* already gone */ }
}

async function waitForHealth(url, exitedState, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exitedState() !== null) throw new Error(`code-server exited (${exitedState()}) before it was ready`);
    if (await healthy(`${url}/healthz`)) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`code-server did not answer ${url}/healthz within ${timeoutMs / 1000} s`);
}

function healthy(url) {
  return new Promise((resolve) => {
    const request = http.get(url, { timeout: 2000 }, (response) => {
      response.resume();
      resolve(response.statusCode === 200);
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(false));
  });
}

export function tail(file, lines = 40) {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** The workbench URL for `folder`, optionally with the smoke-test driver's payload (extension dev/test paths). */
export function workbenchUrl(server, { folder = server.layout.workspaceDir, extensionDevelopmentPath, extensionTestsPath } = {}) {
  let url = `${server.url}/?folder=${encodeURIComponent(folder)}`;
  const remote = (p) => `vscode-remote://${server.host}:${server.port}${p}`;
  const payload = [];
  if (extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remote(extensionDevelopmentPath)]);
  if (extensionTestsPath) payload.push(['extensionTestsPath', remote(extensionTestsPath)]);
  if (payload.length > 0) url += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  return url;
}
