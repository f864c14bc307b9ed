// "Copy as Code": the snippet that makes a history record's requests from the user's own app, in curl, PHP,
// Node.js or Python. One generator per language; the extension, the examples in docs/ and the tests use these.
import { curlSnippet } from './curl';
import { planOf } from './model';
import type { SnippetInput, SnippetLanguage, SnippetPart, SnippetPlan } from './model';
import { nodeSnippet } from './node';
import { phpSnippet } from './php';
import { pythonSnippet } from './python';

export * from './model';

const GENERATORS: Record<SnippetLanguage, (plan: SnippetPlan) => string> = {
  curl: curlSnippet,
  php: phpSnippet,
  node: nodeSnippet,
  python: pythonSnippet,
};

/** The snippet's text; `parts` defaults to every request the record allows (defaultParts). */
export function generateSnippet(language: SnippetLanguage, input: SnippetInput, parts?: readonly SnippetPart[]): string {
  return GENERATORS[language](planOf(input, parts));
}

export function isSnippetLanguage(value: unknown): value is SnippetLanguage {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(GENERATORS, value);
}
