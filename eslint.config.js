// eslint: what prettier and tsc cannot check. Promises nobody waits for, import cycles, the
// direction of the layers, and the size limits the style guide sets (a line, a file, a function).
import importX, { createNodeResolver } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';
import { importCycle } from './eslint/import-cycle.js';

// The widest line, strings included: prettier wraps code at 100 but never breaks a string, so a
// long string is built from parts.
const MAX_LINE = 120;
// The style guide's limits: a file under src/ (every line counts) and a function in the product.
const MAX_FILE_LINES = 250;
const MAX_FUNCTION_LINES = 80;

const PRODUCT = ['src/**/*.ts', 'demo/**/*.ts'];

// The layers, as zones a folder may not import from. Dependencies point one way: cli ->
// cluster/demo -> node; web, story and cluster see the node only through its contract, src/api,
// which the node implements. sim and bench run the engine itself, so they may import the node.
// src/net (listening, network reasons) is shared below all of them.
const LAYERS = {
  node: [
    {
      target: 'src/node',
      from: ['src/cli', 'src/web', 'src/story', 'src/cluster', 'src/errors.ts', 'demo'],
      message: 'The node imports nothing from the CLI, web, story, cluster, demo or src/errors.ts.',
    },
  ],
  contract: ['src/web', 'src/story', 'src/cluster'].map((target) => ({
    target,
    from: 'src/node',
    message: 'Reach the node only through its contract in src/api.',
  })),
  api: [
    {
      target: ['src/api', 'src/net'],
      from: [
        'src/node',
        'src/cli',
        'src/web',
        'src/story',
        'src/cluster',
        'src/sim',
        'src/bench',
        'src/errors.ts',
        'demo',
      ],
      message: 'The contract and src/net import no implementation: the layers above import them.',
    },
  ],
  tests: [
    {
      target: ['src', 'demo'],
      from: 'test',
      message: 'The product imports nothing from the tests.',
    },
  ],
};
const zones = (excused = []) =>
  Object.entries(LAYERS).flatMap(([name, list]) => (excused.includes(name) ? [] : list));

// Files that break a rule on main today while they are being rewritten to meet it. Each entry is
// a rule (or `layer:<name>` for one of the LAYERS) and the files excused from it, and why. The
// lists only shrink: a file leaves its list when the change that fixes it lands.
const PENDING = [];

// One block per excused rule, and one per file excused from some of the layers (the zones are
// one option of one rule, so such a file gets the zones it is not excused from).
function excusals() {
  const layers = new Map();
  const blocks = [];
  for (const { rule, files } of PENDING) {
    if (!rule.startsWith('layer:')) {
      blocks.push({ files, rules: { [rule]: 'off' } });
      continue;
    }
    for (const file of files) layers.set(file, [...(layers.get(file) ?? []), rule.slice(6)]);
  }
  for (const [file, excused] of layers) {
    blocks.push({
      files: [file],
      rules: { 'import-x/no-restricted-paths': ['error', { zones: zones(excused) }] },
    });
  }
  return blocks;
}

export default tseslint.config(
  // Built output, installed packages, test artifacts and golden files are not source.
  { ignores: ['dist/', 'node_modules/', 'test-artifacts/', 'test/fixtures/'] },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  {
    files: ['**/*.ts'],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: {
        // src/web/page is browser code with its own tsconfig (the DOM library).
        project: ['./tsconfig.json', './tsconfig.web.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    plugins: {
      '@typescript-eslint': tseslint.plugin,
      'import-x': importX,
      ae: { rules: { 'import-cycle': importCycle } },
    },
    settings: {
      // Imports name the compiled './x.js'; the file on disk is './x.ts'.
      'import-x/resolver-next': [
        createNodeResolver({
          extensions: ['.ts', '.js'],
          extensionAlias: { '.js': ['.ts', '.js'] },
        }),
      ],
    },
    rules: {
      // A promise nobody awaits loses its rejection; `void` marks the ones left running on purpose.
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          // node:test's test(), describe() and it() return promises the runner itself awaits.
          allowForKnownSafeCalls: [
            { from: 'package', package: 'node:test', name: ['test', 'describe', 'it', 'suite'] },
          ],
        },
      ],
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/only-throw-error': 'error',
      '@typescript-eslint/prefer-promise-reject-errors': 'error',
      // A promise returned from inside try without await skips the catch and the finally.
      '@typescript-eslint/return-await': ['error', 'in-try-catch'],
      '@typescript-eslint/no-for-in-array': 'error',
      '@typescript-eslint/no-implied-eval': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-async-promise-executor': 'error',
      'no-cond-assign': 'error',
      'no-constant-binary-expression': 'error',
      'no-control-regex': 'error',
      'no-self-compare': 'error',
      'no-template-curly-in-string': 'error',
      'no-unreachable-loop': 'error',
      'no-unsafe-finally': 'error',
      'import-x/no-self-import': 'error',
      // Counts type-only imports too, which import-x/no-cycle skips (see eslint/import-cycle.js).
      'ae/import-cycle': 'error',
    },
  },
  {
    files: PRODUCT,
    rules: {
      '@typescript-eslint/no-base-to-string': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      'import-x/no-restricted-paths': ['error', { zones: zones() }],
      'max-len': [
        'error',
        { code: MAX_LINE, ignoreUrls: true, ignoreStrings: false, ignoreTemplateLiterals: false },
      ],
      'max-lines-per-function': [
        'error',
        { max: MAX_FUNCTION_LINES, skipBlankLines: false, skipComments: false },
      ],
    },
  },
  {
    files: ['src/**/*.ts'],
    rules: {
      'max-lines': ['error', { max: MAX_FILE_LINES, skipBlankLines: false, skipComments: false }],
    },
  },
  ...excusals(),
);
