// The Python snippet: `requests` with a timeout, one `call` helper that applies the gateway's answer rules, a
// function per request, and a main block that runs them and exits non-zero on any failure.
import { pythonString } from './escape';
import {
  ANSWER_RULE_LINES, DEFAULT_OTP_LIFETIME_LINE, NO_CODE_LINE, NO_RETRY_LINES, OTP_BASE_LINE, OTP_LIFETIME_SECONDS, PLACEHOLDER_LINE,
  SAFE_RETRY_LINE, SNIPPET_TIMEOUT_SECONDS, headerLines, runWithLine,
} from './model';
import type { SnippetPlan } from './model';

const comment = (lines: string[], indent = '') => lines.map((line) => `${indent}# ${line}`);

export function pythonSnippet(plan: SnippetPlan): string {
  const { parts } = plan;
  // No shebang: the first line is the one that says whether running this sends (the header says how to run it).
  const out: string[] = [
    ...comment(headerLines(plan, runWithLine(plan, 'python3 keccel_sms.py', '(Python 3.8+, pip install requests)'))),
    'import os',
    ...(plan.kind === 'otp' ? ['import re'] : []),
    'import sys',
    ...(plan.kind === 'otp' ? ['from urllib.parse import urlsplit'] : []),
    '',
    'import requests',
    '',
    `BASE_URL = (os.environ.get("KECCEL_BASE_URL") or ${pythonString(plan.baseUrl)}).rstrip("/")`,
    'TOKEN = os.environ.get("KECCEL_TOKEN", "")',
    `TIMEOUT = ${SNIPPET_TIMEOUT_SECONDS}  # seconds`,
    '',
    '',
    'class KeccelError(Exception):',
    '    """The gateway refused the request, or its answer was not a gateway answer."""',
    '',
    '',
    'def call(method, endpoint, base=BASE_URL, **kwargs):',
    '    """One request to BASE_URL (or base); returns the JSON answer with lower-cased keys (messageID and messageid alike)."""',
    '    response = requests.request(method, f"{base}/{endpoint}", timeout=TIMEOUT, **kwargs)',
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
  if (plan.kind === 'otp') {
    otpFunctions(plan, out);
  } else if (parts.has('send')) {
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
  if (plan.kind === 'otp') {
    otpMain(plan, out);
  } else if (parts.has('send')) {
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

function otpFunctions(plan: SnippetPlan, out: string[]): void {
  out.push(
    '',
    '',
    'def otp_url():',
    ...comment([OTP_BASE_LINE], '    '),
    '    match = re.match(r"^(.*)/sms/v\\d+$", BASE_URL, re.IGNORECASE)',
    '    if match:',
    '        return match.group(1) + "/otp"',
    '    parts = urlsplit(BASE_URL)',
    '    return f"{parts.scheme}://{parts.netloc}/otp"',
  );
  if (plan.parts.has('send')) {
    out.push(
      '',
      '',
      'def send_code(to, sender, message):',
      '    """Asks for a code: the gateway draws it, puts it where the message says %OTP% and sends the SMS."""',
      ...comment(NO_RETRY_LINES, '    '),
      ...comment([DEFAULT_OTP_LIFETIME_LINE], '    '),
      '    answer = call("POST", "generate.asp", otp_url(), json={',
      `        "token": TOKEN, "to": to, "from": sender, "message": message, "length": ${plan.otpLength}, "lifetime": ${OTP_LIFETIME_SECONDS},`,
      '    })',
      '    if str(answer.get("status", "")).lower() != "sent":',
      '        raise KeccelError(f"no code sent: {answer.get(\'description\', answer)}")',
    );
  }
  if (plan.parts.has('validate')) {
    out.push(
      '',
      '',
      'def check_code(to, sender, otp):',
      '    """VALID once for the code the phone received, INVALID otherwise. Sends nothing."""',
      ...comment([SAFE_RETRY_LINE], '    '),
      '    answer = call("GET", "validate.asp", otp_url(), params={"token": TOKEN, "from": sender, "to": to, "otp": otp})',
      '    return str(answer.get("statusotp", answer.get("status", "")))',
    );
  }
}

function otpMain(plan: SnippetPlan, out: string[]): void {
  const { parts } = plan;
  out.push(`    to = ${pythonString(plan.to)}`);
  if (parts.has('validate')) out.push('    code = sys.argv[1] if len(sys.argv) > 1 else ""');
  const send = [
    ...(plan.messageMissing ? comment([PLACEHOLDER_LINE]) : []),
    `send_code(to, sender, ${pythonString(plan.message)})`,
    'print(f"Code sent to {to}")',
  ];
  const check = ['print(f"Code {code}: {check_code(to, sender, code)}")'];
  const indent = (lines: string[]) => lines.map((line) => `        ${line}`);
  if (parts.has('send') && parts.has('validate')) {
    out.push('    if not code:', ...indent(send), '    else:', ...indent(check));
  } else if (parts.has('send')) {
    out.push(...send.map((line) => `    ${line}`));
  } else if (parts.has('validate')) {
    out.push('    if not code:', `        print(${pythonString(NO_CODE_LINE)})`, '    else:', ...indent(check));
  }
}
