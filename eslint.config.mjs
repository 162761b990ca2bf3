import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// The payment provider's SDK stays behind the payments port: only its adapter may import it.
const PAYMENT_SDKS = [
  {
    name: 'stripe',
    message: 'Use the payments port (server/modules/payments); only stripe.adapter.ts imports stripe.',
  },
];
const onlyThroughIndex = (regex, { sdks = true } = {}) => [
  'error',
  {
    ...(sdks ? { paths: PAYMENT_SDKS } : {}),
    patterns: [{ regex, message: 'Import another module only through its index.ts.' }],
  },
];

export default tseslint.config(
  { ignores: ['dist/', '.tools/', '.data/', 'coverage/', 'node_modules/', 'scripts/mongo-launcher/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-imports': onlyThroughIndex('(^|/)modules/[^/]+/(?!index$)[^/]+$'),
    },
  },
  { files: ['client/**'], languageOptions: { globals: { ...globals.browser } } },
  // Inside a module: its own files freely, a sibling module only through its index.
  {
    files: ['server/modules/**'],
    rules: { 'no-restricted-imports': onlyThroughIndex('^\\.\\./[^./][^/]*/(?!index$)[^/]+$') },
  },
  {
    files: ['server/modules/payments/stripe.adapter.ts'],
    rules: {
      'no-restricted-imports': onlyThroughIndex('^\\.\\./[^./][^/]*/(?!index$)[^/]+$', { sdks: false }),
    },
  },
  // Tests may reach into a module to set up data and inspect what it stored; so may benchmarks.
  { files: ['**/*.test.ts', 'test/**', 'scripts/bench/**'], rules: { 'no-restricted-imports': 'off' } },
);
