import * as assert from 'node:assert/strict';
import { InitDraft, mergeInitDraft, typedBeforeScript } from '../../src/common/draftMerge';

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

describe('composer init arriving after keys were typed', () => {
  const empty = { to: '', from: '', message: '' };
  it('keeps keys typed before the first init, and tells the extension', () => {
    const page = new InitDraft();
    page.typed('to');
    const onScreen = { ...empty, to: '0991234567' };
    assert.deepEqual(page.onInit(empty, onScreen), { draft: onScreen, tellExtension: true });
  });

  it('keeps keys typed after the first init when a second init comes with an older copy of the draft', () => {
    // The extension answers every `ready` with an init that carries its copy of the draft as it was then. A second
    // init reaching the same page (the answer to an earlier page of this panel, hidden and shown again while the
    // extension waited for its start-up) carries a copy from before the keys typed since: To was emptied.
    const page = new InitDraft();
    assert.deepEqual(page.onInit(empty, empty), { draft: empty, tellExtension: false });
    page.typed('to');
    const onScreen = { ...empty, to: '0991234567' };
    const later = page.onInit(empty, onScreen);
    assert.deepEqual(later.draft, onScreen, 'the typed number was replaced by the older copy');
    assert.equal(later.tellExtension, true, 'the extension keeps an older copy than the page');
  });

  it('tells the extension nothing when a later init carries the draft the page shows', () => {
    const page = new InitDraft();
    const draft = { to: '0991234567', from: 'SHOP', message: 'Bonjour' };
    page.onInit(draft, empty);
    assert.deepEqual(page.onInit(draft, draft), { draft, tellExtension: false });
  });
});
