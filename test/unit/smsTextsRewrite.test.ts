// The two quick fixes keep the user's file valid and change its run-time texts exactly as the composer's rewrite
// would: files full of French quotes and accents, in every literal style, are fixed, then run by their own
// interpreter (node, php, python3) before and after; Dart, Java and Kotlin are re-read by our own finder.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { analyzeMessage, rewriteToGsm7 } from '../../src/core/segments';
import { piecesOf } from '../../src/core/texts/analysis';
import { findTexts } from '../../src/core/texts/finder';
import type { Language } from '../../src/core/texts/languages';
import { applyEdits, buildFix, keepsSpelling, type FixKind, type SourceEdit } from '../../src/core/texts/rewrite';
import { interpreterFor } from './support/snippetRunner';

/** What the fix must make of a run-time text: the composer's rewrite, restricted to punctuation for that fix. */
function expectedRewrite(text: string, kind: FixKind): string {
  const { replaced } = rewriteToGsm7(text);
  let out = '';
  let last = 0;
  for (const { from, to, index } of replaced) {
    if (kind === 'punctuation' && !keepsSpelling(from, to)) continue;
    out += text.slice(last, index) + to;
    last = index + from.length;
  }
  return out + text.slice(last);
}

function fixAll(src: string, lang: Language, kind: FixKind): string {
  const edits: SourceEdit[] = [];
  for (const text of findTexts(src, lang)) {
    const fix = buildFix(kind, piecesOf(src, text), 12, analyzeMessage(''));
    if (fix) edits.push(...fix.edits);
  }
  assert.ok(edits.length > 0, 'the sample has something to fix');
  return applyEdits(src, edits);
}

function run(command: string, args: string[], src: string, file: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'keccel-texts-'));
  const where = path.join(dir, file);
  fs.writeFileSync(where, src);
  try {
    const result = spawnSync(command, [...args, where], { encoding: 'utf8', timeout: 20_000 });
    assert.equal(result.status, 0, `${command} ${args.join(' ')} failed:\n${result.stderr}${result.stdout}\n--- file ---\n${src}`);
    return result.stdout;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const JS = String.raw`// Texts sent through Keccel.
const name = 'Awa';
const code = '4821';
const sms = [
  { to: '243810000001', message: 'L’équipe vous dit « bonjour » – à bientôt… c’est prêt ‘demain’' },
  { to: '243810000002', message: "Il a dit “oui” à l’offre — merci, c’est noté" },
  { to: '243810000003', message: ` + '`Bonjour ${name}, l’accès ‘VIP’ : ${code} – %OTP% ‘fin’`' + String.raw` },
  { to: '243810000004', message: 'Déjà \u2019échappé\u00a0: ' + name + ' “fin” \\ \'ok\' être' },
  { to: '243810000005', message: "Ligne 1\nLigne 2 – « ça » \"cité\" ’" },
];
console.log(JSON.stringify(sms.map((s) => s.message)));
`;

const PHP = String.raw`<?php
// Texts sent through Keccel.
$name = 'Awa';
$order = new stdClass();
$order->id = 42;
$sms = [
    ['to' => '243810000001', 'message' => 'L’équipe vous dit « bonjour » – à bientôt… c’est prêt'],
    ['to' => '243810000002', 'message' => "Bonjour $name, l’offre “n°{$order->id}” est prête – merci"],
    ['to' => '243810000003', 'message' => 'Déjà \'cité\' ‘ici’ ' . $name . " et “là” \$5 — fin"],
    ['to' => '243810000004', 'message' => sprintf('Rappel : votre colis %s arrive – soyez là’', $name)],
];
echo json_encode(array_map(fn ($s) => $s['message'], $sms), JSON_UNESCAPED_UNICODE);
`;

const PYTHON = String.raw`# Texts sent through Keccel.
import json
name = "Awa"
sms = [
    {"to": "243810000001", "message": 'L’équipe vous dit « bonjour » – à bientôt… c’est prêt'},
    {"to": "243810000002", "message": f"Bonjour {name}, l’offre “spéciale” {{VIP}} – merci"},
    {"to": "243810000003", "message": f'C’est {name!r} qui ‘gagne’ — bravo'},
    {"to": "243810000004", "message": '''Triple ‘quote’ l’été''' + " “fin”"},
    {"to": "243810000005", "message": r"Brut ’ \n reste « tel »"},
    {"to": "243810000006", "message": 'Déjà \u2019 échappé ' 'et collé ’'},
]
print(json.dumps([s["message"] for s in sms], ensure_ascii=False))
`;

const interpreters: Array<[string, Language, string, () => [string, string[]]]> = [
  ['JavaScript', 'js', JS, () => [process.execPath, []]],
  ['PHP', 'php', PHP, () => [interpreterFor('php'), []]],
  ['Python', 'python', PYTHON, () => [interpreterFor('python'), []]],
];
const FILES: Record<string, string> = { js: 'sms.js', php: 'sms.php', python: 'sms.py' };

describe('SMS text fixes keep the file valid', () => {
  for (const [label, lang, src, interpreter] of interpreters) {
    for (const kind of ['punctuation', 'gsm7'] as FixKind[]) {
      it(`${label}: "${kind === 'punctuation' ? 'Replace typographic punctuation' : 'Rewrite as GSM-7'}" leaves a file that runs, whose texts are the rewrite`, () => {
        const [command, args] = interpreter();
        const before = JSON.parse(run(command, args, src, FILES[lang])) as string[];
        const fixed = fixAll(src, lang, kind);
        if (lang === 'js') run(command, ['--check'], fixed, FILES[lang]);
        if (lang === 'php') run(command, ['-l'], fixed, FILES[lang]);
        if (lang === 'python') run(command, ['-m', 'py_compile'], fixed, FILES[lang]);
        const after = JSON.parse(run(command, args, fixed, FILES[lang])) as string[];
        assert.equal(after.length, before.length);
        after.forEach((text, i) => {
          // A raw r"…" literal cannot hold an escaped ": the guillemets stay (and the text stays UCS-2).
          const raw = lang === 'python' && before[i].startsWith('Brut');
          const expected = raw ? expectedRewrite(before[i], kind).replace('" tel "', '« tel »') : expectedRewrite(before[i], kind);
          assert.equal(text, expected, `text ${i + 1}`);
        });
        if (kind === 'gsm7') assert.ok(after.filter((t) => !t.startsWith('Brut')).every((t) => analyzeMessage(t).encoding === 'GSM-7'));
      });
    }
  }

  const reparsed: Array<[string, Language, string]> = [
    ['Dart', 'dart', String.raw`// keccel
final a = {'to': phone, 'message': 'L’équipe de $shop vous dit « merci » – à ${'$'}{when}…'};
final b = {'to': phone, 'message': "C’est “prêt” : \$5 ‘ok’"};
final c = {'to': phone, 'message': '''Triple ‘quote’ l’été'''};`],
    ['Java', 'java', String.raw`// keccel
var a = Map.of("to", phone, "message", "L’équipe vous dit “bonjour” – à bientôt… " + name + " ‘fin’");
var b = Map.of("to", phone, "message", """
    Bloc “texte” l’été
    """);`],
    ['Kotlin', 'kotlin', String.raw`// keccel
val a = mapOf("to" to phone, "message" to "L’équipe de \$shop vous dit “merci” – $name ‘ok’")
val b = mapOf("to" to phone, "message" to """Brut “texte” l’été""")`],
  ];
  for (const [label, lang, src] of reparsed) {
    it(`${label}: both fixes leave literals our finder reads back as the rewrite`, () => {
      const original = findTexts(src, lang).map((t) => piecesOf(src, t));
      for (const kind of ['punctuation', 'gsm7'] as FixKind[]) {
        const fixed = fixAll(src, lang, kind);
        const again = findTexts(fixed, lang).map((t) => piecesOf(fixed, t));
        assert.equal(again.length, original.length, `${kind}: the same number of texts\n${fixed}`);
        again.forEach((pieces, i) => {
          const text = (p: typeof pieces) => p.map((piece) => (piece.kind === 'text' ? piece.text : piece.source)).join('');
          assert.equal(text(pieces), expectedRewrite(text(original[i]), kind).replace(/Brut "texte"/, 'Brut “texte”'), `${kind}: text ${i + 1}\n${fixed}`);
        });
      }
    });
  }
});

describe('SMS text fixes never make code of a fullwidth character', () => {
  // ＄ ＼ ｛ ％ have the GSM-7 forms $ \ { %: written into the literal as they are, `＄{…}` would become an
  // interpolation that runs, `＼n` a newline, `｛name｝` a field of the f-string and `％s` a conversion.
  const cases: Array<[string, Language, string, string, () => [string, string[]]]> = [
    ['JavaScript', 'js', 'sms.js', String.raw`// Keccel
const name = 'Awa';
const sms = [
  { to: '1', message: ` + '`Prix ＄{name} – C:＼new ＼u0041`' + String.raw` },
  { to: '2', message: 'Total ＄{1+1} – ok' },
];
console.log(JSON.stringify(sms.map((s) => s.message)));
`, () => [process.execPath, []]],
    ['Python', 'python', 'sms.py', String.raw`# Keccel
import json
name = "Awa"
sms = [
    {"to": "1", "message": f'Remise ｛name｝ – fin'},
    {"to": "2", "message": '%s paie 50％ – merci' % name},
]
print(json.dumps([s["message"] for s in sms], ensure_ascii=False))
`, () => [interpreterFor('python'), []]],
    ['PHP', 'php', 'sms.php', String.raw`<?php // Keccel
$name = 'Awa';
$sms = [['to' => '1', 'message' => "Prix ＄name – fin"]];
echo json_encode(array_map(fn ($s) => $s['message'], $sms), JSON_UNESCAPED_UNICODE);
`, () => [interpreterFor('php'), []]],
  ];
  for (const [label, lang, file, src, interpreter] of cases) {
    for (const kind of ['punctuation', 'gsm7'] as FixKind[]) {
      it(`${label}: "${kind}" keeps ＄ ＼ ｛ ％ as they are, and the run-time texts change only by the dash`, () => {
        const [command, args] = interpreter();
        const before = JSON.parse(run(command, args, src, file)) as string[];
        const after = JSON.parse(run(command, args, fixAll(src, lang, kind), file)) as string[];
        assert.deepEqual(after, before.map((text) => text.replace('–', '-')));
      });
    }
  }
});
