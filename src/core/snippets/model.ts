// What a "Copy as Code" snippet is made from: the requests of one history record, and the sentences every
// language's snippet says the same way. Plain data, no VS Code: the extension, the README's examples and the tests
// all call the same generators (index.ts).

export const SNIPPET_LANGUAGES = ['curl', 'php', 'node', 'python'] as const;
export type SnippetLanguage = (typeof SNIPPET_LANGUAGES)[number];

/** The three requests a snippet can make, in the order it makes them. */
export const SNIPPET_PARTS = ['send', 'delivery', 'balance'] as const;
export type SnippetPart = (typeof SNIPPET_PARTS)[number];

/** The fallback of `KECCEL_BASE_URL`: the live gateway (docs/api.md). */
export const LIVE_BASE_URL = 'https://api.keccel.com/sms/v2';

/** Seconds a snippet waits for an answer; clients of the live gateway use 8 to 30 s (docs/api.md). */
export const SNIPPET_TIMEOUT_SECONDS = 20;

/** The text a send snippet carries when the record kept no text (`keccel.history.storeMessageText` off). */
export const PLACEHOLDER_MESSAGE = 'Your message';

export interface SnippetInput {
  /** `243` + 9 digits. */
  to: string;
  from: string;
  /** Absent when the history did not keep the text: the send then carries PLACEHOLDER_MESSAGE. */
  message?: string;
  /** The gateway's id: the delivery check asks about this message. */
  messageId?: string;
  /** Sent in the sandbox: the snippet says how to point it there. */
  sandbox?: boolean;
}

/** A snippet's job, ready for a generator: which requests, with what. */
export interface SnippetPlan {
  to: string;
  from: string;
  message: string;
  /** Whether `message` is PLACEHOLDER_MESSAGE standing in for a text that was not stored. */
  messageMissing: boolean;
  messageId: string;
  sandbox: boolean;
  parts: ReadonlySet<SnippetPart>;
}

/** Every request the record allows: the send, its delivery check when it has a message ID, the balance. */
export function defaultParts(input: SnippetInput): SnippetPart[] {
  return SNIPPET_PARTS.filter((part) => part !== 'delivery' || !!input.messageId);
}

export function planOf(input: SnippetInput, parts: readonly SnippetPart[] = defaultParts(input)): SnippetPlan {
  if (parts.includes('delivery') && !input.messageId) throw new Error('A delivery check needs the message ID.');
  if (parts.length === 0) throw new Error('A snippet makes at least one request.');
  return {
    to: input.to,
    from: input.from,
    message: input.message ?? PLACEHOLDER_MESSAGE,
    messageMissing: input.message === undefined,
    messageId: input.messageId ?? '',
    sandbox: !!input.sandbox,
    parts: new Set(parts),
  };
}

/**
 * A message ID as a comment may name it. The ID is the gateway's text (or a proxy's, or another sandbox client's):
 * a line break (U+2028 for JavaScript, a lone CR for Python) or PHP's `?>` in it would end the comment and make the
 * rest code that runs with the snippet. IDs as the gateway gives them (digits, UUIDs) are named; anything else is
 * only in the string literal of the delivery check, which the escapers make exact.
 */
const COMMENT_SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** The first comment lines, the same in every language (without the comment marker). */
export function headerLines(plan: SnippetPlan, runWith: string): string[] {
  const jobs: string[] = [];
  if (plan.parts.has('send')) jobs.push('send an SMS');
  if (plan.parts.has('delivery')) {
    jobs.push(COMMENT_SAFE_ID.test(plan.messageId) ? `check the delivery of message ${plan.messageId}` : 'check the delivery of the message it was copied from');
  }
  if (plan.parts.has('balance')) jobs.push('read the balance');
  const what = jobs.length > 1 ? `${jobs.slice(0, -1).join(', ')} and ${jobs[jobs.length - 1]}` : jobs[0];
  const lines = [
    `Keccel SMS: ${what}.`,
    `Run with: ${runWith}`,
    'The token comes from KECCEL_TOKEN (never write it in code); the gateway from KECCEL_BASE_URL,',
    `${LIVE_BASE_URL} when unset.`,
  ];
  if (plan.sandbox) {
    lines.push('This message was sent in the Keccel sandbox: load the sandbox\'s KECCEL_BASE_URL and KECCEL_TOKEN lines to run it there.');
  }
  return lines;
}

/** Said above every send, in every language: why it has no retry. */
export const NO_RETRY_LINES = [
  'Never retried: there is no idempotency key, so a retry after a timeout or a reset can deliver and charge the',
  'SMS twice. When the outcome is unknown, check the delivery or the balance before sending again.',
];

/** Said above the GETs: the opposite rule. */
export const SAFE_RETRY_LINE = 'A GET: safe to retry on a network error, 429 or 5xx.';

/** Said above the answer checks. */
export const ANSWER_RULE_LINES = [
  'Refusals come back as HTTP 200 with "status": "Rejected" and a description; casing varies (SENT, Sent).',
  'A non-2xx status or a body that is not JSON (an IIS error page) is a transport failure.',
];

export const PLACEHOLDER_LINE = 'The history did not keep this message\'s text (keccel.history.storeMessageText): put yours here.';
