// The composer's live feedback, computed by the same pure code the webview runs: what a user sees under the
// message and the recipient while typing, and when Send can be pressed.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { composerStringKeys, composerStrings, type Localizer } from '../../src/extension/composer/strings';
import { composerHtml } from '../../src/extension/composer/html';
import { contentSecurityPolicy } from '../../src/extension/platform/webviewPage';
import { computeView, MAX_LISTED_UCS2, positionOf } from '../../src/common/composerViewModel';
import { isWebviewMessage, type ComposerDraft } from '../../src/common/composerProtocol';
import { excerpt, outcomeView, repeatsUncertain, sameOutcome } from '../../src/common/composerOutcome';
import type { HistoryRecord } from '../../src/core/types';

/** vscode.l10n.t without a bundle: the English message with its {n} placeholders filled. */
const english: Localizer = {
  t: (message, ...args) => message.replace(/\{(\d+)\}/g, (m, n: string) => String(args[Number(n)] ?? m)),
};
const en = composerStrings(english, 'en');
const draft = (d: Partial<ComposerDraft>): ComposerDraft => ({ to: '0812345678', from: '', message: 'Hello', ...d });

describe('composer view model', () => {
  it('names the encoding, the segments, the characters and the room left in the part', () => {
    assert.equal(computeView(draft({ message: 'Bonjour' }), 'GUEST', en, false).liveLine,
      'GSM-7 · 1 segment · 7 characters · 153 left in this part');
    assert.equal(computeView(draft({ message: 'a'.repeat(161) }), 'GUEST', en, false).liveLine,
      'GSM-7 · 2 segments · 161 characters · 145 left in this part');
    assert.equal(computeView(draft({ message: 'Tu es prête ?' }), 'GUEST', en, false).liveLine,
      'UCS-2 · 1 segment · 13 characters · 57 left in this part');
    assert.equal(computeView(draft({ message: '' }), 'GUEST', en, false).liveLine,
      'GSM-7 · 0 segments · 0 characters · 160 left in this part');
  });

  it('says which characters count twice in GSM-7, so the count and the room left add up', () => {
    const view = computeView(draft({ message: 'Prix: 10€ [promo] {ok}' }), 'GUEST', en, false);
    // 22 characters, 5 of them double: 27 of the 160 used.
    assert.equal(view.liveLine, 'GSM-7 · 1 segment · 22 characters · 133 left in this part');
    assert.equal(view.doubleWidth, '€ [ ] { } count as 2 characters each in GSM-7');
    assert.equal(computeView(draft({ message: '2^10 ^ 2' }), 'GUEST', en, false).doubleWidth,
      '^ counts as 2 characters in GSM-7');
    assert.equal(computeView(draft({ message: 'Bonjour' }), 'GUEST', en, false).doubleWidth, undefined);
    // In UCS-2 every character costs the same: no note.
    assert.equal(computeView(draft({ message: 'Fête: 10€' }), 'GUEST', en, false).doubleWidth, undefined);
    const fr = composerStrings(frenchLocalizer(), 'fr');
    assert.equal(computeView(draft({ message: '10€ [x]' }), 'GUEST', fr, false).doubleWidth,
      '€ [ ] comptent chacun pour 2 caractères en GSM-7');
  });

  it('names each character that forces UCS-2 with its code point, 1-based position and GSM-7 rewrite', () => {
    const view = computeView(draft({ message: 'Merci d’être là 😀' }), 'GUEST', en, false);
    assert.deepEqual(view.ucs2?.items.map((i) => i.text), [
      '"’" (U+2019) at position 8 → "\'"',
      '"ê" (U+00EA) at position 9 → "e"',
      '"😀" (U+1F600) at position 17',
    ]);
    // The emoji has no GSM-7 form: the rewrite is still offered for the rest, and the emoji is named beside it.
    assert.equal(view.ucs2?.canRewrite, true);
    assert.equal(view.ucs2?.blocked, 'No GSM-7 form for 😀: remove it first, or the message stays UCS-2.');
    // The UTF-16 range selects exactly the character in the textarea.
    const emoji = view.ucs2!.items[2];
    assert.equal('Merci d’être là 😀'.slice(emoji.start, emoji.end), '😀');
  });

  it('offers the rewrite whenever something has a GSM-7 form, and names what has none', () => {
    const fixable = computeView(draft({ message: 'Merci d’être là' }), 'GUEST', en, false);
    assert.equal(fixable.ucs2?.canRewrite, true);
    assert.equal(fixable.ucs2?.blocked, undefined);
    // The user trial's message: accents plus two emoji and a degree sign. The rewrite is not hidden by the emoji:
    // it turns ° into o, and the two emoji are named.
    const stuck = computeView(draft({ message: 'Bonjour 👋 à tous, il fait 30° dehors, bonne journée 😊' }), 'GUEST', en, false);
    assert.equal(stuck.ucs2?.canRewrite, true);
    assert.equal(stuck.ucs2?.blocked, 'No GSM-7 form for 👋 😊: remove them first, or the message stays UCS-2.');
    const fr = composerStrings(frenchLocalizer(), 'fr');
    const stuckFr = computeView(draft({ message: 'Salut 👋' }), 'GUEST', fr, false);
    assert.ok(stuckFr.ucs2?.blocked?.includes('👋'), stuckFr.ucs2?.blocked);
    assert.notEqual(stuckFr.ucs2?.blocked, en.rewriteBlockedOne.replace('{0}', '👋'));
  });

  it('names the keccel.sender setting when the default sender is unusable, not when the field is', () => {
    const fromSetting = computeView(draft({ from: '' }), 'KINSHASA-TELECOM', en, false);
    assert.equal(fromSetting.canSend, false);
    assert.match(fromSetting.senderError ?? '', /keccel\.sender/);
    assert.match(fromSetting.senderError ?? '', /KINSHASA-TELECOM/);
    const typed = computeView(draft({ from: 'KINSHASA-TELECOM' }), 'GUEST', en, false);
    assert.equal(typed.senderError, 'A sender name has at most 11 characters.');
    // A usable field overrides a bad setting.
    assert.equal(computeView(draft({ from: 'KIN-TEL' }), 'KINSHASA-TELECOM', en, false).canSend, true);
  });

  it('offers no rewrite when no culprit has a GSM-7 form, and lists no culprit for GSM-7 text', () => {
    assert.equal(computeView(draft({ message: 'ok 😀' }), 'GUEST', en, false).ucs2?.canRewrite, false);
    assert.equal(computeView(draft({ message: 'déjà vu' }), 'GUEST', en, false).ucs2, undefined);
  });

  it('lists a bounded number of culprits and says how many more there are', () => {
    const view = computeView(draft({ message: 'Привет, как дела' }), 'GUEST', en, false);
    assert.equal(view.ucs2?.items.length, MAX_LISTED_UCS2);
    assert.equal(view.ucs2?.more, 'and 5 more');
  });

  it('counts positions as a person does: an emoji is one character', () => {
    assert.equal(positionOf('😀😀ê', 4), 3);
    assert.equal(positionOf('abc', 0), 1);
  });

  it('shows the carrier of a valid number and the precise error of an invalid one', () => {
    const carriers: Array<[string, string]> = [
      ['+243 81 234 5678', 'Vodacom · +243 81 234 5678'],
      ['0841234567', 'Orange · +243 84 123 4567'],
      ['00243971234567', 'Airtel · +243 97 123 4567'],
      ['901234567', 'Africell · +243 90 123 4567'],
    ];
    for (const [input, text] of carriers) {
      assert.deepEqual(computeView(draft({ to: input }), 'GUEST', en, false).recipient,
        { kind: 'ok', msisdn: '243' + text.replace(/\D/g, '').slice(3), text });
    }
    const bad = computeView(draft({ to: '081234567' }), 'GUEST', en, false).recipient;
    assert.equal(bad.kind, 'error');
    assert.match(bad.kind === 'error' ? bad.text : '', /9 digits.*this one has 8 digits/);
    assert.deepEqual(computeView(draft({ to: '  ' }), 'GUEST', en, false).recipient, { kind: 'empty' });
  });

  it('uses the translated number error where the l10n bundle has one', () => {
    const fr = composerStrings(frenchLocalizer(), 'fr');
    const bad = computeView(draft({ to: '+33 6 12 34 56 78' }), 'GUEST', fr, false).recipient;
    assert.equal(bad.kind === 'error' && bad.text, frenchBundle()['Only DRC mobile numbers (+243) can be sent to.']);
  });

  it('enables Send only for a valid number, a sender of at most 11 GSM-7 characters, a message, and no send in flight', () => {
    const canSend = (d: Partial<ComposerDraft>, sending = false) => computeView(draft(d), 'GUEST', en, sending).canSend;
    assert.equal(canSend({}), true);
    assert.equal(canSend({}, true), false, 'one click, one SMS: disabled while a send is in flight');
    assert.equal(canSend({ to: '0871234567' }), false, '87 is not a mobile prefix');
    assert.equal(canSend({ message: '   ' }), false);
    assert.equal(canSend({ from: 'KECCEL-SHOP' }), true);
    assert.equal(canSend({ from: 'A very long sender' }), false);
    assert.equal(computeView(draft({ from: 'A very long sender' }), 'GUEST', en, false).senderError,
      'A sender name has at most 11 characters.');
  });

  it('uses the default sender while From is empty', () => {
    assert.equal(computeView(draft({ from: '' }), 'MYSHOP', en, false).sender, 'MYSHOP');
    assert.equal(computeView(draft({ from: ' Promo ' }), 'MYSHOP', en, false).sender, 'Promo');
  });

  it('follows French plural rules in French (0 and 1 are singular)', () => {
    const fr = composerStrings(frenchLocalizer(), 'fr');
    assert.equal(computeView(draft({ message: '' }), 'GUEST', fr, false).liveLine,
      'GSM-7 · 0 segment · 0 caractère · encore 160 dans cette partie');
  });
});

describe('composer result box', () => {
  const record = (r: Partial<HistoryRecord>): HistoryRecord => ({
    id: 'r1', messageId: 'MSG-42', to: '243991234567', from: 'GUEST', message: 'Bonne fete!', encoding: 'GSM-7',
    segments: 1, sendStatus: 'sent', description: 'Message sent', deliveryStatus: 'pending',
    sentAt: '2026-11-28T10:00:00.000Z', updatedAt: '2026-11-28T10:00:00.000Z', sandbox: false, ...r,
  });
  const texts = (r: Partial<HistoryRecord>) => outcomeView(record(r), en).lines.map((l) => l.text);
  const notSure = 'No answer from Keccel within 20 s; the SMS may or may not have been sent. Check the history before sending again.';

  it('is titled as the last message with its recipient, and quotes its text', () => {
    const view = outcomeView(record({}), en);
    assert.equal(view.title, 'Last message to +243 99 123 4567');
    assert.deepEqual(view.lines.map((l) => l.text), ['Sent. Message ID: MSG-42', 'Waiting for delivery report', 'Bonne fete!']);
  });

  it('follows the delivery status in the words of the tree', () => {
    assert.equal(outcomeView(record({ deliveryStatus: 'delivered' }), en).tone, 'delivered');
    assert.deepEqual(texts({ deliveryStatus: 'delivered' }).slice(0, 2), ['Sent. Message ID: MSG-42', 'Delivered']);
    assert.equal(texts({ deliveryStatus: 'failed' })[1], 'Delivery failed');
    assert.equal(outcomeView(record({ deliveryStatus: 'failed' }), en).tone, 'failed');
    assert.equal(texts({ deliveryStatus: 'expired' })[1], 'No delivery report (gave up)');
    // A delivery check that found nothing new does not count as a change; a report does.
    assert.equal(sameOutcome(record({}), record({ lastCheckedAt: '2026-11-28T10:01:00.000Z', checks: 1 })), true);
    assert.equal(sameOutcome(record({}), record({ deliveryStatus: 'delivered' })), false);
  });

  it('uses the palette words for outcomes and puts the gateway words on their own line', () => {
    assert.deepEqual(texts({ sendStatus: 'rejected', deliveryStatus: undefined, messageId: undefined, description: 'Invalid sender' }),
      ['Rejected', 'Invalid sender', 'Bonne fete!']);
    assert.deepEqual(texts({ sendStatus: 'failed', deliveryStatus: undefined, messageId: undefined,
      description: 'Could not reach Keccel (ECONNREFUSED). The SMS was not sent.' }),
    ['Not sent', 'Could not reach Keccel (ECONNREFUSED). The SMS was not sent.', 'Bonne fete!']);
    assert.equal(texts({ sendStatus: 'unknown', deliveryStatus: undefined, description: notSure })[0], 'Outcome unknown');
    assert.deepEqual(texts({ sandbox: true }).slice(2, 3), ['Sandbox: simulated, nothing was really sent.']);
    assert.equal(en.showInHistory, 'Show in History');
  });

  it('never nests parentheses nor says the same sentence twice', () => {
    const cases: Array<Partial<HistoryRecord>> = [
      {}, { sandbox: true }, { deliveryStatus: 'expired' },
      { sendStatus: 'unknown', deliveryStatus: undefined, description: notSure },
      { sendStatus: 'unknown', deliveryStatus: undefined, description: `Unexpected error (socket hang up); ${notSure}` },
      { sendStatus: 'rejected', deliveryStatus: undefined, description: 'Rejected by Keccel (FAILED)' },
      { sendStatus: 'failed', deliveryStatus: undefined, description: 'Could not reach Keccel (ECONNREFUSED). The SMS was not sent.' },
    ];
    for (const c of cases) {
      const lines = texts(c);
      for (const line of lines) assert.doesNotMatch(line, /\([^)]*\(/, `nested parentheses in "${line}"`);
      const sentences = lines.flatMap((l) => l.split(/(?<=[.;:])\s+/)).map((x) => x.toLowerCase().replace(/[.;:]$/, ''));
      assert.equal(new Set(sentences).size, sentences.length, `a sentence repeats in ${JSON.stringify(lines)}`);
    }
  });

  it('shows a send in flight as sending, and one whose window went away as interrupted, may have gone through', () => {
    const inFlight = outcomeView(record({ sendStatus: 'unknown', deliveryStatus: undefined, messageId: undefined, description: 'Sending…', inFlight: true }), en);
    assert.equal(inFlight.tone, 'unknown');
    assert.deepEqual(inFlight.lines[0], { kind: 'head', icon: 'loading', spin: true, text: 'Sending… waiting for Keccel’s answer' });
    const interrupted = texts({ sendStatus: 'unknown', deliveryStatus: undefined, messageId: undefined, description: 'The send was interrupted…', interrupted: true });
    assert.deepEqual(interrupted.slice(0, 4), [
      'Last send interrupted',
      'The window closed or reloaded before Keccel answered: the SMS may have gone through.',
      'Sending it again could charge it twice.',
      'Send asks for confirmation before sending the same message again.',
    ]);
    // The box follows the record from in flight to interrupted (or to its outcome).
    const base = record({ sendStatus: 'unknown', deliveryStatus: undefined });
    assert.equal(sameOutcome({ ...base, inFlight: true }, { ...base, interrupted: true }), false);
  });

  it('asks before repeating an unknown attempt: same number and text, or an attempt that kept no text', () => {
    const unknown = record({ sendStatus: 'unknown', deliveryStatus: undefined, messageId: undefined });
    assert.equal(repeatsUncertain(unknown, '243991234567', 'Bonne fete!'), true);
    assert.equal(repeatsUncertain({ ...unknown, inFlight: true }, '243991234567', 'Bonne fete!'), true);
    assert.equal(repeatsUncertain({ ...unknown, message: undefined }, '243991234567', 'anything'), true);
    assert.equal(repeatsUncertain(unknown, '243991234567', 'Another text'), false);
    assert.equal(repeatsUncertain(unknown, '243812345678', 'Bonne fete!'), false);
    assert.equal(repeatsUncertain(record({}), '243991234567', 'Bonne fete!'), false, 'a sent message is no uncertain attempt');
  });

  it('quotes only the first line of a long message', () => {
    assert.equal(excerpt('Hello\nworld'), 'Hello…');
    assert.equal(excerpt('x'.repeat(80)), 'x'.repeat(60) + '…');
    assert.equal(excerpt('  short  '), 'short');
  });
});

describe('composer protocol and HTML', () => {
  it('accepts only well-formed messages from the webview', () => {
    assert.equal(isWebviewMessage({ type: 'ready' }), true);
    assert.equal(isWebviewMessage({ type: 'send', draft: { to: '0812345678', from: '', message: 'hi' } }), true);
    assert.equal(isWebviewMessage({ type: 'send', draft: { to: 812345678, from: '', message: 'hi' } }), false);
    assert.equal(isWebviewMessage({ type: 'revealRecord' }), false);
    assert.equal(isWebviewMessage({ type: 'copyAsCode', id: 'r1' }), true);
    assert.equal(isWebviewMessage({ type: 'copyAsCode' }), false);
    assert.equal(isWebviewMessage({ type: 'dismissOutcome' }), true);
    assert.equal(isWebviewMessage({ type: 'eval', code: 'x' }), false);
    assert.equal(isWebviewMessage(null), false);
  });

  it('builds a strict CSP: no inline style, scripts only by their nonce (the bundle and the select-all guard)', () => {
    const csp = contentSecurityPolicy('vscode-webview://abc', 'N0nce');
    assert.equal(csp, "default-src 'none'; script-src 'nonce-N0nce'; style-src vscode-webview://abc; font-src vscode-webview://abc; img-src vscode-webview://abc");
    const html = composerHtml({ cspSource: 'vscode-webview://abc', nonce: 'N0nce', scriptUri: 'x.js', styleUri: 'x.css', strings: en });
    assert.doesNotMatch(html, /unsafe-inline|unsafe-eval| style=/);
    assert.deepEqual(html.match(/<script[^>]*>/g), ['<script nonce="N0nce">', '<script nonce="N0nce" src="x.js">']);
    for (const id of ['to', 'from', 'message']) assert.match(html, new RegExp(`<label for="${id}">`));
  });

  it('escapes the localised strings it puts in the HTML', () => {
    const strings = { ...en, title: '<img src=x onerror=alert(1)>' };
    const html = composerHtml({ cspSource: 'c', nonce: 'n', scriptUri: 's', styleUri: 't', strings });
    assert.doesNotMatch(html, /<img/);
    assert.match(html, /&lt;img src=x onerror=alert\(1\)&gt;/);
  });

  it('has a French translation for every composer string', () => {
    const bundle = frenchBundle();
    const missing = composerStringKeys().filter((key) => typeof bundle[key] !== 'string' || bundle[key] === '');
    assert.deepEqual(missing, []);
  });
});

function frenchBundle(): Record<string, string> {
  return JSON.parse(fs.readFileSync(path.join(__dirname, '../../../l10n/bundle.l10n.fr.json'), 'utf8'));
}

function frenchLocalizer(): Localizer {
  const bundle = frenchBundle();
  return { t: (message, ...args) => english.t(bundle[message] ?? message, ...args) };
}
