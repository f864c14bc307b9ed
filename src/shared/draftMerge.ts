// The draft the composer shows once the extension's `init` arrives. Right after a reload the page shows the draft
// it saved itself at once, and the user may type before `init` comes (the extension host can take seconds to
// activate): the fields typed in meanwhile keep what is on screen, the others take the extension's copy (which
// may carry a prefill). Pure, so a unit test covers the race the e2e journey cannot time.
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
