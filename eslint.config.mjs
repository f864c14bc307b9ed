// @ts-check
// Import cycles and which layer may import which are checked by dependency-cruiser (.dependency-cruiser.cjs).
import tseslint from 'typescript-eslint';

/** Node's built-in modules, with or without the `node:` prefix (`fs`, `node:fs`, `fs/promises`...). */
const nodeBuiltins = ['node:*', ...(await import('node:module')).builtinModules.flatMap((m) => [m, `${m}/*`])];

const noVscode = { name: 'vscode', message: 'The core, the simulator, the shared modules and the webview run without VS Code.' };

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.e2e/**', 'test/fixtures/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'smart'],
      'no-restricted-imports': 'off',
    },
  },
  {
    // The core and the simulator are a plain-Node SDK: the editor API must never leak into them.
    files: ['src/core/**/*.ts', 'src/simulator/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [noVscode] }] },
  },
  {
    // The webview runs in a browser, and src/common is imported by it: neither VS Code nor Node is there.
    files: ['src/webview/**/*.ts', 'src/common/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [noVscode],
        patterns: [{ group: nodeBuiltins, message: 'Browser code (src/webview, src/common) cannot use Node modules.' }],
      }],
    },
  },
  {
    // Notifications quote text we did not write; platform/notify.ts shows it as plain text (never a link).
    files: ['src/extension/**/*.ts'],
    ignores: ['src/extension/platform/notify.ts'],
    rules: {
      'no-restricted-syntax': ['error', {
        selector: 'MemberExpression[property.name=/^show(Information|Warning|Error)Message$/]',
        message: 'Use showInformation/showWarning/showError from src/extension/platform/notify.ts: they show foreign text as text.',
      }],
    },
  },
  { files: ['**/*.js', '**/*.mjs', '**/*.cjs'], rules: { '@typescript-eslint/no-require-imports': 'off' } },
);
