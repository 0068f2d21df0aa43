import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'playwright-report', 'test-results', 'fidelity/runner/target', 'fidelity/.live'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The engine is pure and deterministic: no clocks, no randomness, no UI.
    files: ['src/engine/**/*.ts'],
    ignores: ['src/engine/**/*.test.ts'],
    rules: {
      'no-restricted-globals': ['error', 'window', 'document', 'performance', 'setTimeout', 'setInterval', 'requestAnimationFrame'],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'Use the seeded PRNG (engine/prng.ts).' },
        { object: 'Date', property: 'now', message: 'Use the virtual clock (sim.now).' },
      ],
      'no-restricted-imports': ['error', { patterns: ['react', 'react-dom', 'zustand', 'd3-*', 'framer-motion', '../store/*', '../ui/*'] }],
    },
  },
  {
    // The UI draws: it may know the engine's types, never call into it (that is the store's job).
    files: ['src/ui/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/engine', '**/engine/**'], allowTypeImports: true, message: 'The UI imports engine types only; go through the store.' }] },
      ],
    },
  },
  {
    // The store reaches the engine through its public API only.
    files: ['src/store/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/engine/**'], allowTypeImports: true, message: "Import engine values from 'src/engine' (index.ts) only." }] },
      ],
    },
  },
);
