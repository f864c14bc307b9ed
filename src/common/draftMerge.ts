// The draft the composer shows while its page loads. Three moments can hold keys the copy it is given does not have:
// - before the page's script runs: the form is on screen while the script still loads (right after a reload, on a
//   busy machine, long enough to click and type), and the fields then hold what was typed (typedBeforeScript);
// - before the extension's `init` arrives (the extension host can take seconds to activate): the fields typed in
//   meanwhile keep what is on screen, the others take the extension's copy, which may carry a prefill
//   (mergeInitDraft);
// - after the first `init`, when a second one comes with an older copy of the draft (InitDraft).
// Pure, so unit tests cover them; the e2e journey holds the script back to drive the first in a real webview.
import type { ComposerDraft } from './composerProtocol';

/**
 * The page's side of `init`: the fields typed before it (`typed`), and the draft once it arrives (`onInit`).
 * The extension answers every `ready` of its panel with an `init` carrying its copy of the draft as it was then, so
 * a page can get a second one: the answer to an earlier page of the same panel reaches the page that replaced it
 * (hidden and shown again while the extension waits for its start-up to answer: both answers go out together).
 * Only the first `init` brings the extension's draft: from then on the extension's copy is only what this page told
 * it, so it can be behind the page (keys typed since) and never ahead (a prefill, or the message cleared after a
 * send, is told to the page too). A later `init` keeps the page's draft; the extension hears of it when its copy
 * differs.
 */
export class InitDraft {
  private readonly typedBeforeInit = new Set<keyof ComposerDraft>();
  private initialised = false;

  /** A key typed in a field (or found there when the script started). */
  typed(field: keyof ComposerDraft): void {
    if (!this.initialised) this.typedBeforeInit.add(field);
  }

  /** The draft the page shows after an `init`, and whether the extension must be told it (its copy differs). */
  onInit(fromExtension: ComposerDraft, onScreen: ComposerDraft): { draft: ComposerDraft; tellExtension: boolean } {
    if (this.initialised) return { draft: { ...onScreen }, tellExtension: !sameDraft(onScreen, fromExtension) };
    const draft = mergeInitDraft(fromExtension, onScreen, this.typedBeforeInit);
    const tellExtension = this.typedBeforeInit.size > 0;
    this.typedBeforeInit.clear();
    this.initialised = true;
    return { draft, tellExtension };
  }
}

function sameDraft(a: ComposerDraft, b: ComposerDraft): boolean {
  return a.to === b.to && a.from === b.from && a.message === b.message;
}

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
