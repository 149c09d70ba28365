// Lint: typescript-eslint recommended, zero warnings, and no deep imports into another
// folder's internals: code outside a folder imports only that folder's index.ts.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'web/dist', 'coverage', '**/*.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              // any depth: `../x/y.ts` and `../../x/y.ts` alike (a subfolder such as warehouse/duckdb goes up two)
              regex: '^(\\.\\./)+[a-z]+/(?!index\\.ts$).+',
              message: 'Import another folder only through its index.ts (its public surface).',
            },
          ],
        },
      ],
    },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
);
