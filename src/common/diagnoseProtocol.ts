// The message protocol of the "Diagnose Connection" report. The extension sends a DiagnoseView with every string
// already in the user's language; the page lays it out with textContent (text from the network, such as a page's
// first line or a certificate's name, stays text) and asks for the copy or a new run. Plain JSON only.

export type DiagnoseTone = 'ok' | 'warning' | 'error';

export interface DiagnoseRow {
  id: string;
  label: string;
  tone: DiagnoseTone;
  /** "12 ms". */
  time: string;
  detail: string;
  /** What to try next (failed steps and warnings). */
  advice?: string;
}

export interface DiagnoseView {
  locale: string;
  title: string;
  /** One sentence: all good, or which step failed. */
  verdict: string;
  tone: DiagnoseTone;
  /** When and where: "3 Dec 2026 12:40 · VS Code 1.139.1 · Keccel SMS 0.1.0 · linux x64". */
  context: string;
  rows: DiagnoseRow[];
  labels: { copy: string; copied: string; rerun: string; tryNext: string };
}

export type DiagnoseToExtension = { type: 'ready' } | { type: 'copy' } | { type: 'rerun' };

export type ExtensionToDiagnose = { type: 'render'; view: DiagnoseView } | { type: 'copied' };

/** Narrowing guard for what the page posts (the extension never trusts its shape). */
export function isDiagnoseMessage(value: unknown): value is DiagnoseToExtension {
  if (typeof value !== 'object' || value === null) return false;
  const type = (value as { type?: unknown }).type;
  return type === 'ready' || type === 'copy' || type === 'rerun';
}
