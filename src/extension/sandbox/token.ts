// The sandbox token: made once per installation and kept in globalState, so an app's `.env` stays valid across
// restarts. It opens only the local simulator (no account, no credit), so it is not a secret of value; it is still
// kept out of settings (which get synced and committed) and masked in every log line.
import { randomBytes } from 'node:crypto';
import type * as vscode from 'vscode';

export const SANDBOX_TOKEN_KEY = 'keccel.sandbox.token';

/** The installation's sandbox token, created on first use. */
export async function sandboxToken(state: vscode.Memento): Promise<string> {
  const existing = state.get<string>(SANDBOX_TOKEN_KEY);
  if (typeof existing === 'string' && existing.length >= 16) return existing;
  const token = `sandbox-${randomBytes(12).toString('hex')}`;
  await state.update(SANDBOX_TOKEN_KEY, token);
  return token;
}

/** The connection as `.env` lines, as the README's snippets and the copyAsCode snippets read them. */
export function envLines(connection: { baseUrl: string; token: string }): string {
  return `KECCEL_BASE_URL=${connection.baseUrl}\nKECCEL_TOKEN=${connection.token}\n`;
}
