// Runs a generated "Copy as Code" snippet the way a user would: saved to a file and started with its language's
// interpreter, the token and the gateway in the environment only. An interpreter that is missing is an error that
// names the Debian packages (npm run provision installs them), never a skipped test.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SnippetLanguage } from '../../../src/core/snippets';

export interface SnippetRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

const FILE_NAMES: Record<SnippetLanguage, string> = {
  curl: 'keccel-sms.sh',
  php: 'keccel-sms.php',
  node: 'keccel-sms.mjs',
  python: 'keccel_sms.py',
};

const works = (command: string, args: string[]) => {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: 20_000 });
  return result.status === 0;
};

const interpreters = new Map<SnippetLanguage, string>();

/** The interpreter of a language, checked once; throws naming what to install when it is missing. */
export function interpreterFor(language: SnippetLanguage): string {
  const known = interpreters.get(language);
  if (known) return known;
  const found = findInterpreter(language);
  interpreters.set(language, found);
  return found;
}

function findInterpreter(language: SnippetLanguage): string {
  const missing = (what: string, packages: string) =>
    new Error(`The ${language} snippet cannot run: ${what} is missing on this machine. Install the Debian ` +
      `package(s) ${packages} (as root, \`npm run provision\` does it).`);
  switch (language) {
    case 'node':
      return process.execPath;
    case 'curl':
      if (!works('bash', ['--version'])) throw missing('bash', 'bash');
      if (!works('curl', ['--version'])) throw missing('curl', 'curl');
      return 'bash';
    case 'php':
      if (!works('php', ['-r', 'exit(extension_loaded("curl") ? 0 : 1);'])) throw missing('php with its curl extension', 'php-cli php-curl');
      return 'php';
    case 'python': {
      // The first python3 on PATH may be another install (pyenv...) without requests; Debian's has it once provisioned.
      const found = ['python3', '/usr/bin/python3'].find((python) => works(python, ['-c', 'import requests']));
      if (!found) throw missing('python3 with the requests module', 'python3 python3-requests');
      return found;
    }
  }
}

/**
 * Writes the snippet to a fresh folder and runs it (with `args`) with KECCEL_TOKEN and KECCEL_BASE_URL and nothing else of ours:
 * only PATH, HOME and pyenv's variables (its python3 shim needs them) come from this process.
 */
export async function runSnippet(
  language: SnippetLanguage,
  source: string,
  env: { token: string; baseUrl: string | undefined },
  args: string[] = [],
): Promise<SnippetRun> {
  const interpreter = interpreterFor(language);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'keccel-snippet-'));
  const file = path.join(dir, FILE_NAMES[language]);
  fs.writeFileSync(file, source);
  try {
    return await new Promise<SnippetRun>((resolve, reject) => {
      const child = spawn(interpreter, [file, ...args], {
        cwd: dir,
        // An undefined baseUrl leaves KECCEL_BASE_URL unset: the snippet's own fallback applies.
        env: { ...inherited(), KECCEL_TOKEN: env.token, ...(env.baseUrl === undefined ? {} : { KECCEL_BASE_URL: env.baseUrl }) },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function inherited(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH ?? '/usr/bin:/bin' };
  for (const [name, value] of Object.entries(process.env)) if (name === 'HOME' || name.startsWith('PYENV')) env[name] = value;
  return env;
}
