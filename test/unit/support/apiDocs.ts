// The code blocks of docs/api.md and docs/copy-as-code.md that come from the "Copy as Code" generators. Each sits under a
// marker `<!-- snippet: <language> [parts] -->`; `npm run docs:api` rewrites them (renderDocs), and a unit test
// checks they are current and runs each one as written against the simulator.
import fs from 'node:fs';
import path from 'node:path';
import { generateSnippet, isSnippetLanguage, SNIPPET_PARTS } from '../../../src/core/snippets';
import type { SnippetInput, SnippetLanguage, SnippetPart } from '../../../src/core/snippets';

const root = path.resolve(__dirname, '../../../..');
export const API_DOCS = path.join(root, 'docs', 'api.md');
export const README = path.join(root, 'README.md');
/** The Copy as Code page the README links to, with a generated example. */
export const COPY_AS_CODE_DOCS = path.join(root, 'docs', 'copy-as-code.md');
/** The files whose marked blocks are generated. */
export const GENERATED_DOCS = [API_DOCS, COPY_AS_CODE_DOCS];

/** The message the reference's examples are copied from (the simulator used by the test knows its ID). */
export const DOC_EXAMPLE: Required<Pick<SnippetInput, 'to' | 'from' | 'message' | 'messageId'>> = {
  to: '243812345678',
  from: 'GUEST',
  message: "Bonjour ! Votre commande n°42 est prête, l'équipe vous attend.",
  messageId: '1000000042',
};

export interface DocBlock {
  language: SnippetLanguage;
  /** Undefined: every request (as Copy as Code gives). */
  parts?: SnippetPart[];
  code: string;
}

const BLOCK = /(<!-- snippet: (\w+)(?: ([\w,]+))? -->\n```\w+\n)([\s\S]*?)(```)/g;

function parse(language: string, parts: string | undefined): { language: SnippetLanguage; parts?: SnippetPart[] } {
  if (!isSnippetLanguage(language)) throw new Error(`docs/api.md: unknown snippet language "${language}"`);
  const list = parts?.split(',');
  const unknown = list?.find((part) => !(SNIPPET_PARTS as readonly string[]).includes(part));
  if (unknown) throw new Error(`docs/api.md: unknown snippet part "${unknown}"`);
  return { language, parts: list as SnippetPart[] | undefined };
}

export function docBlocks(text: string): DocBlock[] {
  return [...text.matchAll(BLOCK)].map((match) => ({ ...parse(match[2], match[3]), code: match[4] }));
}

/** The text with every marked block replaced by what the generators give today. */
export function renderDocs(text: string): string {
  return text.replace(BLOCK, (_all, head: string, language: string, parts: string | undefined, _code: string, fence: string) => {
    const spec = parse(language, parts);
    return `${head}${generateSnippet(spec.language, DOC_EXAMPLE, spec.parts)}${fence}`;
  });
}

export function readDocs(file: string = API_DOCS): string {
  return fs.readFileSync(file, 'utf8');
}
