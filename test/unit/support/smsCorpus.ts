// The corpus of realistic files for the SMS text finder (test/fixtures/sms-texts, with the texts each holds in
// expected.json), plus the generated 1 MB JSON: a notification log of e-mails that never mentions the gateway,
// generated rather than committed so the repository does not carry a megabyte of fixture.
import fs from 'node:fs';
import path from 'node:path';

export const CORPUS_DIR = path.resolve(__dirname, '../../../../test/fixtures/sms-texts');

export interface Corpus {
  files: string[];
  globs: string[];
  expected: Record<string, string[]>;
}

export function loadCorpus(): Corpus {
  const data = JSON.parse(fs.readFileSync(path.join(CORPUS_DIR, 'expected.json'), 'utf8')) as {
    settings: { files: string[] };
    texts: Record<string, string[]>;
  };
  return { files: Object.keys(data.texts), globs: data.settings.files, expected: data.texts };
}

/** About `bytes` of JSON: records with `to` and `message` keys, e-mails (no SMS text by the rules). */
export function bigJson(bytes = 1_000_000): string {
  const records: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const record = JSON.stringify({
      id: i, channel: 'email', to: `client${i}@example.com`, subject: `Facture n°${i}`,
      message: `Bonjour, votre facture n°${i} d’un montant de ${(i * 37) % 1000} € est disponible – à bientôt.`,
      sentAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
    });
    records.push(record);
    size += record.length + 4;
  }
  return `{\n  "notifications": [\n    ${records.join(',\n    ')}\n  ]\n}\n`;
}
