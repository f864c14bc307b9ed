import * as assert from 'node:assert/strict';
import { rewriteToGsm7, analyzeMessage } from '../../src/core/segments';
import { messageStepView } from '../../src/extension/send/paletteText';

/** English as the bundle's keys are: fill the placeholders. */
const words = {
  l10n: { t: (template: string, ...args: Array<string | number>) => template.replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)])) },
  segments: (n: number) => (n === 1 ? '1 segment' : `${n} segments`),
};

describe('palette message step', () => {
  it('keeps encoding, segment count and room left on screen while the text is UCS-2, and offers the way out', () => {
    const view = messageStepView('Merci d’être là', words);
    assert.ok(view.warning, 'no warning for UCS-2 text');
    // VS Code shows the warning instead of the prompt: the counts must be in the warning itself.
    assert.match(view.warning, /^UCS-2 · 1 segment · 15 characters · 55 left in this part/);
    assert.match(view.warning, /“’” “ê” force UCS-2 .*the wand button rewrites them as GSM-7/);
    assert.match(view.warning, /The edit button opens the composer/);
    assert.equal(view.canRewrite, true);
  });

  it('still offers the rewrite with an emoji in the text, and names the emoji', () => {
    const view = messageStepView('Facture n° 12 😀', words);
    assert.equal(view.canRewrite, true);
    assert.match(view.warning ?? '', /No GSM-7 form for “😀”/);
  });

  it('says only the counts for GSM-7 text, composed first (e + U+0301 is the GSM-7 é)', () => {
    const view = messageStepView('Cafe\u0301 ouvert', words);
    assert.equal(view.warning, undefined);
    assert.equal(view.prompt, 'GSM-7 · 1 segment · 11 characters · 149 left in this part');
    assert.equal(view.canRewrite, false);
  });
});

describe('GSM-7 rewrite (user trial)', () => {
  it('writes n° as no, and changes what it can when something cannot change', () => {
    const result = rewriteToGsm7('Facture n° 42 : merci 👋');
    assert.equal(result.text, 'Facture no 42 : merci 👋');
    assert.deepEqual(result.replaced.map((r) => [r.from, r.to]), [['°', 'o']]);
    assert.deepEqual(result.remaining.map((r) => r.char), ['👋']);
    assert.equal(analyzeMessage(rewriteToGsm7('Facture n° 42').text).encoding, 'GSM-7');
  });

  it('composes decomposed accents (NFC) instead of dropping them', () => {
    const result = rewriteToGsm7('De\u0301ja\u0300 vu');
    assert.equal(result.text, 'Déjà vu');
    assert.equal(analyzeMessage(result.text).encoding, 'GSM-7');
    assert.equal(analyzeMessage('De\u0301ja\u0300 vu'.normalize('NFC')).encoding, 'GSM-7');
  });
});
