// Lint rules: ESLint's and typescript-eslint's recommended sets on the project's TypeScript. Names starting
// with `_` may go unused (kept for an interface's shape); tests build hostile JSON, so `any` is allowed there.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'runs', 'scratch', 'test-results', 'assets', 'bin'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      // an async function with nothing to wait for misleads its callers
      'require-await': 'error',
    },
  },
  { files: ['tests/**'], rules: { '@typescript-eslint/no-explicit-any': 'off' } },
);
