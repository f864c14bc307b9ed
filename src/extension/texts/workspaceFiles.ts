// The files of the workspace a workspace-wide check reads: VS Code's file search with `files.exclude` and
// `search.exclude` applied, minus what git ignores (vendor/, node_modules/, .env, build output). Without git, or
// outside a repository, only the two settings apply.
import { spawn } from 'node:child_process';
import * as vscode from 'vscode';

function excludeGlob(): string | undefined {
  const patterns = new Set<string>();
  for (const section of ['files.exclude', 'search.exclude']) {
    const value = vscode.workspace.getConfiguration().get<Record<string, unknown>>(section) ?? {};
    for (const [pattern, on] of Object.entries(value)) {
      if (on !== true) continue; // `{when: …}` conditions are left to VS Code's own views
      patterns.add(pattern);
      if (!pattern.endsWith('/**')) patterns.add(`${pattern}/**`);
    }
  }
  return patterns.size === 0 ? undefined : `{${[...patterns].join(',')}}`;
}

export async function workspaceFiles(include: string, token: vscode.CancellationToken): Promise<vscode.Uri[]> {
  const uris = await vscode.workspace.findFiles(include, excludeGlob() ?? null, undefined, token);
  return withoutGitIgnored(uris);
}

/** The URIs git does not ignore, per workspace folder (all of them when git cannot say). */
export async function withoutGitIgnored(uris: vscode.Uri[]): Promise<vscode.Uri[]> {
  const byFolder = new Map<string, { folder: vscode.WorkspaceFolder; uris: vscode.Uri[] }>();
  const kept: vscode.Uri[] = [];
  for (const uri of uris) {
    const folder = uri.scheme === 'file' ? vscode.workspace.getWorkspaceFolder(uri) : undefined;
    if (!folder) {
      kept.push(uri);
      continue;
    }
    const entry = byFolder.get(folder.uri.toString()) ?? { folder, uris: [] };
    entry.uris.push(uri);
    byFolder.set(folder.uri.toString(), entry);
  }
  for (const { folder, uris: inFolder } of byFolder.values()) {
    const relative = inFolder.map((uri) => vscode.workspace.asRelativePath(uri, false));
    const ignored = await gitIgnored(folder.uri.fsPath, relative);
    inFolder.forEach((uri, i) => {
      if (!ignored.has(relative[i])) kept.push(uri);
    });
  }
  return kept;
}

/** The paths among `paths` (relative to `cwd`) that git ignores; empty when git is missing or `cwd` is no repository. */
export function gitIgnored(cwd: string, paths: string[]): Promise<Set<string>> {
  return new Promise((resolve) => {
    if (paths.length === 0) return resolve(new Set());
    let out = '';
    const child = spawn('git', ['check-ignore', '--stdin', '-z'], { cwd, stdio: ['pipe', 'pipe', 'ignore'] });
    child.on('error', () => resolve(new Set()));
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    // 0: some ignored, 1: none ignored, 128: not a repository (or another error: nothing known to be ignored).
    child.on('close', (code) => resolve(code === 0 ? new Set(out.split('\0').filter(Boolean)) : new Set()));
    child.stdin.on('error', () => undefined);
    child.stdin.end(paths.join('\0') + '\0');
  });
}

/** True when `cwd` is inside a git work tree; false when it is not, or git is missing. */
export function insideGitRepository(cwd: string): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn('git', ['rev-parse', '--is-inside-work-tree'], { cwd, stdio: 'ignore' });
    child.on('error', () => resolve(false));
    child.on('close', (code) => resolve(code === 0));
  });
}
