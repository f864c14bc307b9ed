import * as assert from 'node:assert/strict';
import { mergeInitDraft } from '../../src/shared/draftMerge';

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
