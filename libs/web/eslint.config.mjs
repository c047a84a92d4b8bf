// Lint settings of the dashboard: the workspace rules (module boundaries included) plus Angular's.
// Used by every library under libs/web (ESLint finds the nearest config) and by apps/web.
import angular from 'angular-eslint';
import baseConfig from '../../eslint.config.mjs';

export default [
  ...baseConfig,
  ...angular.configs.tsRecommended.map((config) => ({ ...config, files: ['**/*.ts'] })),
  {
    files: ['**/*.ts'],
    processor: angular.processInlineTemplates,
    rules: {
      '@angular-eslint/directive-selector': [
        'error',
        { type: 'attribute', prefix: 'cc', style: 'camelCase' },
      ],
      '@angular-eslint/component-selector': ['error', { type: 'element', prefix: 'cc', style: 'kebab-case' }],
      '@angular-eslint/prefer-on-push-component-change-detection': 'error',
    },
  },
  {
    // Tool configuration reads workspace files (the base ESLint config, tsconfig paths).
    files: ['**/*.config.js', '**/*.config.mjs'],
    rules: { '@nx/enforce-module-boundaries': 'off' },
  },
  ...angular.configs.templateRecommended.map((config) => ({ ...config, files: ['**/*.html'] })),
  ...angular.configs.templateAccessibility.map((config) => ({ ...config, files: ['**/*.html'] })),
];
