// What a "Copy as Code" snippet is made from: the requests of one history record, and the sentences every
// language's snippet says the same way. Plain data, no VS Code: the extension, the examples in docs/ and the tests
// all call the same generators (index.ts).

export const SNIPPET_LANGUAGES = ['curl', 'php', 'node', 'python'] as const;
export type SnippetLanguage = (typeof SNIPPET_LANGUAGES)[number];

/**
 * The requests a snippet can make, in the order it makes them. For an OTP record `send` is `generate.asp` and
 * `validate` checks the code given as the program's first argument (then nothing is sent).
 */
export const SNIPPET_PARTS = ['send', 'delivery', 'validate', 'balance'] as const;
export type SnippetPart = (typeof SNIPPET_PARTS)[number];

/** `send`: the record's requests, its send included (costs credit); `check`: only what reads (delivery, balance). */
export const SNIPPET_VARIANTS = ['send', 'check'] as const;
export type SnippetVariant = (typeof SNIPPET_VARIANTS)[number];

/** The live gateway: the fallback of `KECCEL_BASE_URL` for a record of an account that names no other. */
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
  /** Sent in the sandbox: the snippet says so, and needs the sandbox's token. */
  sandbox?: boolean;
  /**
   * The gateway of the record's account (the sandbox's for a sandbox record): what the snippet calls when
   * KECCEL_BASE_URL is unset, so a snippet copied from a sandbox message never texts a real phone. Default: live.
   */
  baseUrl?: string;
  /** `otp`: the record is an SMS of `generate.asp`; `message` is its template with %OTP%. */
  kind?: 'sms' | 'otp';
  /** OTP only: the code length asked (default 6, or the length of the code the sandbox drew). */
  otpLength?: number;
}

/** A snippet's job, ready for a generator: which requests, with what. */
export interface SnippetPlan {
  kind: 'sms' | 'otp';
  otpLength: number;
  /** An http(s) URL without a trailing slash: safe in a comment and in any language's string literal. */
  baseUrl: string;
  to: string;
  from: string;
  message: string;
  /** Whether `message` is PLACEHOLDER_MESSAGE standing in for a text that was not stored. */
  messageMissing: boolean;
  messageId: string;
  sandbox: boolean;
  parts: ReadonlySet<SnippetPart>;
}

/**
 * The requests of a variant: an SMS record's send, its delivery check when it has a message ID, the balance; an
 * OTP record's code request, the check of a code, the balance. `check` leaves the send out.
 */
export function defaultParts(input: SnippetInput, variant: SnippetVariant = 'send'): SnippetPart[] {
  const otp = input.kind === 'otp';
  return SNIPPET_PARTS.filter((part) => {
    if (part === 'send') return variant === 'send';
    if (part === 'delivery') return !otp && !!input.messageId;
    if (part === 'validate') return otp;
    return true;
  });
}

export const DEFAULT_OTP_CODE_LENGTH = 6;

/** The fallback base URL as an http(s) URL without a trailing slash; throws on anything else. */
function fallbackBaseUrl(baseUrl: string | undefined): string {
  if (baseUrl === undefined) return LIVE_BASE_URL;
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new Error(`Not a URL: ${JSON.stringify(baseUrl)}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`Not an http(s) URL: ${JSON.stringify(baseUrl)}`);
  // The parser has percent-encoded spaces, quotes and angle brackets and dropped line breaks; the search and the
  // fragment are no part of a base URL.
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

export function planOf(input: SnippetInput, parts: readonly SnippetPart[] = defaultParts(input)): SnippetPlan {
  const kind = input.kind ?? 'sms';
  if (parts.includes('delivery') && !input.messageId) throw new Error('A delivery check needs the message ID.');
  if (parts.includes('delivery') && kind === 'otp') throw new Error('An OTP snippet checks the code, not a delivery.');
  if (parts.includes('validate') && kind !== 'otp') throw new Error('Only an OTP snippet checks a code.');
  if (parts.length === 0) throw new Error('A snippet makes at least one request.');
  return {
    kind,
    otpLength: input.otpLength ?? DEFAULT_OTP_CODE_LENGTH,
    baseUrl: fallbackBaseUrl(input.baseUrl),
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

/** What the snippet does, in words, without the send. */
function readJobs(plan: SnippetPlan): string[] {
  const jobs: string[] = [];
  // An OTP snippet that sends says in its first line that a code given as argument is checked instead.
  const validateSaid = plan.kind === 'otp' && plan.parts.has('send');
  if (plan.parts.has('delivery')) {
    jobs.push(COMMENT_SAFE_ID.test(plan.messageId) ? `checks the delivery of message ${plan.messageId}` : 'checks the delivery of the message it was copied from');
  }
  if (plan.parts.has('validate') && !validateSaid) jobs.push('checks a code given as its first argument');
  if (plan.parts.has('balance')) jobs.push('reads the balance');
  return jobs;
}

const sentence = (jobs: string[]) => (jobs.length > 1 ? `${jobs.slice(0, -1).join(', ')} and ${jobs[jobs.length - 1]}` : jobs[0]);

/**
 * The first comment lines, the same in every language (without the comment marker). The first says whether running
 * the program sends an SMS: a developer who runs a copied snippet to "see what it does" must know it costs credit.
 */
export function headerLines(plan: SnippetPlan, runWith: string): string[] {
  const jobs = readJobs(plan);
  let first: string;
  if (!plan.parts.has('send')) {
    first = `Keccel SMS: sends nothing (no credit used): it ${sentence(jobs)}.`;
  } else if (plan.kind === 'otp') {
    first = plan.parts.has('validate')
      ? 'Keccel SMS: SENDS an SMS with a one-time code each time it runs without an argument (costs credit); given a code, checks it.'
      : 'Keccel SMS: SENDS an SMS with a one-time code each time it runs (costs credit).';
  } else {
    first = 'Keccel SMS: SENDS an SMS each time it runs (costs credit).';
  }
  const lines = [first];
  if (plan.parts.has('send') && jobs.length > 0) lines.push(`Then it ${sentence(jobs)}.`);
  lines.push(
    `Run with: ${runWith}`,
    'The token comes from KECCEL_TOKEN (never write it in code); the gateway from KECCEL_BASE_URL,',
    `${plan.baseUrl} when unset.`,
  );
  if (plan.sandbox) {
    lines.push('Copied from a Keccel sandbox message: KECCEL_TOKEN must be the sandbox\'s (Keccel: Copy Sandbox Connection).');
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

/** The `Run with:` text: an OTP snippet that checks codes takes the code as its first argument. */
export function runWithLine(plan: SnippetPlan, command: string, needs: string): string {
  if (plan.kind !== 'otp' || !plan.parts.has('validate')) return `${command} ${needs}`;
  return plan.parts.has('send') ? `${command} to send a code, then ${command} CODE to check it ${needs}` : `${command} CODE ${needs}`;
}

/** The lifetime an OTP snippet asks for: the record does not keep the one it was sent with. */
export const OTP_LIFETIME_SECONDS = 300;

export const DEFAULT_OTP_LIFETIME_LINE = `The code lives ${OTP_LIFETIME_SECONDS} s ("lifetime", at least 60) and has "length" digits (4 to 8).`;

export const OTP_BASE_LINE = 'The OTP endpoints sit beside the SMS API: /sms/v2 becomes /otp (the origin\'s /otp for any other path).';

/** Printed by a snippet that only checks codes when it was given none. */
export const NO_CODE_LINE = 'No code given: run again with the code the phone received as the first argument to check it.';
