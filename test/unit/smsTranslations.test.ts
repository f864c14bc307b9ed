// A `message` whose value is a translation call is counted through the translation files: the call is found
// (rule 1, constant key, whole value), its key is looked up in Laravel PHP arrays, Laravel JSON and i18next JSON,
// the worst locale gives the cost, and the suggested `keccel.smsTexts.files` glob covers every locale.
import assert from 'node:assert/strict';
import { DEFAULT_TEXT_SETTINGS } from '../../src/core/texts/analysis';
import { findTranslationCalls } from '../../src/core/texts/translationCalls';
import { checkFiles } from '../../src/core/texts/workspaceCheck';
import {
  TranslationIndex, conventionalGlob, globFor, translationProblems, worstTranslation,
} from '../../src/core/texts/translations';

const FR_PHP = `<?php

return [
    'welcome' => 'Votre code : %OTP%. L’équipe vous dit « merci » – à bientôt…',
    'otp' => [
        'login' => "Code de connexion : %OTP%",
    ],
    'legacy' => array('reminder' => 'Rappel : :name'),
    'left' => '{0} Plus aucun crédit|{1} Un crédit restant|[2,*] :count crédits restants – rechargez vite',
];
`;
const EN_PHP = `<?php return ['welcome' => 'Your code: %OTP%. Thanks!', 'otp' => ['login' => 'Login code: %OTP%']];`;
const FILES = [
  { path: 'lang/fr/sms.php', src: FR_PHP },
  { path: 'lang/en/sms.php', src: EN_PHP },
  { path: 'lang/fr.json', src: '{"Your code is ready": "Votre code est prêt – merci", "sms.flat": "Clé plate"}' },
  { path: 'locales/fr/translation.json', src: '{ "otp": { "sent": "Code envoyé à {{phone}} – merci" } }' },
  { path: 'locales/fr/sms.json', src: '{ "welcome": "Bienvenue {{name}}" }' },
];
const index = new TranslationIndex(FILES, DEFAULT_TEXT_SETTINGS);
const keys = (key: string) => index.resolve(key).map((t) => `${t.locale} ${t.path} ${t.text.analysis.composerText}`);

describe('SMS texts behind translation calls', () => {
  it('finds a message whose whole value is a translation call with a constant key', () => {
    const php = `<?php // Keccel
$client->send(['to' => $phone, 'message' => __('sms.welcome')]);
$client->send(['to' => $phone, 'message' => trans("sms.otp.login", ['code' => $c])]);
$client->send(['to' => $phone, 'message' => $this->translator->trans_choice('sms.left', $n)]);
$client->send(['to' => $phone, 'message' => __("sms.$kind")]);
$client->send(['to' => $phone, 'message' => __('sms.welcome') . ' !']);
return response()->json(['message' => __('sms.sent')]);
`;
    assert.deepEqual(findTranslationCalls(php, 'php').map((c) => [c.fn, c.key]),
      [['__', 'sms.welcome'], ['trans', 'sms.otp.login'], ['trans_choice', 'sms.left']]);
    const [call] = findTranslationCalls(php, 'php');
    assert.equal(php.slice(call.start, call.end), "__('sms.welcome')");
    const js = `// keccel\nawait client.send({ to: phone, message: i18n.t('otp.sent', { phone }) });\nsend({ to, message: t('sms:welcome') });\n`;
    assert.deepEqual(findTranslationCalls(js, 'js').map((c) => c.key), ['otp.sent', 'sms:welcome']);
    assert.deepEqual(findTranslationCalls(js.replace('// keccel\n', ''), 'js'), [], 'a file that never mentions Keccel');
    assert.deepEqual(findTranslationCalls(`# keccel\nsend(to=p, message=format('x'))`, 'python'), []);
  });

  it('resolves Laravel PHP keys (file name, then nested arrays) in every locale', () => {
    assert.deepEqual(keys('sms.welcome'), [
      'en lang/en/sms.php Your code: %OTP%. Thanks!',
      'fr lang/fr/sms.php Votre code : %OTP%. L’équipe vous dit « merci » – à bientôt…',
    ]);
    assert.deepEqual(keys('sms.otp.login'), ['en lang/en/sms.php Login code: %OTP%', 'fr lang/fr/sms.php Code de connexion : %OTP%']);
    assert.deepEqual(keys('sms.legacy.reminder'), ['fr lang/fr/sms.php Rappel : :name']);
    assert.deepEqual(keys('sms.otp'), [], 'an array is not a text');
    assert.deepEqual(keys('otp.login'), [], 'a PHP key starts with the file name');
  });

  it('resolves Laravel JSON keys (the whole string) and i18next keys (nested, flat, namespaced)', () => {
    assert.deepEqual(keys('Your code is ready'), ['fr lang/fr.json Votre code est prêt – merci']);
    assert.deepEqual(keys('sms.flat'), ['fr lang/fr.json Clé plate']);
    assert.deepEqual(keys('otp.sent'), ['fr locales/fr/translation.json Code envoyé à {{phone}} – merci']);
    assert.deepEqual(keys('sms:welcome'), ['fr locales/fr/sms.json Bienvenue {{name}}']);
  });

  it('takes the worst locale for the cost, and names each problem once with the files that have it', () => {
    const worst = worstTranslation(index.resolve('sms.welcome'));
    assert.equal(worst?.path, 'lang/fr/sms.php');
    assert.equal(worst?.text.analysis.worst.encoding, 'UCS-2');
    const problems = translationProblems(index.resolve('sms.welcome'));
    assert.deepEqual(problems.map((p) => [p.problem.code, p.paths]), [['sms-ucs2-avoidable', ['lang/fr/sms.php']]]);
  });

  it('trans_choice counts the costliest of the plural forms, without their {0} / [2,*] markers', () => {
    const [choice] = index.resolve('sms.left', 'trans_choice');
    assert.equal(choice.text.analysis.composerText, ':count crédits restants – rechargez vite');
    assert.equal(choice.text.analysis.worst.encoding, 'UCS-2');
    const [whole] = index.resolve('sms.left');
    assert.ok(whole.text.analysis.composerText.startsWith('{0} Plus aucun'), 'another call counts the whole string');
    const [plain] = index.resolve('sms.welcome', 'trans_choice');
    assert.equal(plain.text, index.resolve('sms.welcome')[0].text, 'a text without forms is itself');
  });

  it('suggests a glob that covers every locale, or the conventional place', () => {
    assert.equal(globFor('lang/fr/sms.php'), 'lang/*/sms.php');
    assert.equal(globFor('resources/lang/pt_BR/sms.php'), 'resources/lang/*/sms.php');
    assert.equal(globFor('lang/fr.json'), 'lang/*.json');
    assert.equal(globFor('locales/en-US/translation.json'), 'locales/*/translation.json');
    assert.equal(conventionalGlob('sms.welcome', 'php'), 'lang/*/sms.php');
    assert.equal(conventionalGlob('Your code is ready.', 'php'), 'lang/*.json');
    assert.equal(conventionalGlob('otp.sent', 'js'), 'locales/*/translation.json');
    assert.equal(conventionalGlob('sms:welcome', 'js'), 'locales/*/sms.json');
  });

  it('the workspace check counts each call a translation file resolves as a text with its problems, and only with an index', async () => {
    const workspace: Record<string, string> = {
      'app/Http/Controllers/OtpController.php': `<?php // Keccel
$client->send(['to' => $phone, 'message' => __('sms.welcome')]);
$client->send(['to' => $phone, 'message' => __('sms.otp.login')]);
$client->send(['to' => $phone, 'message' => __('sms.nowhere')]);
`,
      'routes/notify.js': "// keccel\nsend({ to, message: t('otp.sent') });\nsend({ to, message: 'Bonjour – à vous' });\n",
    };
    const check = (translations?: TranslationIndex) => {
      const calls: string[] = [];
      return checkFiles(Object.keys(workspace), {
        relativePath: (file) => file,
        read: (file) => Promise.resolve(workspace[file]),
        settings: DEFAULT_TEXT_SETTINGS,
        globs: [],
        translations,
        isCancelled: () => false,
        onFile: (checked) => calls.push(...checked.calls.map(({ call, translations: found }) => `${checked.file} ${call.key} ${found.length}`)),
      }).then((summary) => ({ summary, calls }));
    };
    const without = await check();
    assert.deepEqual(without.summary, { files: 2, texts: 1, problems: 1, skipped: 0 }, 'the literal only');
    assert.deepEqual(without.calls, []);
    const withIndex = await check(index);
    // sms.welcome (fr UCS-2: one problem), sms.otp.login (GSM-7 in both: none), otp.sent (UCS-2: one); sms.nowhere has no text.
    assert.deepEqual(withIndex.summary, { files: 2, texts: 4, problems: 3, skipped: 0 });
    assert.deepEqual(withIndex.calls, [
      'app/Http/Controllers/OtpController.php sms.welcome 2',
      'app/Http/Controllers/OtpController.php sms.otp.login 2',
      'routes/notify.js otp.sent 1',
    ]);
  });
});
