// Foreign text (gateway, proxy page, answer excerpt, setting) is shown as text: never a link, a command, Markdown
// or HTML, in a notification (plainText) or a Markdown tooltip (markdownText).
import assert from 'node:assert/strict';
import { labelText, markdownText, plainText, unescapeMarkdown } from '../../src/core/plainText';

/** What VS Code turns into a link in a notification (vs/base/common/linkedText.ts, VS Code 1.139). */
const NOTIFICATION_LINK = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/i;

const HOSTILE = [
  '[Fix it](command:workbench.action.quit)',
  'Invalid token. [Renew](https://evil.example/renew "Keccel")',
  '[x]( command:workbench.action.quit)',
  '[open](file:///etc/passwd)',
  'See <a href="command:workbench.action.quit">here</a>',
  '![img](https://evil.example/pixel.png)',
  '$(zap) **urgent** _now_ `code` # heading',
  'https://evil.example/fix www.evil.example admin@evil.example',
  'Text \u202Eevil\u202C with a bidi override and a NUL\u0000',
];

describe('plainText (notifications)', () => {
  it('leaves nothing VS Code would link in a notification', () => {
    for (const text of HOSTILE) {
      const out = plainText(text);
      assert.doesNotMatch(out, NOTIFICATION_LINK, text);
      assert.doesNotMatch(out, /command:/i, text);
    }
    assert.equal(plainText('[Fix it](command:workbench.action.quit)'), '[Fix it] (command :workbench.action.quit)');
  });

  it('drops control and bidi override characters, keeps line breaks and tabs', () => {
    assert.equal(plainText('a\u202Eb\u2066c\u0000d\u0007e\nf\tg'), 'abcde\nf\tg');
  });

  it('keeps honest text as it is', () => {
    for (const text of ['Invalid token', 'SMS to +243 81 234 5678: rejected by Keccel. Invalid destination number.',
      'Keccel answered with HTTP 500 (Internal Server Error).', 'Réunion à 10h (salle B) [rappel]', 'a: b']) {
      assert.equal(plainText(text), text);
    }
  });
});

describe('markdownText (tooltips)', () => {
  it('escapes every ASCII punctuation character, so no Markdown, HTML, icon or autolink can form', () => {
    for (const text of HOSTILE) {
      const out = markdownText(text);
      // Every punctuation character in the output is escaped (preceded by an odd run of backslashes).
      const unescaped = out.replace(/\\[!-/:-@[-`{-~]/g, '').match(/[!-/:-@[-`{-~]/g);
      assert.equal(unescaped, null, `${text} -> ${out}`);
      assert.doesNotMatch(out, /https?:\/\/|www\.|[^\\]@/, out);
    }
  });

  it('leaves no theme icon for the hover to draw: it shows $(name) as typed', () => {
    // VS Code 1.139 renders a MarkdownString with supportThemeIcons (our tooltips) in three steps: it doubles the
    // backslash of an escaped icon in the source (markdownEscapeEscapedIcons), renders the Markdown (CommonMark:
    // a backslash before ASCII punctuation is dropped), then turns every `$(name)` of the HTML into an icon, and a
    // `\$(name)` into the text `$(name)` (renderLabelWithIcons).
    const hover = (markdown: string) => {
      const source = markdown.replace(/\\\$\([A-Za-z0-9-]+(?:~[A-Za-z]+)?\)/g, (icon) => `\\${icon}`);
      const html = source.replace(/\\([!-/:-@[-`{-~])/g, '$1');
      const icons: string[] = [];
      const text = html.replace(/(\\)?\$\(([A-Za-z0-9-]+(?:~[A-Za-z]+)?)\)/g, (_all, escaped: string | undefined, name: string) => {
        if (escaped) return `$(${name})`;
        icons.push(name);
        return '';
      });
      return { icons, text };
    };
    for (const text of ['$(zap) urgent', 'ok $(pass-filled) $(sync~spin)', '$(not an icon) $ ( $(', 'a \\$(zap)']) {
      const shown = hover(markdownText(text));
      assert.deepEqual(shown.icons, [], `${text}: drew ${shown.icons.join(', ')}`);
      assert.equal(shown.text, text);
      assert.equal(unescapeMarkdown(markdownText(text)), text);
    }
  });

  it('reads back as the same text, spaces kept (they wrap) and line breaks as hard breaks', () => {
    const text = 'Réunion à 10h, salle "B" [Fix it](command:x) <b>&amp;</b> $(zap)';
    assert.equal(unescapeMarkdown(markdownText(text)), text);
    assert.ok(markdownText('a b').includes('a b'));
    assert.equal(markdownText('one\r\ntwo'), 'one  \ntwo');
  });
});

describe('labelText (status bar texts, quick pick rows)', () => {
  it('keeps a theme icon of the text from being drawn: VS Code shows `\\$(zap)` as the text $(zap)', () => {
    assert.equal(labelText('[x](command:keccel.clearToken) $(zap)'), '[x](command:keccel.clearToken) \\$(zap)');
    assert.equal(labelText('$(sync~spin) and $(a-b)'), '\\$(sync~spin) and \\$(a-b)');
  });

  it('leaves honest text, and a $ that starts no icon, as they are', () => {
    assert.equal(labelText('Acme RDC (production)'), 'Acme RDC (production)');
    assert.equal(labelText('Prix: 5 $ (USD)'), 'Prix: 5 $ (USD)');
  });

  it('removes the invisible characters plainText removes', () => {
    assert.equal(labelText('Acme\u202E RDC'), 'Acme RDC');
  });
});
