import * as assert from 'node:assert/strict';
import { mergeInitDraft, typedBeforeScript } from '../../src/common/draftMerge';

describe('composer draft after a reload', () => {
  const saved = { to: '0812345678', from: '', message: 'Brouillon' };
  it('keeps what the user typed before the extension answered, field by field', () => {
    const onScreen = { ...saved, message: 'Brouillon à garder' };
    assert.deepEqual(mergeInitDraft(saved, onScreen, new Set(['message'] as const)), onScreen);
  });
  it('takes the extension draft (e.g. a prefill) for the fields not typed in', () => {
    const fromExtension = { to: '0991234567', from: 'SHOP', message: 'Brouillon' };
    const onScreen = { ...saved, message: 'Brouillon!' };
    assert.deepEqual(mergeInitDraft(fromExtension, onScreen, new Set(['message'] as const)), { to: '0991234567', from: 'SHOP', message: 'Brouillon!' });
    assert.deepEqual(mergeInitDraft(fromExtension, onScreen, new Set()), fromExtension);
  });
});

describe('composer keys typed before its script ran', () => {
  const field = (value: string) => ({ value, defaultValue: '' });
  it('are the fields whose value is no longer the HTML\'s, with what they hold', () => {
    assert.deepEqual(typedBeforeScript({ to: field('0991234567'), from: field(''), message: field('') }), { to: '0991234567' });
  });
  it('are none when nothing was typed', () => {
    assert.deepEqual(typedBeforeScript({ to: field(''), from: field(''), message: field('') }), {});
  });
});
