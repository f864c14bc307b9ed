// The Python snippet: `requests` with a timeout, one `call` helper that applies the gateway's answer rules, a
// function per request, and a main block that runs them and exits non-zero on any failure.
import { pythonString } from './escape';
import {
  ANSWER_RULE_LINES, LIVE_BASE_URL, NO_RETRY_LINES, PLACEHOLDER_LINE, SAFE_RETRY_LINE, SNIPPET_TIMEOUT_SECONDS, headerLines,
} from './model';
import type { SnippetPlan } from './model';

const comment = (lines: string[], indent = '') => lines.map((line) => `${indent}# ${line}`);

export function pythonSnippet(plan: SnippetPlan): string {
  const { parts } = plan;
  const out: string[] = [
    '#!/usr/bin/env python3',
    ...comment(headerLines(plan, 'python3 keccel_sms.py (Python 3.8+, pip install requests)')),
    'import os',
    'import sys',
    '',
    'import requests',
    '',
    `BASE_URL = (os.environ.get("KECCEL_BASE_URL") or ${pythonString(LIVE_BASE_URL)}).rstrip("/")`,
    'TOKEN = os.environ.get("KECCEL_TOKEN", "")',
    `TIMEOUT = ${SNIPPET_TIMEOUT_SECONDS}  # seconds`,
    '',
    '',
    'class KeccelError(Exception):',
    '    """The gateway refused the request, or its answer was not a gateway answer."""',
    '',
    '',
    'def call(method, endpoint, **kwargs):',
    '    """One request; returns the JSON answer with lower-cased keys (messageID and messageid alike)."""',
    '    response = requests.request(method, f"{BASE_URL}/{endpoint}", timeout=TIMEOUT, **kwargs)',
    ...comment(ANSWER_RULE_LINES, '    '),
    '    if not response.ok:',
    '        raise KeccelError(f"HTTP {response.status_code} from {endpoint}")',
    '    try:',
    '        answer = response.json()',
    '    except ValueError:',
    '        answer = None',
    '    if not isinstance(answer, dict):',
    '        raise KeccelError(f"{endpoint} did not answer JSON: {response.text[:200]!r}")',
    '    answer = {str(key).lower(): value for key, value in answer.items()}',
    '    if str(answer.get("status", "")).lower() == "rejected":',
    '        raise KeccelError(f"Keccel refused: {answer.get(\'description\', \'\')}")',
    '    return answer',
  ];
  if (parts.has('send')) {
    out.push(
      '',
      '',
      'def send_sms(to, sender, message):',
      '    """POSTs one SMS to message.asp; returns its message ID."""',
      ...comment(NO_RETRY_LINES, '    '),
      '    answer = call("POST", "message.asp", json={"token": TOKEN, "to": to, "from": sender, "message": message})',
      '    if str(answer.get("status", "")).lower() != "sent":',
      '        raise KeccelError(f"unexpected answer: {answer}")',
      '    return str(answer.get("messageid", ""))',
    );
  }
  if (parts.has('delivery')) {
    out.push(
      '',
      '',
      'def delivery_status(message_id, sender):',
      '    """DELIVERED or FAILED once the report is in; another word until then."""',
      ...comment([SAFE_RETRY_LINE], '    '),
      '    answer = call("GET", "delivery.asp", params={"token": TOKEN, "from": sender, "messageid": message_id})',
      '    return str(answer.get("status", ""))',
    );
  }
  if (parts.has('balance')) {
    out.push(
      '',
      '',
      'def balance(sender):',
      '    """(credits, expiration or None, account status)."""',
      ...comment([SAFE_RETRY_LINE], '    '),
      '    answer = call("GET", "balance.asp", params={"token": TOKEN, "from": sender})',
      '    # The balance is a string ("645"); the expiration is "31-Dec-2026 06:46:17" (Kinshasa time) or empty.',
      '    return int(answer.get("balance", 0)), answer.get("expiration") or None, str(answer.get("status", ""))',
    );
  }
  out.push('', '', 'def main():', '    if not TOKEN:', '        sys.exit("Set KECCEL_TOKEN to your Keccel API token.")');
  // Values go in variables first: an f-string cannot hold a double-quoted literal before Python 3.12.
  out.push(`    sender = ${pythonString(plan.from)}`);
  if (parts.has('send')) {
    if (plan.messageMissing) out.push(...comment([PLACEHOLDER_LINE], '    '));
    out.push(
      `    message_id = send_sms(${pythonString(plan.to)}, sender, ${pythonString(plan.message)})`,
      '    print(f"Sent: message ID {message_id}")',
    );
  }
  if (parts.has('delivery')) {
    out.push(
      '    # The message this snippet was copied from.',
      `    checked_id = ${pythonString(plan.messageId)}`,
      '    print(f"Delivery of {checked_id}: {delivery_status(checked_id, sender)}")',
    );
  }
  if (parts.has('balance')) {
    out.push(
      '    credits, expiration, account = balance(sender)',
      '    print(f"Balance: {credits} SMS, expires {expiration or \'never\'}, account {account}")',
    );
  }
  out.push(
    '',
    '',
    'if __name__ == "__main__":',
    '    try:',
    '        main()',
    '    except (KeccelError, requests.RequestException) as error:',
    '        sys.exit(f"Keccel: {error}")',
    '',
  );
  return out.join('\n');
}
