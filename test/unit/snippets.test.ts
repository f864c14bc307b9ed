// "Copy as Code": every generated snippet, in every language, is run with its real interpreter against the
// simulator, on a text made to break naive escaping. The simulator's own state says what arrived: exactly the
// record's message, recipient and sender, once. Failures end the program with a non-zero code and no second send.
import assert from 'node:assert/strict';
import { SNIPPET_LANGUAGES, defaultParts, generateSnippet, PLACEHOLDER_MESSAGE } from '../../src/core/snippets';
import type { SnippetInput, SnippetLanguage, SnippetPart } from '../../src/core/snippets';
import { FIXED_OTP_CODE, KeccelSimulator, MAGIC_OTP_FIXED_CODE, startSimulator } from '../../src/simulator';
import { interpreterFor, runSnippet } from './support/snippetRunner';

/** Quotes of every kind, `$` expansions, backslashes, PHP's closing tag, emoji (one with a skin tone and a ZWJ),
 *  French accents in and out of GSM-7, CRLF and LF, a tab and U+2028. */
export const HOSTILE_TEXT =
  'Il a dit "bonjour" & l\'été à Kinshasa ’ “ ” ê œ ç É $HOME ${PATH} $(id) `date` %s {$x} #{x} ?> \'\'\' """ ' +
  '\\n C:\\temp\\ \\\\ 😀 👩🏽‍💻\r\nligne 2\n\ttab\u2028fin\\';

/** A token with JSON's and the shell's special characters: the snippets must pass it through untouched. */
const TOKEN = 'unit-tok"en\\$x\'1';
const SENDER = "Jo's $\"\\";

const sent = (sim: KeccelSimulator) => sim.requests.filter((r) => r.method === 'POST' && /message\.asp$/i.test(r.path)).length;

describe('Copy as Code snippets, run against the simulator', function () {
  this.timeout(60_000);
  let sim: KeccelSimulator;
  let knownId: string;

  before(async () => {
    sim = await startSimulator({ token: TOKEN, deliveryDelayMs: 0 });
    // A message the gateway knows, as the record a snippet is copied from would be.
    const answer = await fetch(`${sim.baseUrl}/message.asp`, {
      method: 'POST',
      body: JSON.stringify({ token: TOKEN, to: '243812345678', from: 'GUEST', message: 'first' }),
    });
    knownId = ((await answer.json()) as { messageID: string }).messageID;
  });

  after(() => sim.stop());

  const record = (): SnippetInput => ({ to: '243970000001', from: SENDER, message: HOSTILE_TEXT, messageId: knownId });
  const run = (language: SnippetLanguage, input: SnippetInput, parts?: SnippetPart[], token = TOKEN) =>
    runSnippet(language, generateSnippet(language, input, parts), { token, baseUrl: sim.baseUrl });

  for (const language of SNIPPET_LANGUAGES) {
    describe(language, () => {
      it('has its interpreter on this machine (npm run provision installs it)', () => {
        assert.ok(interpreterFor(language));
      });

      it('sends exactly the record\'s message, recipient and sender, once, and prints the new message ID', async () => {
        const before = sim.messages.length;
        const posts = sent(sim);
        const result = await run(language, record(), ['send']);
        assert.equal(result.code, 0, result.stderr);
        const arrived = sim.messages.slice(before);
        assert.equal(arrived.length, 1, `${arrived.length} messages arrived`);
        assert.equal(sent(sim) - posts, 1, 'message.asp was not called exactly once');
        assert.equal(arrived[0].message, HOSTILE_TEXT);
        assert.equal(arrived[0].to, '243970000001');
        assert.equal(arrived[0].from, SENDER);
        assert.equal(result.stdout, `Sent: message ID ${arrived[0].messageId}\n`);
      });

      it('checks the delivery of the record\'s message ID and prints the status', async () => {
        const posts = sent(sim);
        const result = await run(language, record(), ['delivery']);
        assert.equal(result.code, 0, result.stderr);
        assert.equal(result.stdout, `Delivery of ${knownId}: DELIVERED\n`);
        assert.equal(sent(sim), posts, 'a delivery snippet sent an SMS');
      });

      it('reads the balance, which the gateway sends as a string, and the empty expiration', async () => {
        sim.setBalance(645);
        sim.setExpiration(null);
        const result = await run(language, record(), ['balance']);
        assert.equal(result.code, 0, result.stderr);
        assert.equal(result.stdout, 'Balance: 645 SMS, expires never, account active\n');
        sim.setExpiration(new Date('2026-12-31T05:46:17Z'));
        const dated = await run(language, record(), ['balance']);
        assert.equal(dated.stdout, 'Balance: 645 SMS, expires 31-Dec-2026 06:46:17, account active\n');
      });

      it('the copied snippet makes all three requests: one send, the delivery check, the balance', async () => {
        const before = sim.messages.length;
        const result = await run(language, record());
        assert.equal(result.code, 0, result.stderr);
        const arrived = sim.messages.slice(before);
        assert.equal(arrived.length, 1);
        assert.equal(arrived[0].message, HOSTILE_TEXT);
        assert.equal(result.stdout, [
          `Sent: message ID ${arrived[0].messageId}`,
          `Delivery of ${knownId}: DELIVERED`,
          `Balance: ${sim.balance} SMS, expires 31-Dec-2026 06:46:17, account active`,
          '',
        ].join('\n'));
      });

      it('a refusal (HTTP 200 + Rejected) fails with the gateway\'s description, without a second attempt', async () => {
        const posts = sent(sim);
        const result = await run(language, record(), undefined, 'wrong-token');
        assert.notEqual(result.code, 0, result.stdout);
        assert.match(result.stderr, /Invalid token/);
        assert.equal(result.stdout, '', 'a step after the failed send ran');
        assert.equal(sent(sim) - posts, 1, 'the refused send was retried');
      });

      it('an HTML error page is a transport failure, and the send is not retried', async () => {
        const posts = sent(sim);
        sim.failNext(1, 'http500html');
        const result = await run(language, record(), ['send']);
        assert.notEqual(result.code, 0, result.stdout);
        assert.match(result.stderr, /HTTP 500/);
        assert.equal(sent(sim) - posts, 1, 'the send was retried after an HTTP 500');
      });

      it('an answer that is not JSON is a transport failure too', async () => {
        sim.failNext(1, 'nonjson');
        const result = await run(language, record(), ['balance']);
        assert.notEqual(result.code, 0, result.stdout);
        assert.match(result.stderr, /did not answer JSON/);
      });

      it('without KECCEL_TOKEN it says so and sends nothing', async () => {
        const posts = sent(sim);
        const result = await run(language, record(), ['send'], '');
        assert.notEqual(result.code, 0);
        assert.match(result.stderr, /KECCEL_TOKEN/);
        assert.equal(sent(sim), posts);
      });

      it('a record without its text sends the placeholder, and says why', async () => {
        const before = sim.messages.length;
        const { message: _omitted, ...withoutText } = record();
        const source = generateSnippet(language, withoutText, ['send']);
        assert.match(source, /storeMessageText/);
        const result = await runSnippet(language, source, { token: TOKEN, baseUrl: sim.baseUrl });
        assert.equal(result.code, 0, result.stderr);
        assert.equal(sim.messages.slice(before)[0]?.message, PLACEHOLDER_MESSAGE);
      });
    });
  }

  it('no snippet holds a token: it reads KECCEL_TOKEN, and KECCEL_BASE_URL with the live gateway as fallback', () => {
    for (const language of SNIPPET_LANGUAGES) {
      const source = generateSnippet(language, record());
      assert.ok(!source.includes(TOKEN), `${language} snippet holds the token`);
      assert.match(source, /KECCEL_TOKEN/);
      assert.match(source, /KECCEL_BASE_URL/);
      assert.ok(source.includes('https://api.keccel.com/sms/v2'), `${language}: no live fallback`);
      assert.match(source, /Never retried/, `${language}: the send does not say why it is not retried`);
    }
  });

  it('a sandbox record says it needs the sandbox\'s token; a live record does not mention the sandbox', () => {
    for (const language of SNIPPET_LANGUAGES) {
      const source = generateSnippet(language, { ...record(), sandbox: true, baseUrl: sim.baseUrl });
      assert.match(source, /Keccel sandbox message: KECCEL_TOKEN must be the sandbox's/, language);
      assert.doesNotMatch(generateSnippet(language, record()), /sandbox/i, `${language}: a live record mentions the sandbox`);
    }
  });

  for (const language of SNIPPET_LANGUAGES) {
    it(`${language}: without KECCEL_BASE_URL, a sandbox record's snippet runs against the sandbox, never the live gateway`, async () => {
      const before = sim.messages.length;
      const source = generateSnippet(language, { ...record(), sandbox: true, baseUrl: `${sim.baseUrl}/` }, ['send']);
      assert.ok(!source.includes('api.keccel.com'), `${language}: the live gateway is still in the snippet`);
      const result = await runSnippet(language, source, { token: TOKEN, baseUrl: undefined });
      assert.equal(result.code, 0, result.stderr);
      assert.equal(sim.messages.slice(before).length, 1, 'the send did not reach the sandbox');
    });

    it(`${language}: the first line says that running it SENDS and costs credit; the check variant sends nothing`, async () => {
      const firstLine = (source: string) => source.split('\n')[0];
      assert.match(firstLine(generateSnippet(language, record())), /SENDS an SMS.*costs credit/);
      const check = generateSnippet(language, record(), defaultParts(record(), 'check'));
      assert.match(firstLine(check), /sends nothing/);
      assert.doesNotMatch(check, /message\.asp/);
      const before = sim.messages.length;
      const result = await runSnippet(language, check, { token: TOKEN, baseUrl: sim.baseUrl });
      assert.equal(result.code, 0, result.stderr);
      assert.equal(sim.messages.length, before, 'the check variant sent an SMS');
      const [delivery, balance, end] = result.stdout.split('\n');
      assert.equal(delivery, `Delivery of ${knownId}: DELIVERED`);
      assert.match(balance, new RegExp(`^Balance: ${sim.balance} SMS, expires .+, account active$`));
      assert.equal(end, '');
    });
  }

  describe('OTP records (generate.asp, validate.asp)', () => {
    const template = `${HOSTILE_TEXT} %OTP%`;
    const otpRecord = (): SnippetInput => ({ kind: 'otp', to: MAGIC_OTP_FIXED_CODE, from: SENDER, message: template, otpLength: 6, sandbox: true, baseUrl: sim.baseUrl });
    const code = FIXED_OTP_CODE.slice(0, 6);

    for (const language of SNIPPET_LANGUAGES) {
      it(`${language}: run without an argument it asks for one code with the template; run with the code it checks it, once`, async () => {
        const source = generateSnippet(language, otpRecord());
        assert.match(source.split('\n')[0], /SENDS an SMS with a one-time code.*costs credit/);
        assert.doesNotMatch(source, /message\.asp/);
        const before = sim.messages.length;
        const sent = await runSnippet(language, source, { token: TOKEN, baseUrl: undefined });
        assert.equal(sent.code, 0, sent.stderr);
        const arrived = sim.messages.slice(before);
        assert.equal(arrived.length, 1, `${arrived.length} messages arrived`);
        assert.equal(arrived[0].message, template.replace('%OTP%', code));
        assert.equal(sim.currentOtp(MAGIC_OTP_FIXED_CODE)?.code, code);
        assert.equal(sent.stdout.split('\n')[0], `Code sent to ${MAGIC_OTP_FIXED_CODE}`);

        const checked = await runSnippet(language, source, { token: TOKEN, baseUrl: undefined }, [code]);
        assert.equal(checked.code, 0, checked.stderr);
        assert.equal(sim.messages.length, before + 1, 'checking the code sent another SMS');
        assert.equal(checked.stdout.split('\n')[0], `Code ${code}: VALID`);
        const again = await runSnippet(language, source, { token: TOKEN, baseUrl: undefined }, [code]);
        assert.equal(again.stdout.split('\n')[0], `Code ${code}: INVALID`);
        assert.match(again.stdout.split('\n')[1], /^Balance: \d+ SMS/);
      });

      it(`${language}: the check variant of an OTP record sends nothing, with or without a code`, async () => {
        const source = generateSnippet(language, otpRecord(), defaultParts(otpRecord(), 'check'));
        assert.match(source.split('\n')[0], /sends nothing/);
        assert.doesNotMatch(source, /generate\.asp/);
        const before = sim.messages.length;
        const bare = await runSnippet(language, source, { token: TOKEN, baseUrl: sim.baseUrl });
        assert.equal(bare.code, 0, bare.stderr);
        assert.match(bare.stdout, /^No code given/);
        const wrong = await runSnippet(language, source, { token: TOKEN, baseUrl: sim.baseUrl }, ['000000']);
        assert.equal(wrong.stdout.split('\n')[0], 'Code 000000: INVALID');
        assert.equal(sim.messages.length, before, 'the check variant sent an SMS');
      });

      it(`${language}: a refused code request (ERROR) fails with the gateway's description`, async () => {
        const source = generateSnippet(language, { ...otpRecord(), to: '243810000002' }, ['send']);
        const result = await runSnippet(language, source, { token: TOKEN, baseUrl: sim.baseUrl });
        assert.notEqual(result.code, 0, result.stdout);
        assert.match(result.stderr, /no code sent/);
        assert.equal(result.stdout, '');
      });
    }
  });

  // The message ID comes from the gateway (or a proxy, or another client of the sandbox): text we did not write. The
  // header comment names it; a line break there (U+2028 for JavaScript), or PHP's closing tag, would end the comment
  // and turn the rest of the ID into code that runs when the user runs the snippet.
  const hostileIds: Record<SnippetLanguage, string> = {
    curl: '1\necho INJECTED #',
    php: '1 ?>INJECTED<?php //',
    node: '1\u2028console.log("INJECTED") //',
    python: '1\rprint("INJECTED") #',
  };
  for (const language of SNIPPET_LANGUAGES) {
    it(`${language}: a hostile message ID stays text: it ends no comment and runs nothing`, async () => {
      const id = hostileIds[language];
      const result = await run(language, { ...record(), messageId: id }, ['delivery']);
      // The only output is the delivery line, which quotes the ID once (the sandbox does not know it).
      assert.ok(result.stdout.startsWith(`Delivery of ${id}: `), `${language} ran code from the message ID:\n${result.stdout}`);
      assert.equal(result.stdout.split('INJECTED').length, 2, `${language} ran code from the message ID:\n${result.stdout}`);
      assert.doesNotMatch(result.stderr, /syntax|parse error|unexpected|fatal error/i, result.stderr);
    });
  }

  it('a record without a message ID gets no delivery check', () => {
    const { messageId: _none, ...noId } = record();
    for (const language of SNIPPET_LANGUAGES) assert.doesNotMatch(generateSnippet(language, noId), /delivery\.asp/);
  });
});
