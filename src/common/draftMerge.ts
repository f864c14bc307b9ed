// The draft the composer shows while its page loads. Two moments can hold keys the saved draft does not have:
// - before the page's script runs: the form is on screen while the script still loads (right after a reload, on a
//   busy machine, long enough to click and type), and the fields then hold what was typed (typedBeforeScript);
// - before the extension's `init` arrives (the extension host can take seconds to activate): the fields typed in
//   meanwhile keep what is on screen, the others take the extension's copy, which may carry a prefill
//   (mergeInitDraft).
// Pure, so unit tests cover both; the e2e journey holds the script back to drive the first in a real webview.
import type { ComposerDraft } from './composerProtocol';

export function mergeInitDraft(
  fromExtension: ComposerDraft,
  onScreen: ComposerDraft,
  typedBeforeInit: ReadonlySet<keyof ComposerDraft>,
): ComposerDraft {
  const merged = { ...fromExtension };
  for (const field of typedBeforeInit) merged[field] = onScreen[field];
  return merged;
}

/** A form field as the page's script first finds it: `defaultValue` is what the HTML gave it (empty here). */
export interface FieldAtLoad {
  value: string;
  defaultValue: string;
}

/**
 * The fields the user typed in before the script ran (their value is no longer the HTML's), with what they hold.
 * These win over the saved draft, and count as typed before `init`.
 */
export function typedBeforeScript(fields: Record<keyof ComposerDraft, FieldAtLoad>): Partial<ComposerDraft> {
  const typed: Partial<ComposerDraft> = {};
  for (const field of Object.keys(fields) as (keyof ComposerDraft)[]) {
    if (fields[field].value !== fields[field].defaultValue) typed[field] = fields[field].value;
  }
  return typed;
}
