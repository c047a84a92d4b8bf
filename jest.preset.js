// Shared jest settings for the server-side projects (NestJS apps and libs).
// TypeScript is transpiled by SWC (with decorator metadata, which Nest's DI needs);
// type-checking is a separate step (`npm run typecheck`).
const path = require('node:path');
const { compilerOptions } = require('./tsconfig.base.json');

const moduleNameMapper = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [
    `^${alias.replace(/[/\\^$*+?.()|[\]{}]/g, '\\$&')}$`,
    path.join(__dirname, target),
  ]),
);

const swcTransform = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

const preset = {
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'json'],
  // ts everywhere; js only for the ESM-only packages below (otplib's crypto and base32 helpers;
  // syllable, which the compliance checks' reading level counts with).
  transform: { '^.+\\.(ts|js|mjs)$': swcTransform },
  transformIgnorePatterns: ['/node_modules/(?!(@scure|@noble|@otplib|syllable)/)'],
  moduleNameMapper,
};

module.exports = { preset, swcTransform, moduleNameMapper };
