import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** The house's rooms: dependencies point inward (see README, "Layout"). */
const ML_LIBRARIES = { group: ['@tensorflow/*'], message: 'Only src/training/ may import tfjs.' };
const REACT = { group: ['react', 'react-dom', 'react-dom/*', 'recharts'], message: 'Only src/ui/ may import React.' };
const ui = { group: ['**/ui/*', '../ui/*'], message: 'Nothing imports the UI.' };
const training = { group: ['**/training/*', '../training/*', '!**/training/protocol.ts', '!../training/protocol.ts'], message: 'The page talks to the worker through training/protocol.ts only.' };
const trainingAll = { group: ['**/training/*', '../training/*'], message: 'The domain and data rooms depend on nothing of ours.' };
const dataRoom = { group: ['**/data/*', '../data/*'], message: 'src/spec/ depends on nothing of ours.' };

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'test-results', 'playwright-report', 'public'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/ui/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', { patterns: [ML_LIBRARIES, training] }],
    },
  },
  {
    files: ['src/spec/**/*.ts'],
    ignores: ['src/spec/**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [ML_LIBRARIES, REACT, ui, trainingAll, dataRoom] }] },
  },
  {
    files: ['src/data/**/*.ts'],
    ignores: ['src/data/**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [ML_LIBRARIES, REACT, ui, trainingAll] }] },
  },
  {
    files: ['src/training/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [REACT, ui] }] },
  },
);
