// The Node.js snippet: the built-in fetch (Node 18+) with AbortSignal.timeout, no dependencies, CommonJS or ESM
// alike (no top-level await), one `call` helper that applies the gateway's answer rules, a function per request.
import { jsString } from './escape';
import {
  ANSWER_RULE_LINES, DEFAULT_OTP_LIFETIME_LINE, NO_CODE_LINE, NO_RETRY_LINES, OTP_BASE_LINE, OTP_LIFETIME_SECONDS, PLACEHOLDER_LINE,
  SAFE_RETRY_LINE, SNIPPET_TIMEOUT_SECONDS, headerLines, runWithLine,
} from './model';
import type { SnippetPlan } from './model';

const comment = (lines: string[], indent = '') => lines.map((line) => `${indent}// ${line}`);

export function nodeSnippet(plan: SnippetPlan): string {
  const { parts } = plan;
  const out: string[] = [
    ...comment(headerLines(plan, runWithLine(plan, 'node keccel-sms.mjs', '(Node.js 18+, no dependencies)'))),
    `const BASE_URL = (process.env.KECCEL_BASE_URL || ${jsString(plan.baseUrl)}).replace(/\\/+$/, '');`,
  ];
  if (plan.kind === 'otp') {
    out.push(
      ...comment([OTP_BASE_LINE]),
      'const OTP_URL = `${/\\/sms\\/v\\d+$/i.test(BASE_URL) ? BASE_URL.replace(/\\/sms\\/v\\d+$/i, \'\') : new URL(BASE_URL).origin}/otp`;',
    );
  }
  out.push(
    "const TOKEN = process.env.KECCEL_TOKEN ?? '';",
    `const TIMEOUT_MS = ${SNIPPET_TIMEOUT_SECONDS * 1000};`,
    '',
    '/** The gateway refused the request, or its answer was not a gateway answer. */',
    'class KeccelError extends Error {}',
    '',
    '/** One request to BASE_URL (or another base); resolves to the JSON answer with lower-cased keys (messageID and messageid alike). */',
    'async function call(endpoint, init = {}, base = BASE_URL) {',
    '  const response = await fetch(`${base}/${endpoint}`, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) });',
    '  const text = await response.text();',
    ...comment(ANSWER_RULE_LINES, '  '),
    '  if (!response.ok) throw new KeccelError(`HTTP ${response.status} from ${endpoint}`);',
    '  let answer;',
    '  try {',
    '    answer = JSON.parse(text);',
    '  } catch {',
    '    answer = undefined;',
    '  }',
    "  if (!answer || typeof answer !== 'object' || Array.isArray(answer)) {",
    '    throw new KeccelError(`${endpoint} did not answer JSON: ${JSON.stringify(text.slice(0, 200))}`);',
    '  }',
    '  answer = Object.fromEntries(Object.entries(answer).map(([key, value]) => [key.toLowerCase(), value]));',
    "  if (String(answer.status ?? '').toLowerCase() === 'rejected') {",
    "    throw new KeccelError(`Keccel refused: ${answer.description ?? ''}`);",
    '  }',
    '  return answer;',
    '}',
  );
  if (plan.kind === 'otp') {
    otpFunctions(plan, out);
  } else if (parts.has('send')) {
    out.push(
      '',
      '/** POSTs one SMS to message.asp; resolves to its message ID. */',
      'async function sendSms(to, from, message) {',
      ...comment(NO_RETRY_LINES, '  '),
      '  const answer = await call(\'message.asp\', {',
      "    method: 'POST',",
      "    headers: { 'Content-Type': 'application/json' },",
      '    body: JSON.stringify({ token: TOKEN, to, from, message }),',
      '  });',
      "  if (String(answer.status ?? '').toLowerCase() !== 'sent') {",
      '    throw new KeccelError(`unexpected answer: ${JSON.stringify(answer)}`);',
      '  }',
      "  return String(answer.messageid ?? '');",
      '}',
    );
  }
  if (parts.has('delivery')) {
    out.push(
      '',
      '/** DELIVERED or FAILED once the report is in; another word until then. */',
      'async function deliveryStatus(messageId, from) {',
      ...comment([SAFE_RETRY_LINE], '  '),
      '  const answer = await call(`delivery.asp?${new URLSearchParams({ token: TOKEN, from, messageid: messageId })}`);',
      "  return String(answer.status ?? '');",
      '}',
    );
  }
  if (parts.has('balance')) {
    out.push(
      '',
      '/** {credits, expiration (or null), account status}. */',
      'async function balance(from) {',
      ...comment([SAFE_RETRY_LINE], '  '),
      '  const answer = await call(`balance.asp?${new URLSearchParams({ token: TOKEN, from })}`);',
      '  // The balance is a string ("645"); the expiration is "31-Dec-2026 06:46:17" (Kinshasa time) or empty.',
      "  return { credits: Number(answer.balance), expiration: answer.expiration || null, account: String(answer.status ?? '') };",
      '}',
    );
  }
  out.push(
    '',
    'async function main() {',
    "  if (!TOKEN) throw new KeccelError('Set KECCEL_TOKEN to your Keccel API token.');",
    `  const from = ${jsString(plan.from)};`,
  );
  if (plan.kind === 'otp') {
    otpMain(plan, out);
  } else if (parts.has('send')) {
    if (plan.messageMissing) out.push(...comment([PLACEHOLDER_LINE], '  '));
    out.push(
      `  const messageId = await sendSms(${jsString(plan.to)}, from, ${jsString(plan.message)});`,
      '  console.log(`Sent: message ID ${messageId}`);',
    );
  }
  if (parts.has('delivery')) {
    out.push(
      '  // The message this snippet was copied from.',
      `  const checkedId = ${jsString(plan.messageId)};`,
      '  console.log(`Delivery of ${checkedId}: ${await deliveryStatus(checkedId, from)}`);',
    );
  }
  if (parts.has('balance')) {
    out.push(
      '  const { credits, expiration, account } = await balance(from);',
      "  console.log(`Balance: ${credits} SMS, expires ${expiration ?? 'never'}, account ${account}`);",
    );
  }
  out.push(
    '}',
    '',
    'main().catch((error) => {',
    '  // A timeout is a TimeoutError; a refused connection is "fetch failed" with the reason as its cause.',
    "  console.error(`Keccel: ${error.message}${error.cause ? ` (${error.cause.message ?? error.cause})` : ''}`);",
    '  process.exitCode = 1;',
    '});',
    '',
  );
  return out.join('\n');
}

function otpFunctions(plan: SnippetPlan, out: string[]): void {
  if (plan.parts.has('send')) {
    out.push(
      '',
      '/** Asks for a code: the gateway draws it, puts it where the message says %OTP% and sends the SMS. */',
      'async function sendCode(to, from, message) {',
      ...comment(NO_RETRY_LINES, '  '),
      ...comment([DEFAULT_OTP_LIFETIME_LINE], '  '),
      '  const answer = await call(\'generate.asp\', {',
      "    method: 'POST',",
      "    headers: { 'Content-Type': 'application/json' },",
      `    body: JSON.stringify({ token: TOKEN, to, from, message, length: ${plan.otpLength}, lifetime: ${OTP_LIFETIME_SECONDS} }),`,
      '  }, OTP_URL);',
      "  if (String(answer.status ?? '').toLowerCase() !== 'sent') {",
      "    throw new KeccelError(`no code sent: ${answer.description ?? JSON.stringify(answer)}`);",
      '  }',
      '}',
    );
  }
  if (plan.parts.has('validate')) {
    out.push(
      '',
      '/** VALID once for the code the phone received, INVALID otherwise. Sends nothing. */',
      'async function checkCode(to, from, otp) {',
      ...comment([SAFE_RETRY_LINE], '  '),
      '  const answer = await call(`validate.asp?${new URLSearchParams({ token: TOKEN, from, to, otp })}`, {}, OTP_URL);',
      "  return String(answer.statusotp ?? answer.status ?? '');",
      '}',
    );
  }
}

function otpMain(plan: SnippetPlan, out: string[]): void {
  const { parts } = plan;
  out.push(`  const to = ${jsString(plan.to)};`);
  if (parts.has('validate')) out.push("  const code = process.argv[2] ?? '';");
  const send = [
    ...(plan.messageMissing ? comment([PLACEHOLDER_LINE]) : []),
    `await sendCode(to, from, ${jsString(plan.message)});`,
    'console.log(`Code sent to ${to}`);',
  ];
  const check = ['console.log(`Code ${code}: ${await checkCode(to, from, code)}`);'];
  const indent = (lines: string[]) => lines.map((line) => `    ${line}`);
  if (parts.has('send') && parts.has('validate')) {
    out.push('  if (!code) {', ...indent(send), '  } else {', ...indent(check), '  }');
  } else if (parts.has('send')) {
    out.push(...send.map((line) => `  ${line}`));
  } else if (parts.has('validate')) {
    out.push('  if (!code) {', `    console.log(${jsString(NO_CODE_LINE)});`, '  } else {', ...indent(check), '  }');
  }
}
