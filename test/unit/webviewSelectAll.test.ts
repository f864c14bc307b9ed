// The webview shell's select-all guard, run on a small DOM of our own: the key stays in the page for a text field
// (VS Code's host, which listens on the window, never hears it and so never sends its late select-all back), and
// goes on for everything else.
import * as assert from 'node:assert/strict';
import * as vm from 'node:vm';
import { SELECT_ALL_GUARD, webviewPage } from '../../src/extension/platform/webviewPage';

interface Key {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  shiftKey?: boolean;
  target: { tagName: string };
}

/** Dispatches `key` through the guard's document listener, then to the window (as the browser does): true when the window heard it. */
function windowHears(key: Key): boolean {
  const listeners: ((e: unknown) => void)[] = [];
  const document = { addEventListener: (_type: string, listener: (e: unknown) => void) => listeners.push(listener) };
  vm.runInNewContext(SELECT_ALL_GUARD, { document });
  let stopped = false;
  const event = { ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...key, stopPropagation: () => (stopped = true) };
  for (const listener of listeners) listener(event);
  return !stopped;
}

describe('webview shell: Ctrl/Cmd+A in a field', () => {
  it('keeps Ctrl+A and Cmd+A in an input or a textarea from VS Code\'s host (no late select-all over new keys)', () => {
    assert.equal(windowHears({ key: 'a', ctrlKey: true, target: { tagName: 'INPUT' } }), false);
    assert.equal(windowHears({ key: 'a', metaKey: true, target: { tagName: 'TEXTAREA' } }), false);
    assert.equal(windowHears({ key: 'A', ctrlKey: true, target: { tagName: 'INPUT' } }), false);
  });

  it('lets every other key through: typing, other shortcuts, Ctrl+A outside a field', () => {
    assert.equal(windowHears({ key: 'a', target: { tagName: 'INPUT' } }), true);
    assert.equal(windowHears({ key: 'Enter', ctrlKey: true, target: { tagName: 'TEXTAREA' } }), true);
    assert.equal(windowHears({ key: 'a', ctrlKey: true, shiftKey: true, target: { tagName: 'INPUT' } }), true);
    assert.equal(windowHears({ key: 'a', ctrlKey: true, target: { tagName: 'BODY' } }), true);
  });

  it('is in the head, under the page\'s nonce, before the page\'s own script', () => {
    const html = webviewPage({ cspSource: 'vscode-resource:', nonce: 'n0nce', scriptUri: 's.js', styleUri: 's.css', locale: 'fr', title: 'T', body: '<p></p>' });
    const guard = html.indexOf(`<script nonce="n0nce">${SELECT_ALL_GUARD}</script>`);
    assert.ok(guard > 0 && guard < html.indexOf('</head>'), html);
    assert.ok(guard < html.indexOf('<script nonce="n0nce" src="s.js">'));
  });
});
