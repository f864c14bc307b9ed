// The curl snippet: a bash script (curl 7.68+, no jq). The JSON body is built when the snippet is generated, so
// the message is exact whatever it holds, and sits in a single-quoted shell string; only the token is spliced in
// at run time, with its `\` and `"` escaped for JSON. Answers are checked with grep and sed.
import { jsonString, shellQuote, shellQuoteBody } from './escape';
import {
  ANSWER_RULE_LINES, DEFAULT_OTP_LIFETIME_LINE, NO_CODE_LINE, NO_RETRY_LINES, OTP_BASE_LINE, OTP_LIFETIME_SECONDS, PLACEHOLDER_LINE,
  SAFE_RETRY_LINE, SNIPPET_TIMEOUT_SECONDS, headerLines, runWithLine,
} from './model';
import type { SnippetPlan } from './model';

const comment = (lines: string[], indent = '') => lines.map((line) => `${indent}# ${line}`);

export function curlSnippet(plan: SnippetPlan): string {
  const { parts } = plan;
  // No shebang: the first line is the one that says whether running this sends (the header says how to run it).
  const out: string[] = [
    ...comment(headerLines(plan, runWithLine(plan, 'bash keccel-sms.sh', '(bash and curl)'))),
    'set -euo pipefail',
    ': "${KECCEL_TOKEN:?Set KECCEL_TOKEN to your Keccel API token.}"',
    `default_base_url=${shellQuote(plan.baseUrl)}`,
    'base_url="${KECCEL_BASE_URL:-$default_base_url}"',
    'base_url=${base_url%/}',
  ];
  if (plan.kind === 'otp') {
    out.push(
      ...comment([OTP_BASE_LINE]),
      'if [[ $base_url =~ ^(.*)/[sS][mM][sS]/[vV][0-9]+$ ]]; then otp_url="${BASH_REMATCH[1]}/otp"',
      'else otp_url="$(grep -oE \'^[A-Za-z][A-Za-z0-9+.-]*://[^/]+\' <<<"$base_url")/otp"; fi',
    );
  }
  out.push(
    '',
    '# keccel URL CURL_ARGS...: prints the JSON answer, or fails with the reason on stderr.',
    'keccel() {',
    '  local url=$1 endpoint=${1##*/} out code body',
    '  shift',
    `  out=$(curl --silent --show-error --max-time ${SNIPPET_TIMEOUT_SECONDS} --write-out '\\n%{http_code}' "$@" "$url") || return 1`,
    "  code=${out##*$'\\n'}",
    "  body=${out%$'\\n'*}",
    ...comment(ANSWER_RULE_LINES, '  '),
    '  if [[ $code != 2?? ]]; then echo "Keccel: HTTP $code from $endpoint" >&2; return 1; fi',
    '  if [[ ! $body =~ ^[[:space:]]*\\{ ]]; then echo "Keccel: $endpoint did not answer JSON: ${body:0:200}" >&2; return 1; fi',
    "  if grep -qiE '\"status\"[[:space:]]*:[[:space:]]*\"rejected\"' <<<\"$body\"; then",
    '    echo "Keccel refused: $(field description <<<"$body")" >&2',
    '    return 1',
    '  fi',
    "  printf '%s\\n' \"$body\"",
    '}',
    '',
    '# field NAME: the string value of NAME (any casing: messageID, messageid) in the JSON answer on stdin.',
    'field() {',
    '  grep -ioE "\\"$1\\"[[:space:]]*:[[:space:]]*\\"[^\\"]*\\"" | head -n 1 | sed -E \'s/^[^:]*:[[:space:]]*"(.*)"$/\\1/\' || true',
    '}',
    '',
    `from=${shellQuote(plan.from)}`,
  );
  if (plan.kind === 'otp') {
    otpRequests(plan, out);
  } else if (parts.has('send')) {
    // The body without the token, as JSON; the token goes in front of it at run time.
    const rest = `"to":${jsonString(plan.to)},"from":${jsonString(plan.from)},"message":${jsonString(plan.message)}}`;
    out.push(
      '',
      '# Send the SMS: POST a JSON body to message.asp.',
      ...comment(NO_RETRY_LINES),
      ...(plan.messageMissing ? comment([PLACEHOLDER_LINE]) : []),
      'token_json=${KECCEL_TOKEN//\\\\/\\\\\\\\}',
      'token_json=${token_json//\\"/\\\\\\"}',
      `answer=$(keccel "$base_url/message.asp" --header 'Content-Type: application/json' \\`,
      `  --data-binary '{"token":"'"$token_json"'",${shellQuoteBody(rest)}')`,
      "if ! grep -qiE '\"status\"[[:space:]]*:[[:space:]]*\"sent\"' <<<\"$answer\"; then echo \"Keccel: unexpected answer: $answer\" >&2; exit 1; fi",
      'echo "Sent: message ID $(field messageid <<<"$answer")"',
    );
  }
  if (parts.has('delivery')) {
    out.push(
      '',
      '# Check the delivery of the message this snippet was copied from: DELIVERED or FAILED once the report is in.',
      ...comment([SAFE_RETRY_LINE]),
      `checked_id=${shellQuote(plan.messageId)}`,
      'answer=$(keccel "$base_url/delivery.asp" --retry 2 --get --data-urlencode "token=$KECCEL_TOKEN" \\',
      '  --data-urlencode "from=$from" --data-urlencode "messageid=$checked_id")',
      'echo "Delivery of $checked_id: $(field status <<<"$answer")"',
    );
  }
  if (parts.has('balance')) {
    out.push(
      '',
      '# Read the balance: a string ("645"); the expiration is "31-Dec-2026 06:46:17" (Kinshasa time) or empty.',
      ...comment([SAFE_RETRY_LINE]),
      'answer=$(keccel "$base_url/balance.asp" --retry 2 --get --data-urlencode "token=$KECCEL_TOKEN" --data-urlencode "from=$from")',
      'expiration=$(field expiration <<<"$answer")',
      'echo "Balance: $(field balance <<<"$answer") SMS, expires ${expiration:-never}, account $(field status <<<"$answer")"',
    );
  }
  out.push('');
  return out.join('\n');
}

/** An OTP record's requests: the code asked without an argument, checked with one. */
function otpRequests(plan: SnippetPlan, out: string[]): void {
  const { parts } = plan;
  const send = [
    '# Ask for a code: the gateway draws it, puts it where the message says %OTP% and sends the SMS (generate.asp).',
    ...comment(NO_RETRY_LINES),
    ...(plan.messageMissing ? comment([PLACEHOLDER_LINE]) : []),
    ...comment([DEFAULT_OTP_LIFETIME_LINE]),
    'token_json=${KECCEL_TOKEN//\\\\/\\\\\\\\}',
    'token_json=${token_json//\\"/\\\\\\"}',
    `answer=$(keccel "$otp_url/generate.asp" --header 'Content-Type: application/json' \\`,
    `  --data-binary '{"token":"'"$token_json"'",${shellQuoteBody(otpRest(plan))}')`,
    "if ! grep -qiE '\"status\"[[:space:]]*:[[:space:]]*\"sent\"' <<<\"$answer\"; then",
    '  echo "Keccel: no code sent: $(field description <<<"$answer")" >&2',
    '  exit 1',
    'fi',
    `echo "Code sent to ${plan.to}"`,
  ];
  const validate = [
    '# Check the code the phone received (validate.asp): VALID once, then INVALID. Sends nothing.',
    ...comment([SAFE_RETRY_LINE]),
    'answer=$(keccel "$otp_url/validate.asp" --retry 2 --get --data-urlencode "token=$KECCEL_TOKEN" \\',
    `  --data-urlencode "from=$from" --data-urlencode ${shellQuote(`to=${plan.to}`)} --data-urlencode "otp=$code")`,
    'verdict=$(field statusotp <<<"$answer")',
    'echo "Code $code: ${verdict:-$(field status <<<"$answer")}"',
  ];
  const indent = (lines: string[]) => lines.map((line) => `  ${line}`);
  out.push('');
  if (parts.has('validate')) out.push('code=${1:-}');
  if (parts.has('send') && parts.has('validate')) {
    out.push('if [[ -z $code ]]; then', ...indent(send), 'else', ...indent(validate), 'fi');
  } else if (parts.has('send')) {
    out.push(...send);
  } else if (parts.has('validate')) {
    out.push('if [[ -z $code ]]; then', `  echo ${shellQuote(NO_CODE_LINE)}`, 'else', ...indent(validate), 'fi');
  }
}

/** The generate.asp JSON body after the token. */
function otpRest(plan: SnippetPlan): string {
  return `"to":${jsonString(plan.to)},"from":${jsonString(plan.from)},"message":${jsonString(plan.message)},` +
    `"length":${plan.otpLength},"lifetime":${OTP_LIFETIME_SECONDS}}`;
}
