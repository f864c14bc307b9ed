// The code-server test harness (scripts/lib/extensionTests.mjs, provisioning.mjs) as the benches that measure inside a real
// extension host load it: activation, the sandbox burst and the SMS texts probe.
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

export interface ExtensionTestsModule {
  runExtensionTests(options: {
    name: string;
    extensionDevelopmentPath: string;
    extensionTestsPath: string;
    settings?: Record<string, unknown>;
    env?: Record<string, string>;
    prepare?: (layout: { userDataDir: string; workspaceDir: string }) => Promise<void>;
    timeoutMs?: number;
    onLine?: (line: string) => void;
  }): Promise<{ code: number; durationMs: number }>;
}

/** The repository's root, from out/bench/ where the compiled benches run. */
export const repoRoot = path.resolve(__dirname, '..', '..');

// The harness is ES modules; tsc would turn import() into require() in this CommonJS output.
const importEsm = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<unknown>;

function scriptModule<T>(name: string): Promise<T> {
  return importEsm(pathToFileURL(path.join(repoRoot, 'scripts', 'lib', name)).href) as Promise<T>;
}

export function loadExtensionTests(): Promise<ExtensionTestsModule> {
  return scriptModule<ExtensionTestsModule>('extensionTests.mjs');
}

/** code-server and Chromium, downloaded once into the cache (npm run provision). */
export async function ensureProvisioned(): Promise<void> {
  await (await scriptModule<{ ensureProvisioned(): Promise<void> }>('provisioning.mjs')).ensureProvisioned();
}
