// Wires the composer into the extension: what `keccel.openComposer` does (commands/registerCommands.ts registers
// it) and the serializer that brings the panel (and its draft) back after "Developer: Reload Window". Activation
// only registers the serializer; nothing is built or read until a panel opens.
import * as vscode from 'vscode';
import { isDraft, type ComposerDraft, type ComposerHostState, type ComposerPersistedState } from '../../common/composerProtocol';
import type { ComposerHost } from './composerHost';
import { COMPOSER_VIEW_TYPE, ComposerPanel, emptyDraft, webviewOptions, type ComposerPrefill } from './panel';

export type { ComposerHost } from './composerHost';
export { COMPOSER_VIEW_TYPE } from './panel';

/** Where the draft of a closed composer waits for the next open (workspaceState: it survives a reload too). */
const CLOSED_DRAFT_KEY = 'keccel.composer.closedDraft';

/** The one composer panel of the window: `open` shows it (or reveals the open one with the prefill). */
export interface Composer extends vscode.Disposable {
  /** `keccel.openComposer`: `arg` may be `{to?, message?}`. */
  open(arg?: unknown): void;
  /** The host state the open composer's page was last sent (its badges), or undefined when no page is loaded. */
  pageState(): ComposerHostState | undefined;
}

export function registerComposer(context: vscode.ExtensionContext, host: ComposerHost): Composer {
  let current: ComposerPanel | undefined;
  const closedDraft = (): ComposerDraft => {
    const saved: unknown = context.workspaceState.get(CLOSED_DRAFT_KEY);
    return isDraft(saved) ? { to: saved.to, from: saved.from, message: saved.message } : emptyDraft();
  };
  const adopt = (panel: vscode.WebviewPanel, draft: ComposerDraft, record?: RecordRef): ComposerPanel => {
    current?.dispose();
    const composer = new ComposerPanel(
      panel,
      context.extensionUri,
      host,
      draft,
      (last) => {
        if (current === composer) current = undefined;
        // Closing a composer with an unsent draft keeps it for the next open (a sent message clears its text).
        const unsent = last.to !== '' || last.message !== '' || last.from !== '';
        void context.workspaceState.update(CLOSED_DRAFT_KEY, unsent ? last : undefined);
      },
      record,
    );
    current = composer;
    return composer;
  };

  const open = (arg?: unknown): void => {
    const prefill = toPrefill(arg);
    if (current) {
      current.reveal(prefill);
      return;
    }
    const panel = vscode.window.createWebviewPanel(
      COMPOSER_VIEW_TYPE,
      vscode.l10n.t('SMS Composer'),
      vscode.ViewColumn.Active,
      webviewOptions(context.extensionUri),
    );
    adopt(panel, { ...closedDraft(), ...prefill });
  };

  const serializer = vscode.window.registerWebviewPanelSerializer(COMPOSER_VIEW_TYPE, {
    async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
      adopt(panel, draftFromState(state), recordFromState(state));
    },
  });

  // The caller pushes this into context.subscriptions.
  return {
    open,
    pageState: () => current?.pageState,
    dispose: () => {
      serializer.dispose();
      current?.dispose();
    },
  };
}

/** The argument of `keccel.openComposer`: `{to?, message?}`; anything else (a tree item, a URI) opens it empty. */
function toPrefill(arg: unknown): ComposerPrefill {
  if (typeof arg !== 'object' || arg === null) return {};
  const { to, message } = arg as Record<string, unknown>;
  const prefill: ComposerPrefill = {};
  if (typeof to === 'string') prefill.to = to;
  if (typeof message === 'string') prefill.message = message;
  return prefill;
}

type RecordRef = { id: string; sandbox: boolean };

/** The record the result box showed before the reload (see ComposerPersistedState), if any. */
function recordFromState(state: unknown): RecordRef | undefined {
  if (typeof state !== 'object' || state === null) return undefined;
  const { lastRecordId, lastRecordSandbox } = state as Partial<ComposerPersistedState>;
  return typeof lastRecordId === 'string' ? { id: lastRecordId, sandbox: lastRecordSandbox === true } : undefined;
}

/** What the webview saved with `setState` (see ComposerPersistedState); tolerant of older or missing state. */
function draftFromState(state: unknown): ComposerDraft {
  if (typeof state === 'object' && state !== null && isDraft((state as { draft?: unknown }).draft)) {
    const { to, from, message } = (state as { draft: ComposerDraft }).draft;
    return { to, from, message };
  }
  return emptyDraft();
}
