// The curl snippet: a bash script (curl 7.68+, no jq). The JSON body is built when the snippet is generated, so
// the message is exact whatever it holds, and sits in a single-quoted shell string; only the token is spliced in
// at run time, with its `\` and `"` escaped for JSON. Answers are checked with grep and sed.
import { jsonString, shellQuote, shellQuoteBody } from './escape';
import {
  ANSWER_RULE_LINES, LIVE_BASE_URL, NO_RETRY_LINES, PLACEHOLDER_LINE, SAFE_RETRY_LINE, SNIPPET_TIMEOUT_SECONDS, headerLines,
} from './model';
import type { SnippetPlan } from './model';

const comment = (lines: string[], indent = '') => lines.map((line) => `${indent}# ${line}`);

export function curlSnippet(plan: SnippetPlan): string {
  const { parts } = plan;
  const out: string[] = [
    '#!/usr/bin/env bash',
    ...comment(headerLines(plan, 'bash keccel-sms.sh (bash and curl)')),
    'set -euo pipefail',
    ': "${KECCEL_TOKEN:?Set KECCEL_TOKEN to your Keccel API token.}"',
    `base_url="\${KECCEL_BASE_URL:-${LIVE_BASE_URL}}"`,
    '',
    '# keccel ENDPOINT CURL_ARGS...: prints the JSON answer, or fails with the reason on stderr.',
    'keccel() {',
    '  local endpoint=$1 out code body',
    '  shift',
    `  out=$(curl --silent --show-error --max-time ${SNIPPET_TIMEOUT_SECONDS} --write-out '\\n%{http_code}' "$@" "\${base_url%/}/$endpoint") || return 1`,
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
  ];
  if (parts.has('send')) {
    // The body without the token, as JSON; the token goes in front of it at run time.
    const rest = `"to":${jsonString(plan.to)},"from":${jsonString(plan.from)},"message":${jsonString(plan.message)}}`;
    out.push(
      '',
      '# Send the SMS: POST a JSON body to message.asp.',
      ...comment(NO_RETRY_LINES),
      ...(plan.messageMissing ? comment([PLACEHOLDER_LINE]) : []),
      'token_json=${KECCEL_TOKEN//\\\\/\\\\\\\\}',
      'token_json=${token_json//\\"/\\\\\\"}',
      "answer=$(keccel message.asp --header 'Content-Type: application/json' \\",
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
      'answer=$(keccel delivery.asp --retry 2 --get --data-urlencode "token=$KECCEL_TOKEN" \\',
      '  --data-urlencode "from=$from" --data-urlencode "messageid=$checked_id")',
      'echo "Delivery of $checked_id: $(field status <<<"$answer")"',
    );
  }
  if (parts.has('balance')) {
    out.push(
      '',
      '# Read the balance: a string ("645"); the expiration is "31-Dec-2026 06:46:17" (Kinshasa time) or empty.',
      ...comment([SAFE_RETRY_LINE]),
      'answer=$(keccel balance.asp --retry 2 --get --data-urlencode "token=$KECCEL_TOKEN" --data-urlencode "from=$from")',
      'expiration=$(field expiration <<<"$answer")',
      'echo "Balance: $(field balance <<<"$answer") SMS, expires ${expiration:-never}, account $(field status <<<"$answer")"',
    );
  }
  out.push('');
  return out.join('\n');
}
