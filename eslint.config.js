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

/**
 * The layers of electron/, each a folder, imported only downward:
 *
 *   platform ← store ← keys ← exchange ← identity, consortium ← services ← export ← import ← app, cli, demo, main
 *
 * (ipc/ is the router, which needs only platform/). A folder may import the folders listed for it;
 * anything else in electron/ is refused, `import type` included. docs/architecture.md draws this.
 */
const layerAllows = {
  platform: [],
  store: ['platform'],
  keys: ['platform', 'store'],
  exchange: ['platform', 'store', 'keys'],
  identity: ['platform', 'store', 'keys', 'exchange'],
  consortium: ['platform', 'store', 'keys', 'exchange'],
  services: ['platform', 'store', 'keys', 'exchange', 'identity', 'consortium'],
  export: ['platform', 'store', 'keys', 'exchange', 'identity', 'consortium', 'services'],
  import: ['platform', 'store', 'keys', 'exchange', 'identity', 'consortium', 'services', 'export'],
  ipc: ['platform'],
  app: ['platform', 'store', 'keys', 'exchange', 'identity', 'consortium', 'services', 'export', 'import', 'ipc'],
  demo: ['platform', 'store', 'keys', 'exchange', 'identity', 'consortium', 'services', 'export', 'import', 'ipc', 'app'],
  cli: ['platform', 'store', 'keys', 'exchange', 'identity', 'consortium', 'services', 'export', 'import', 'ipc', 'app', 'demo'],
  main: ['platform', 'store', 'keys', 'exchange', 'identity', 'consortium', 'services', 'export', 'import', 'ipc', 'app'],
};
const electronFolders = [...Object.keys(layerAllows), 'preload'];

/**
 * A promise's failure dropped without a word: `.catch(() => undefined)`, `.catch(() => {})`,
 * `.catch(() => null)` and the like. Each hides whatever went wrong (a permission refused, a
 * damaged file) behind "nothing there". electron/platform/files.ts names the honest ways.
 */
const silentCatchMessage =
  'A silent .catch hides every failure, not just the one expected. Use electron/platform/files.ts: statIfExists/lstatIfExists/readIfExists/readTextIfExists (missing only), removeQuietly/bestEffort (cleanup, logged), settled/SerialQueue (chains of work); store/unless-gone.ts for documents left out of a list; or log the error in the handler.';
const ipcThroughContract = {
  selector: "CallExpression[callee.property.name='invoke'][callee.object.name='ipcRenderer']:not([arguments.0.type='BinaryExpression'])",
  message: 'Call IPC only through the contract (shared/ipc).',
};
const silentCatches = [
  "CallExpression[callee.property.name='catch'] > ArrowFunctionExpression.arguments[body.type='Identifier'][body.name='undefined']",
  "CallExpression[callee.property.name='catch'] > ArrowFunctionExpression.arguments[body.type='Literal'][body.value=null]",
  "CallExpression[callee.property.name='catch'] > ArrowFunctionExpression.arguments[body.type='BlockStatement'][body.body.length=0]",
  "CallExpression[callee.property.name='catch'] > ArrowFunctionExpression.arguments[body.type='UnaryExpression'][body.operator='void']",
].map((selector) => ({ selector, message: silentCatchMessage }));

const sandboxed = 'The renderer runs sandboxed: use window.api.';
/** What every file of the renderer may not import. */
const rendererRestrictions = {
  paths: builtinPaths(sandboxed),
  patterns: [
    { group: ['electron', ...nodeBuiltins], message: sandboxed },
    { group: ['**/electron/**'], message: 'The renderer reaches the main process only through window.api.' },
  ],
};

/**
 * Every import restriction, one row per part of the tree. ESLint applies the last block that sets
 * a rule for a file, so a row for a narrower part (the renderer kit) lists its parent's
 * restrictions with its own.
 */
const importRestrictions = [
  {
    files: ['shared/**/*.ts'],
    paths: builtinPaths('shared/ is pure: no Node, no Electron.'),
    patterns: [
      { group: ['electron', ...nodeBuiltins], message: 'shared/ is pure: no Node, no Electron.' },
      { group: ['react', 'react-dom', 'react-*'], message: 'shared/ is pure: no React.' },
      { group: ['**/electron/**', '**/renderer/**'], message: 'shared/ imports nothing from electron/ or renderer/.' },
    ],
  },
  { files: ['renderer/**/*.{ts,tsx}'], ...rendererRestrictions },
  {
    // components/ and lib/ serve every feature, so they never depend on one (renderer kit).
    files: ['renderer/components/**/*.{ts,tsx}', 'renderer/lib/**/*.{ts,tsx}'],
    paths: rendererRestrictions.paths,
    patterns: [...rendererRestrictions.patterns, { group: ['**/features/**'], message: 'components/ and lib/ are shared by all features and import none of them.' }],
  },
  ...Object.entries(layerAllows).map(([folder, allowed]) => {
    const refused = electronFolders.filter((other) => other !== folder && !allowed.includes(other));
    const isEntry = folder === 'main';
    return {
      files: [`electron/${folder}/**/*.ts`],
      patterns: [
        ...(isEntry ? [] : [{ group: ['electron'], message: 'Services are plain Node: take what Electron provides as an argument.' }]),
        { group: ['**/renderer/**'], message: 'electron/ never imports the renderer.' },
        {
          regex: `^(\\.\\./){1,2}(${refused.join('|')})(/|$)`,
          message: `electron/${folder}/ may import only ${allowed.length ? allowed.map((name) => `${name}/`).join(', ') : 'shared/ and packages'} within electron/ (layers: eslint.config.js, docs/architecture.md).`,
        },
      ],
    };
  }),
  {
    // The preload runs in the renderer's process with Node's powers: it holds the bridge and
    // nothing else, so it imports Electron and the IPC contract only.
    files: ['electron/preload/**/*.ts'],
    patterns: [
      { regex: '^(?!electron$|\\.)', message: 'The preload imports only electron and shared/ipc.' },
      { regex: '^\\.\\./(?!\\.\\./shared/ipc/)', message: 'The preload imports only electron and shared/ipc.' },
    ],
  },
];

/** One lint block per row of `importRestrictions`. */
function restrictedImports() {
  return importRestrictions.map(({ files, paths, patterns }) => ({
    files,
    rules: { 'no-restricted-imports': ['error', { ...(paths ? { paths } : {}), patterns }] },
  }));
}

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
        ipcThroughContract,
      ],
    },
  },
  {
    // The type-aware rules (a promise nobody awaits, a promise handed to a callback that expects
    // nothing) are not here: oxlint checks them with tsgolint, on TypeScript 7 (.oxlintrc.json).
    // In the application code, not in tests and scripts, where a tidy-up may fail quietly.
    files: ['shared/**/*.ts', 'electron/**/*.ts', 'renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-syntax': ['error', ipcThroughContract, ...silentCatches],
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
    },
  },
  // shared/ has no globals at all: neither Node's nor the browser's.
  { files: ['shared/**/*.ts'], languageOptions: { globals: {} } },
  ...restrictedImports(),
  {
    files: ['electron/**/*.ts', 'scripts/**/*.ts', 'test/**/*.{ts,tsx}', '*.ts', '*.js'],
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
