// Which walkthrough steps an event completes, read from the manifest's `contributes.walkthroughs` (the one place
// that says it). No vscode import: unit-tested on the real package.json.

interface ManifestWalkthrough {
  id?: unknown;
  steps?: { id?: unknown; completionEvents?: unknown }[];
}

/**
 * The full ids (`extensionId#walkthroughId#stepId`, as VS Code names steps) of the steps whose `completionEvents`
 * list `event` exactly (e.g. `onCommand:keccel.sendOtp`, `onContext:keccel.sandbox`).
 */
export function stepsCompletedBy(packageJson: unknown, extensionId: string, event: string): string[] {
  const walkthroughs = (packageJson as { contributes?: { walkthroughs?: unknown } } | undefined)?.contributes?.walkthroughs;
  if (!Array.isArray(walkthroughs)) return [];
  return (walkthroughs as ManifestWalkthrough[]).flatMap((walkthrough) =>
    (walkthrough.steps ?? [])
      .filter((step) => Array.isArray(step.completionEvents) && step.completionEvents.includes(event))
      .map((step) => `${extensionId}#${String(walkthrough.id)}#${String(step.id)}`),
  );
}
