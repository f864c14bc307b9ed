// Precision and recall of the SMS text finder on a corpus of realistic files (Laravel, Express, NestJS, Django,
// Flutter, Android, Java, a minified bundle, a 1 MB JSON). Precision comes first: a response, a log line or a mail
// must not be taken for an SMS. The figures are printed for docs/decisions/sms-text-finder.md.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_TEXT_SETTINGS } from '../../src/core/texts/analysis';
import { analyseFile, looksMinified } from '../../src/core/texts/fileTexts';
import { matchesAny } from '../../src/core/texts/glob';
import { languageOfPath } from '../../src/core/texts/languages';
import { CORPUS_DIR, bigJson, loadCorpus } from './support/smsCorpus';

function textsOf(relative: string, src: string, globs: string[]): string[] {
  const lang = languageOfPath(relative);
  assert.ok(lang, `no language for ${relative}`);
  if (looksMinified(src)) return [];
  return analyseFile(src, lang, DEFAULT_TEXT_SETTINGS, matchesAny(relative, globs)).texts.map((t) => t.analysis.composerText);
}

describe('SMS text finder on the corpus', () => {
  it('finds the texts each file holds and nothing else (precision ≥ 0.95, recall ≥ 0.9)', () => {
    const corpus = loadCorpus();
    let truePositives = 0;
    const falsePositives: string[] = [];
    const missed: string[] = [];
    for (const file of corpus.files) {
      const src = fs.readFileSync(path.join(CORPUS_DIR, file), 'utf8');
      const found = textsOf(file, src, corpus.globs);
      const expected = corpus.expected[file];
      for (const text of found) {
        if (expected.includes(text)) truePositives++;
        else falsePositives.push(`${file}: ${JSON.stringify(text)}`);
      }
      for (const text of expected) if (!found.includes(text)) missed.push(`${file}: ${JSON.stringify(text)}`);
    }
    const precision = truePositives / (truePositives + falsePositives.length);
    const recall = truePositives / (truePositives + missed.length);
    console.log(`      corpus: ${truePositives} found, ${falsePositives.length} false, ${missed.length} missed; ` +
      `precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}`);
    assert.ok(precision >= 0.95, `precision ${precision}: ${falsePositives.join('\n')}`);
    assert.ok(recall >= 0.9, `recall ${recall}: ${missed.join('\n')}`);
  });

  it('takes no text from a 1 MB JSON of e-mails that never mentions the gateway, and reads it quickly', () => {
    const src = bigJson();
    assert.ok(src.length >= 1_000_000);
    const start = performance.now();
    const texts = textsOf('data/notifications.json', src, []);
    const ms = performance.now() - start;
    console.log(`      1 MB JSON: ${texts.length} texts in ${ms.toFixed(0)} ms`);
    assert.deepEqual(texts, []);
  });

  it('reads the same JSON as texts when the user lists it in keccel.smsTexts.files (rule 3, values only)', () => {
    const src = bigJson(20_000);
    const texts = textsOf('data/notifications.json', src, ['data/*.json']);
    assert.ok(texts.length > 50);
    assert.ok(texts.every((t) => t !== 'to' && t !== 'message'), 'keys are not texts');
    assert.ok(texts.some((t) => t.startsWith('Bonjour, votre facture')));
  });

  it('skips a minified bundle even though it mentions the gateway and holds a message beside a to', () => {
    const src = fs.readFileSync(path.join(CORPUS_DIR, 'bundle/app.min.js'), 'utf8');
    assert.ok(looksMinified(src));
    assert.ok(/keccel/.test(src) && /to:t,from:"SHOPCD",message:/.test(src));
  });
});
