// ESLint 9 flat config: the recommended sets of ESLint, typescript-eslint and eslint-plugin-vue,
// less the few rules the code deliberately does not follow (each with why). Layering is not
// linted here: tests/unit/layering.test.ts holds it on the import graph.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import pluginVue from 'eslint-plugin-vue';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'build/**', 'node_modules/**', '.tmp/**', '**/*.generated.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
  },
  {
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['**/*.{ts,vue}'],
    rules: {
      // `_`-named and rest-sibling bindings leave a field out of a copy on purpose: `({ id: _id, ...row }) => row`.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
    },
  },
  {
    files: ['**/*.vue'],
    rules: {
      // Templates keep a tag with its attributes on one line, as the code is written; no mass reformatting.
      'vue/max-attributes-per-line': 'off',
      // Short elements keep their text inline (`<td>{{ x }}</td>`), as the code is written.
      'vue/singleline-html-element-content-newline': 'off',
      // An optional prop is `undefined` when absent, as its TypeScript type says; no default is needed.
      'vue/require-default-prop': 'off',
    },
  },
  {
    files: ['tests/bench/**'],
    rules: {
      // Benchmarks call the contract by a name held in a string, so its results are untyped on purpose.
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
);
