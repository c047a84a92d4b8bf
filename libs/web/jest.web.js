// Unit tests of the dashboard's libraries (and of apps/web): jest-preset-angular, zoneless, jsdom.
// A library's jest.config.js is one line: module.exports = require('<up to libs/web>/jest.web')(__dirname, '<project name>');
const path = require('node:path');
const { createCjsPreset } = require('jest-preset-angular/presets');
const { compilerOptions } = require('../../tsconfig.base.json');

const workspaceRoot = path.join(__dirname, '../..');

// Only the libraries the dashboard may use (module boundaries forbid the server ones).
const moduleNameMapper = Object.fromEntries(
  Object.entries(compilerOptions.paths)
    .filter(([alias]) => /^@carecast\/(web|shared)\//.test(alias))
    .map(([alias, [target]]) => [
      `^${alias.replace(/[/\\^$*+?.()|[\]{}]/g, '\\$&')}$`,
      path.join(workspaceRoot, target),
    ]),
);

/** The jest configuration of the project in `projectDir`; `overrides` are merged over it. */
module.exports = function webJestConfig(projectDir, displayName, overrides = {}) {
  return {
    ...createCjsPreset({ tsconfig: '<rootDir>/tsconfig.spec.json' }),
    displayName,
    rootDir: projectDir,
    testEnvironment: 'jsdom',
    setupFilesAfterEnv: [path.join(__dirname, 'test-setup.ts')],
    testMatch: ['<rootDir>/src/**/*.spec.ts'],
    // A new library starts without tests; its test target must not fail for that.
    passWithNoTests: true,
    // The compliance checks (@carecast/shared/compliance) read syllable, published as ES modules only.
    transformIgnorePatterns: ['node_modules/(?!(.*\\.mjs$|syllable/))'],
    moduleNameMapper,
    coverageDirectory: path.join(workspaceRoot, 'coverage', path.relative(workspaceRoot, projectDir)),
    ...overrides,
  };
};
