import nx from '@nx/eslint-plugin';

/** Who may import whom. Scopes keep server, web and shared apart; types keep the layers. */
function boundaries(inTests) {
  const plus = (tags) => (inTests ? [...tags, 'type:testing'] : tags);
  return {
    enforceBuildableLibDependency: true,
    allow: [],
    depConstraints: [
      { sourceTag: 'scope:server', onlyDependOnLibsWithTags: ['scope:server', 'scope:shared'] },
      { sourceTag: 'scope:web', onlyDependOnLibsWithTags: ['scope:web', 'scope:shared'] },
      { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
      {
        sourceTag: 'type:app',
        onlyDependOnLibsWithTags: [
          'type:feature',
          'type:data-access',
          'type:ui',
          'type:util',
          'type:testing',
        ],
      },
      {
        sourceTag: 'type:feature',
        onlyDependOnLibsWithTags: plus(['type:feature', 'type:data-access', 'type:ui', 'type:util']),
      },
      { sourceTag: 'type:data-access', onlyDependOnLibsWithTags: plus(['type:data-access', 'type:util']) },
      { sourceTag: 'type:ui', onlyDependOnLibsWithTags: plus(['type:ui', 'type:util']) },
      { sourceTag: 'type:util', onlyDependOnLibsWithTags: plus(['type:util']) },
      {
        sourceTag: 'type:testing',
        onlyDependOnLibsWithTags: ['type:feature', 'type:data-access', 'type:util'],
      },
    ],
  };
}

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  { ignores: ['**/dist', '**/node_modules', '**/.data', '**/.angular', '**/coverage', '**/tmp'] },
  {
    files: ['**/*.ts', '**/*.js', '**/*.mjs'],
    rules: { '@nx/enforce-module-boundaries': ['error', boundaries(false)] },
  },
  {
    // Tests may also use the testing library (throw-away databases, factories).
    files: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts'],
    rules: { '@nx/enforce-module-boundaries': ['error', boundaries(true)] },
  },
  {
    // Tool configuration and benchmarks (which boot the apps) are not part of the module graph.
    files: ['**/jest.config.js', 'jest.*.js', '**/eslint.config.mjs', 'bench/**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': 'off' },
  },
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: 'Read configuration through @carecast/server/config, never process.env directly.',
        },
      ],
    },
  },
  {
    // The configuration library is the one place allowed to read the environment.
    files: [
      'libs/server/config/**/*.ts',
      'apps/web-e2e/**/*.ts',
      'bench/**/*.ts',
      'libs/server/testing/**/*.ts',
      '**/*.spec.ts',
      '**/*.int-spec.ts',
      '**/jest*.js',
    ],
    rules: { 'no-restricted-syntax': 'off' },
  },
];
