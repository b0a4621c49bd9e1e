// A small rule set: typescript-eslint's recommended rules (bugs, not style), React's rules of hooks (stale
// closures and conditional hooks are real bugs here), and Prettier owns formatting, so no style rules.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.data/**', 'coverage/**', 'tests/e2e/screenshots/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      // Unused code is already an error in tsc (noUnusedLocals/Parameters); one report is enough.
      '@typescript-eslint/no-unused-vars': 'off',
      // The store port and test doubles take documents of any shape; `any` there is deliberate and local.
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'off',
      // The mini-program ships to phones; the functions hold keys, store adapters and Node-only code. What both
      // sides share lives in src/contracts (the functions import it, never the other way round).
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/cloudfunctions', '**/cloudfunctions/**', 'cloudfunctions', 'cloudfunctions/**'],
              message: 'src/ 不能引用 cloudfunctions/：共享的代码放进 src/contracts。',
            },
          ],
        },
      ],
    },
  },
  {
    // Build scripts and configs run in Node as CommonJS or ESM scripts.
    files: ['**/*.{js,cjs,mjs}'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
)
