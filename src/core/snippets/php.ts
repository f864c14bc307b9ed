// The PHP snippet: plain ext-curl (runs with php-cli + php-curl, no Composer), a small class with one method per
// request and one `call` that applies the gateway's answer rules; Laravel's Http client form of the send in a
// comment, since the DRC's back ends are often Laravel.
import { phpString } from './escape';
import {
  ANSWER_RULE_LINES, DEFAULT_OTP_LIFETIME_LINE, NO_CODE_LINE, NO_RETRY_LINES, OTP_BASE_LINE, OTP_LIFETIME_SECONDS, PLACEHOLDER_LINE,
  SAFE_RETRY_LINE, SNIPPET_TIMEOUT_SECONDS, headerLines, runWithLine,
} from './model';
import type { SnippetPlan } from './model';

const comment = (lines: string[], indent = '') => lines.map((line) => `${indent}// ${line}`);

export function phpSnippet(plan: SnippetPlan): string {
  const { parts } = plan;
  const [first, ...header] = comment(headerLines(plan, runWithLine(plan, 'php keccel-sms.php', '(PHP 8.0+ with ext-curl)')));
  // The first line says whether running this sends: on the opening tag's line.
  const out: string[] = [
    `<?php ${first}`,
    ...header,
    'declare(strict_types=1);',
    '',
    '/** The gateway refused the request, or its answer was not a gateway answer. */',
    'final class KeccelException extends RuntimeException',
    '{',
    '}',
    '',
    'final class KeccelSms',
    '{',
    `    private const TIMEOUT_SECONDS = ${SNIPPET_TIMEOUT_SECONDS};`,
    '',
    '    public function __construct(private string $baseUrl, private string $token)',
    '    {',
    "        $this->baseUrl = rtrim($baseUrl, '/');",
    '    }',
  ];
  if (plan.kind === 'otp') {
    otpMethods(plan, out);
  } else if (parts.has('send')) {
    out.push(
      '',
      '    /** POSTs one SMS to message.asp; returns its message ID. */',
      '    public function send(string $to, string $from, string $message): string',
      '    {',
      ...comment(NO_RETRY_LINES, '        '),
      "        $answer = $this->call('message.asp', ['token' => $this->token, 'to' => $to, 'from' => $from, 'message' => $message]);",
      "        if (strcasecmp((string) ($answer['status'] ?? ''), 'sent') !== 0) {",
      "            throw new KeccelException('unexpected answer: ' . json_encode($answer));",
      '        }',
      "        return (string) ($answer['messageid'] ?? '');",
      '    }',
    );
  }
  if (parts.has('delivery')) {
    out.push(
      '',
      '    /** DELIVERED or FAILED once the report is in; another word until then. */',
      '    public function deliveryStatus(string $messageId, string $from): string',
      '    {',
      ...comment([SAFE_RETRY_LINE], '        '),
      "        $answer = $this->call('delivery.asp?' . http_build_query(['token' => $this->token, 'from' => $from, 'messageid' => $messageId]));",
      "        return (string) ($answer['status'] ?? '');",
      '    }',
    );
  }
  if (parts.has('balance')) {
    out.push(
      '',
      '    /** [credits, expiration or null, account status]. */',
      '    public function balance(string $from): array',
      '    {',
      ...comment([SAFE_RETRY_LINE], '        '),
      "        $answer = $this->call('balance.asp?' . http_build_query(['token' => $this->token, 'from' => $from]));",
      '        // The balance is a string ("645"); the expiration is "31-Dec-2026 06:46:17" (Kinshasa time) or empty.',
      "        return [(int) ($answer['balance'] ?? 0), ($answer['expiration'] ?? '') ?: null, (string) ($answer['status'] ?? '')];",
      '    }',
    );
  }
  out.push(
    '',
    '    /** One request to the base URL, or to $url (a POST when $json is given); returns the JSON answer with lower-cased keys (messageID and messageid alike). */',
    '    private function call(string $endpoint, ?array $json = null, ?string $url = null): array',
    '    {',
    "        $curl = curl_init(($url ?? $this->baseUrl) . '/' . $endpoint);",
    '        $options = [CURLOPT_RETURNTRANSFER => true, CURLOPT_TIMEOUT => self::TIMEOUT_SECONDS];',
    '        if ($json !== null) {',
    '            $options[CURLOPT_POST] = true;',
    '            $options[CURLOPT_POSTFIELDS] = json_encode($json, JSON_UNESCAPED_UNICODE | JSON_THROW_ON_ERROR);',
    "            $options[CURLOPT_HTTPHEADER] = ['Content-Type: application/json'];",
    '        }',
    '        curl_setopt_array($curl, $options);',
    '        $body = curl_exec($curl);',
    '        if ($body === false) {',
    "            throw new KeccelException(\"no answer from $endpoint: \" . curl_error($curl));",
    '        }',
    ...comment(ANSWER_RULE_LINES, '        '),
    '        $status = curl_getinfo($curl, CURLINFO_RESPONSE_CODE);',
    '        if ($status < 200 || $status > 299) {',
    '            throw new KeccelException("HTTP $status from $endpoint");',
    '        }',
    '        $answer = json_decode($body, true);',
    '        if (!is_array($answer)) {',
    "            throw new KeccelException(\"$endpoint did not answer JSON: \" . substr($body, 0, 200));",
    '        }',
    '        $answer = array_change_key_case($answer, CASE_LOWER);',
    "        if (strcasecmp((string) ($answer['status'] ?? ''), 'rejected') === 0) {",
    "            throw new KeccelException('Keccel refused: ' . ($answer['description'] ?? ''));",
    '        }',
    '        return $answer;',
    '    }',
    '}',
    '',
    "$token = getenv('KECCEL_TOKEN') ?: '';",
    "if ($token === '') {",
    '    fwrite(STDERR, "Set KECCEL_TOKEN to your Keccel API token.\\n");',
    '    exit(1);',
    '}',
    `$keccel = new KeccelSms(getenv('KECCEL_BASE_URL') ?: ${phpString(plan.baseUrl)}, $token);`,
    `$from = ${phpString(plan.from)};`,
    'try {',
  );
  if (plan.kind === 'otp') {
    otpMain(plan, out);
  } else if (parts.has('send')) {
    if (plan.messageMissing) out.push(...comment([PLACEHOLDER_LINE], '    '));
    out.push(
      `    $messageId = $keccel->send(${phpString(plan.to)}, $from, ${phpString(plan.message)});`,
      '    echo "Sent: message ID $messageId\\n";',
    );
  }
  if (parts.has('delivery')) {
    out.push(
      '    // The message this snippet was copied from.',
      `    $checkedId = ${phpString(plan.messageId)};`,
      '    echo "Delivery of $checkedId: " . $keccel->deliveryStatus($checkedId, $from) . "\\n";',
    );
  }
  if (parts.has('balance')) {
    out.push(
      '    [$credits, $expiration, $account] = $keccel->balance($from);',
      "    echo \"Balance: $credits SMS, expires \" . ($expiration ?? 'never') . \", account $account\\n\";",
    );
  }
  out.push(
    '} catch (KeccelException | JsonException $error) {',
    "    fwrite(STDERR, 'Keccel: ' . $error->getMessage() . \"\\n\");",
    '    exit(1);',
    '}',
  );
  if (parts.has('send') && plan.kind === 'sms') {
    out.push(
      '',
      '// In Laravel, the same send with the Http client (Guzzle underneath); no ->retry() on it, for the reason above:',
      `//   $answer = Http::timeout(${SNIPPET_TIMEOUT_SECONDS})->post(rtrim(env('KECCEL_BASE_URL', ${phpString(plan.baseUrl)}), '/') . '/message.asp',`,
      "//       ['token' => env('KECCEL_TOKEN'), 'to' => $to, 'from' => $from, 'message' => $message])->throw()->json();",
      "//   // then the same checks: status 'Rejected' (any casing) is a refusal; the id is messageID.",
    );
  }
  out.push('');
  return out.join('\n');
}

function otpMethods(plan: SnippetPlan, out: string[]): void {
  out.push(
    '',
    ...comment([OTP_BASE_LINE], '    '),
    '    private function otpUrl(): string',
    '    {',
    "        if (preg_match('~^(.*)/sms/v\\d+$~i', $this->baseUrl, $match)) {",
    "            return $match[1] . '/otp';",
    '        }',
    "        $parts = parse_url($this->baseUrl);",
    "        return $parts['scheme'] . '://' . $parts['host'] . (isset($parts['port']) ? ':' . $parts['port'] : '') . '/otp';",
    '    }',
  );
  if (plan.parts.has('send')) {
    out.push(
      '',
      '    /** Asks for a code: the gateway draws it, puts it where the message says %OTP% and sends the SMS. */',
      '    public function sendCode(string $to, string $from, string $message): void',
      '    {',
      ...comment(NO_RETRY_LINES, '        '),
      ...comment([DEFAULT_OTP_LIFETIME_LINE], '        '),
      "        $answer = $this->call('generate.asp', ['token' => $this->token, 'to' => $to, 'from' => $from, 'message' => $message,",
      `            'length' => ${plan.otpLength}, 'lifetime' => ${OTP_LIFETIME_SECONDS}], $this->otpUrl());`,
      "        if (strcasecmp((string) ($answer['status'] ?? ''), 'sent') !== 0) {",
      "            throw new KeccelException('no code sent: ' . ($answer['description'] ?? json_encode($answer)));",
      '        }',
      '    }',
    );
  }
  if (plan.parts.has('validate')) {
    out.push(
      '',
      '    /** VALID once for the code the phone received, INVALID otherwise. Sends nothing. */',
      '    public function checkCode(string $to, string $from, string $otp): string',
      '    {',
      ...comment([SAFE_RETRY_LINE], '        '),
      "        $answer = $this->call('validate.asp?' . http_build_query(['token' => $this->token, 'from' => $from, 'to' => $to, 'otp' => $otp]), null, $this->otpUrl());",
      "        return (string) ($answer['statusotp'] ?? $answer['status'] ?? '');",
      '    }',
    );
  }
}

function otpMain(plan: SnippetPlan, out: string[]): void {
  const { parts } = plan;
  out.push(`    $to = ${phpString(plan.to)};`);
  if (parts.has('validate')) out.push("    $code = $argv[1] ?? '';");
  const send = [
    ...(plan.messageMissing ? comment([PLACEHOLDER_LINE]) : []),
    `$keccel->sendCode($to, $from, ${phpString(plan.message)});`,
    'echo "Code sent to $to\\n";',
  ];
  const check = ['echo "Code $code: " . $keccel->checkCode($to, $from, $code) . "\\n";'];
  const indent = (lines: string[]) => lines.map((line) => `        ${line}`);
  if (parts.has('send') && parts.has('validate')) {
    out.push("    if ($code === '') {", ...indent(send), '    } else {', ...indent(check), '    }');
  } else if (parts.has('send')) {
    out.push(...send.map((line) => `    ${line}`));
  } else if (parts.has('validate')) {
    out.push("    if ($code === '') {", `        echo ${phpString(NO_CODE_LINE)} . "\\n";`, '    } else {', ...indent(check), '    }');
  }
}
