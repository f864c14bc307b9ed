// The message protocol of the details page (one history record, read-only, with its actions). Both sides import
// these types: the extension builds a DetailsView with every string already localised and every value already
// formatted, the page only lays it out (with textContent: gateway and user text never become HTML).
// Plain JSON only: it crosses a postMessage boundary.

export type DetailsAction = 'checkNow' | 'copyId' | 'resend' | 'copyAsCode' | 'pushAgain' | 'delete';

export const DETAILS_ACTIONS: readonly DetailsAction[] = ['checkNow', 'copyId', 'resend', 'copyAsCode', 'pushAgain', 'delete'];

export type DetailsTone = 'ok' | 'waiting' | 'warning' | 'error' | 'neutral';

export interface DetailsFact {
  label: string;
  value: string;
}

export interface DetailsEvent {
  /** Already formatted for the display language. */
  at: string;
  /** ISO 8601, for a <time datetime>. */
  iso: string;
  label: string;
  tone: DetailsTone;
  /** The gateway's (or our) words at that moment. */
  description?: string;
}

export interface DetailsWire {
  /** "POST /sms/v2/message.asp · 200 · 12 ms". */
  title: string;
  at: string;
  /** The request as it went out (parameters and body), token masked. */
  request: string;
  response: string;
}

/** One delivery report the sandbox pushed to the callback URL. */
export interface DetailsPush {
  /** Already formatted for the display language. */
  at: string;
  /** ISO 8601, for a <time datetime>. */
  iso: string;
  /** The URL called, any token in it masked. */
  url: string;
  /** The status pushed: DELIVERED or FAILED. */
  report: string;
  /** "HTTP 200", or the error in words ("connection refused"). */
  result: string;
  tone: DetailsTone;
}

export interface DetailsView {
  locale: string;
  /** "SMS to +243 81 234 5678". */
  title: string;
  state: { label: string; tone: DetailsTone; codicon: string };
  /** What happened, in order of importance: the outcome first, then earlier words as history, then advice. */
  outcome: { headline: string; lines: string[]; advice: string[] };
  facts: DetailsFact[];
  /** The text, or undefined when texts are not stored (then `textMissing` says so). */
  text?: string;
  textMissing?: string;
  /** Each part as it is sent, with its caption ("Part 1 of 2 · 153 of 153"). */
  parts: { caption: string; text: string }[];
  events: DetailsEvent[];
  wire: DetailsWire[];
  /**
   * Sandbox messages: the pushes to the callback URL, oldest first. The page shows the section when there is a push
   * or a Push Again button; `empty` says why there is none yet.
   */
  pushes: { items: DetailsPush[]; empty?: string; again?: { label: string; codicon: string } };
  actions: { action: DetailsAction; label: string; codicon: string }[];
  headings: {
    text: string; parts: string; timeline: string; wire: string; pushes: string; details: string; request: string; response: string;
  };
}

// ---- page -> extension -------------------------------------------------------------------------------------------

export type DetailsToExtension = { type: 'ready' } | { type: 'action'; action: DetailsAction };

// ---- extension -> page -------------------------------------------------------------------------------------------

export type ExtensionToDetails =
  /** `restore` is what the page saves (setState) so that VS Code can bring it back after a reload. */
  | { type: 'render'; view: DetailsView; restore: DetailsState }
  /** The record was deleted (here or in another window): the page says so and offers nothing. */
  | { type: 'removed'; text: string };

/** Narrowing guard for what the page posts (the extension never trusts its shape). */
export function isDetailsMessage(value: unknown): value is DetailsToExtension {
  if (typeof value !== 'object' || value === null) return false;
  const message = value as { type?: unknown; action?: unknown };
  if (message.type === 'ready') return true;
  return message.type === 'action' && DETAILS_ACTIONS.includes(message.action as DetailsAction);
}

/** What the page keeps across "Developer: Reload Window": which record it shows. */
export interface DetailsState {
  id: string;
  sandbox: boolean;
}

export function isDetailsState(value: unknown): value is DetailsState {
  if (typeof value !== 'object' || value === null) return false;
  const state = value as Partial<DetailsState>;
  return typeof state.id === 'string' && state.id !== '' && typeof state.sandbox === 'boolean';
}
