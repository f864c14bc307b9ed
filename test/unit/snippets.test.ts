// "Copy as Code": every generated snippet, in every language, is run with its real interpreter against the
// simulator, on a text made to break naive escaping. The simulator's own state says what arrived: exactly the
// record's message, recipient and sender, once. Failures end the program with a non-zero code and no second send.
import assert from 'node:assert/strict';
import { SNIPPET_LANGUAGES, generateSnippet, PLACEHOLDER_MESSAGE } from '../../src/core/snippets';
import type { SnippetInput, SnippetLanguage, SnippetPart } from '../../src/core/snippets';
import { KeccelSimulator, startSimulator } from '../../src/simulator';
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

  it('a sandbox record says how to run it against the sandbox, and still falls back to the live gateway', () => {
    for (const language of SNIPPET_LANGUAGES) {
      const source = generateSnippet(language, { ...record(), sandbox: true });
      assert.match(source, /sent in the Keccel sandbox: load the sandbox's KECCEL_BASE_URL and KECCEL_TOKEN/, language);
      assert.doesNotMatch(generateSnippet(language, record()), /sandbox/i, `${language}: a live record mentions the sandbox`);
    }
  });

  it('a record without a message ID gets no delivery check', () => {
    const { messageId: _none, ...noId } = record();
    for (const language of SNIPPET_LANGUAGES) assert.doesNotMatch(generateSnippet(language, noId), /delivery\.asp/);
  });
});
