#!/usr/bin/env node
// `npm start` (= `npm run package && node scripts/start.mjs`): a real VS Code (code-server) on 127.0.0.1 with the
// packaged extension installed and the sandbox on (KECCEL_SANDBOX=1 reaches the extension host, which starts the
// built-in simulator at activation), so every feature can be tried with no account and no network. Provisions
// Node 24 and code-server on first use. Stays in the foreground; Ctrl+C stops it cleanly.
//   PORT=9000 npm start     port (default 8080, or a free one when 8080 is taken)
// State (settings, history) is kept in .e2e/start/ between starts; the token lives in your browser's storage.
import fs from 'node:fs';
import path from 'node:path';
import { freePort, installExtension, portIsFree, runLayout, startCodeServer, tail } from './lib/codeServer.mjs';
import { repoRoot, vsixPath } from './lib/paths.mjs';
import { ensureProvisioned } from './lib/provisioning.mjs';

const HOST = '127.0.0.1';
const log = (line) => console.log(`[start] ${line}`);

const USAGE = `Usage: npm start   (or: node scripts/start.mjs after npm run package)

Opens a real VS Code (code-server) on http://${HOST}:8080/ with the packaged extension installed and the sandbox on.
Provisions Node 24 and code-server on first use. Stays in the foreground; Ctrl+C stops it.

Environment:
  PORT=9000           the port (default 8080, or a free one when 8080 is taken)
  KECCEL_CACHE_DIR    where Node 24 and code-server are cached (default ~/.cache/keccel-sms)

Options:
  -h, --help          print this help and exit

State (settings, history) is kept in .e2e/start/ between starts.
`;

/** True when the arguments ask for the usage; exits with the usage on stderr for any other argument. */
function wantsHelp(args) {
  const unknown = args.find((arg) => arg !== '--help' && arg !== '-h');
  if (unknown !== undefined) {
    console.error(`start: unknown argument "${unknown}"\n\n${USAGE}`);
    process.exit(2);
  }
  return args.length > 0;
}

async function choosePort() {
  if (process.env.PORT) {
    const port = Number(process.env.PORT);
    if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`PORT=${process.env.PORT} is not a port number`);
    if (!(await portIsFree(port, HOST))) throw new Error(`port ${port} (from $PORT) is already in use`);
    return port;
  }
  if (await portIsFree(8080, HOST)) return 8080;
  const port = await freePort(HOST);
  log(`port 8080 is taken: using ${port}`);
  return port;
}

async function main() {
  if (wantsHelp(process.argv.slice(2))) {
    process.stdout.write(USAGE);
    return;
  }
  if (!fs.existsSync(vsixPath)) throw new Error(`${path.relative(repoRoot, vsixPath)} is missing: run "npm run package" first`);
  await ensureProvisioned();
  const layout = runLayout(path.join(repoRoot, '.e2e', 'start'));
  log(installExtension(layout, vsixPath, { force: true }).split('\n').pop());
  const port = await choosePort();
  const server = await startCodeServer({
    layout,
    port,
    host: HOST,
    env: { KECCEL_SANDBOX: '1' },
    settings: { 'workbench.startupEditor': 'none' },
  });

  let stopping = false;
  const stop = async (why) => {
    if (stopping) return;
    stopping = true;
    log(`${why}: stopping code-server...`);
    await server.stop();
    log('stopped.');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('Ctrl+C'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  void server.exited.then(() => {
    if (stopping) return;
    console.error(`[start] code-server exited on its own; log tail:\n${tail(layout.logFile, 20)}`);
    process.exit(1);
  });

  log('Keccel SMS is running in a real VS Code, in sandbox mode (no account, nothing is sent or charged).');
  log(`open ${server.url}/`);
  log(`code-server log: ${path.relative(repoRoot, layout.logFile)}; press Ctrl+C to stop.`);
}

main().catch((error) => {
  console.error(`[start] ${error.message}`);
  process.exit(1);
});
