// @ts-check
import js from '@eslint/js';
import boundaries from 'eslint-plugin-boundaries';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * The one-way direction of ../shared/DESIGN.md ("Layout"): each folder lists the folders it may import from (types
 * included). Nothing imports upwards, so the folders can form no import loop. Beside DESIGN's three tiers, one way
 * within a tier: tails use partners' adapters, reports price with tails' policy cache (tails/sla/policy-cache.ts),
 * the dashboard renders with api's helpers, and the API reads the workers' config (no Temporal). Tests, benchmarks
 * and scripts may use everything; workflow files are held to the Temporal sandbox below (workers/config.ts, with
 * every workflow id, is the one module of ours they may use besides sla-rules and activity types).
 */
export const layers = {
  'sla-rules': [],
  openapi: ['sla-rules'],
  db: ['openapi', 'sla-rules'],
  partners: ['db', 'openapi', 'sla-rules'],
  tails: ['partners', 'db', 'openapi', 'sla-rules'],
  reports: ['tails', 'partners', 'db', 'openapi', 'sla-rules'],
  workers: ['reports', 'tails', 'partners', 'db', 'openapi', 'sla-rules'],
  api: ['workers-config', 'reports', 'tails', 'partners', 'db', 'openapi', 'sla-rules'],
  web: ['api', 'reports', 'tails', 'partners', 'db', 'openapi', 'sla-rules'],
  cli: ['api', 'reports', 'tails', 'partners', 'db', 'openapi', 'sla-rules'],
};
const everything = [...Object.keys(layers), 'workers-config', 'workflow', 'scripts'];

const workflowFiles = ['workers/*workflow*.ts'];

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'data/**',
      '.temporal/**',
      'test-artifacts/**',
      'web/static/**',
      '.venv-contract/**',
      '.schemathesis/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: globals.node,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { boundaries },
    settings: {
      'import/resolver': { typescript: { alwaysTryTypes: true } },
      'boundaries/elements': [
        { type: 'workflow', pattern: workflowFiles, mode: 'full' },
        { type: 'workers-config', pattern: 'workers/config.ts', mode: 'full' },
        ...Object.keys(layers).map((folder) => ({ type: folder, pattern: `${folder}/**`, mode: 'full' })),
        { type: 'scripts', pattern: ['scripts/**', 'bench/**', 'test/**', '*.ts', '*.js'], mode: 'full' },
      ],
      'boundaries/ignore': ['**/*.test.ts', '**/test-fixtures.ts'],
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'max-len': [
        'error',
        { code: 120, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreUrls: true, ignoreRegExpLiterals: true },
      ],
      // Every write transaction takes the lock up front and holds the connection across its awaits (db/access.ts).
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name='transaction']",
          message: 'Write through writeTransaction (db/access.ts).',
        },
      ],
      // Config is read and validated once (api/env.ts); everything else gets it from there.
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read settings through api/env.ts (loadEnv).' },
      ],
      'boundaries/dependencies': [
        'error',
        {
          default: 'disallow',
          rules: [
            ...Object.entries(layers).map(([folder, allowed]) => ({
              from: { type: folder },
              allow: { to: { type: [folder, ...allowed] } },
            })),
            { from: { type: 'workers' }, allow: { to: { type: ['workflow', 'workers-config'] } } },
            { from: { type: 'workers-config' }, allow: { to: { type: [] } } },
            { from: { type: 'scripts' }, allow: { to: { type: everything } } },
            // Workflow code: sla-rules, the workers' config, other workflow files, and activity *types* only.
            { from: { type: 'workflow' }, allow: { to: { type: ['sla-rules', 'workers-config', 'workflow'] } } },
            { from: { type: 'workflow' }, allow: { to: { type: 'workers' }, dependency: { kind: 'type' } } },
          ],
        },
      ],
    },
  },
  {
    // The Temporal sandbox: no Node built-ins and nothing non-deterministic; @temporalio/workflow is the one package.
    files: workflowFiles,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!@temporalio/workflow$|\\.)',
              message: 'Workflow files import only @temporalio/workflow, sla-rules, workers/config and activity types.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'setTimeout', message: 'Use sleep() or condition() from @temporalio/workflow.' },
        { name: 'setInterval', message: 'Use sleep() or condition() from @temporalio/workflow.' },
        { name: 'process', message: 'No process in workflow code.' },
      ],
    },
  },
  {
    files: ['api/env.ts', 'test/**', 'bench/**', 'scripts/provision-temporal.mjs'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    // Tests and benchmarks open transactions of their own (baselines, fixtures).
    files: ['**/*.test.ts', 'test/**', 'bench/**'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
