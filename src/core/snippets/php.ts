// The PHP snippet: plain ext-curl (runs with php-cli + php-curl, no Composer), a small class with one method per
// request and one `call` that applies the gateway's answer rules; Laravel's Http client form of the send in a
// comment, since the DRC's back ends are often Laravel.
import { phpString } from './escape';
import {
  ANSWER_RULE_LINES, LIVE_BASE_URL, NO_RETRY_LINES, PLACEHOLDER_LINE, SAFE_RETRY_LINE, SNIPPET_TIMEOUT_SECONDS, headerLines,
} from './model';
import type { SnippetPlan } from './model';

const comment = (lines: string[], indent = '') => lines.map((line) => `${indent}// ${line}`);

export function phpSnippet(plan: SnippetPlan): string {
  const { parts } = plan;
  const out: string[] = [
    '<?php',
    ...comment(headerLines(plan, 'php keccel-sms.php (PHP 8.0+ with ext-curl)')),
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
  if (parts.has('send')) {
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
    '    /** One request (a POST when $json is given); returns the JSON answer with lower-cased keys (messageID and messageid alike). */',
    '    private function call(string $endpoint, ?array $json = null): array',
    '    {',
    "        $curl = curl_init($this->baseUrl . '/' . $endpoint);",
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
    `$keccel = new KeccelSms(getenv('KECCEL_BASE_URL') ?: ${phpString(LIVE_BASE_URL)}, $token);`,
    `$from = ${phpString(plan.from)};`,
    'try {',
  );
  if (parts.has('send')) {
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
  if (parts.has('send')) {
    out.push(
      '',
      '// In Laravel, the same send with the Http client (Guzzle underneath); no ->retry() on it, for the reason above:',
      `//   $answer = Http::timeout(${SNIPPET_TIMEOUT_SECONDS})->post(rtrim(env('KECCEL_BASE_URL', '${LIVE_BASE_URL}'), '/') . '/message.asp',`,
      "//       ['token' => env('KECCEL_TOKEN'), 'to' => $to, 'from' => $from, 'message' => $message])->throw()->json();",
      "//   // then the same checks: status 'Rejected' (any casing) is a refusal; the id is messageID.",
    );
  }
  out.push('');
  return out.join('\n');
}
