// typescript-eslint's recommended type-checked rules (`npm run lint`, part of `npm test`) on all the TypeScript that
// ships or runs: library, stacks, catalogue, CLI, entry points, bench. Terraform's, AWS's and synthesized JSON is
// read through small typed views, never `any`. Not here: the tests, which probe synthesized JSON where an open type
// is the point; tsc --noEmit still checks them.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'pkg/**', 'cdktf.out/**', 'node_modules/**', '__tests__/**', '**/*.js', '**/*.mjs'] },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    // Guardrail rules read synthesized Terraform JSON of every provider's schema: one open-ended type for it
    // (SynthesizedResource.config), narrowed by each rule's own checks.
    files: ['lib/guardrails/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
    },
  },
);
