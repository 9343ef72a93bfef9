// @ts-check
/**
 * Lint rules, including the ones that keep the layers apart (as VS Code and Signal do):
 * shared/ is pure (no Node, no DOM, no Electron), renderer/ never reaches into electron/, and only
 * the thin entry files of electron/main and electron/preload import Electron.
 */
import js from '@eslint/js';
import i18next from 'eslint-plugin-i18next';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltinNames = ['fs', 'fs/promises', 'path', 'os', 'crypto', 'child_process', 'http', 'https', 'net', 'url', 'stream', 'util', 'zlib'];
const nodeBuiltins = ['node:*'];
const builtinPaths = (message) => nodeBuiltinNames.map((name) => ({ name, message }));

export default tseslint.config(
  { ignores: ['dist/', 'release/', 'coverage/', 'test-results/', 'node_modules/', 'bin/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.property.name='invoke'][callee.object.name='ipcRenderer']:not([arguments.0.type='BinaryExpression'])", message: 'Call IPC only through the contract (shared/ipc).' },
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: builtinPaths('shared/ is pure: no Node, no Electron.'),
          patterns: [
            { group: ['electron', ...nodeBuiltins], message: 'shared/ is pure: no Node, no Electron.' },
            { group: ['react', 'react-dom', 'react-*'], message: 'shared/ is pure: no React.' },
            { group: ['**/electron/**', '**/renderer/**'], message: 'shared/ imports nothing from electron/ or renderer/.' },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks, 'jsx-a11y': jsxA11y, i18next },
    rules: {
      ...reactHooks.configs.flat['recommended-latest'].rules,
      ...jsxA11y.flatConfigs.recommended.rules,
      // Every text a user sees comes from the translation files.
      'i18next/no-literal-string': ['error', { mode: 'jsx-text-only', 'jsx-components': { exclude: [] } }],
      'no-restricted-imports': [
        'error',
        {
          paths: builtinPaths('The renderer runs sandboxed: use window.api.'),
          patterns: [
            { group: ['electron', ...nodeBuiltins], message: 'The renderer runs sandboxed: use window.api.' },
            { group: ['**/electron/**'], message: 'The renderer reaches the main process only through window.api.' },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/**/*.ts'],
    ignores: ['electron/main/**', 'electron/preload/**'],
    languageOptions: { globals: globals.node },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['electron'], message: 'Services are plain Node: take what Electron provides as an argument.' },
            { group: ['**/renderer/**'], message: 'electron/ never imports the renderer.' },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/main/**/*.ts', 'electron/preload/**/*.ts', 'scripts/**/*.ts', 'test/**/*.{ts,tsx}', '*.ts', '*.js'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['test/component/**/*.tsx'],
    languageOptions: { globals: { ...globals.browser } },
  },
);
