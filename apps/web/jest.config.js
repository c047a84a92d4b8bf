// Unit tests of the Angular dashboard: jest-preset-angular, zoneless, jsdom.
const path = require('node:path');
const { createCjsPreset } = require('jest-preset-angular/presets');
const { compilerOptions } = require('../../tsconfig.base.json');

const workspaceRoot = path.join(__dirname, '../..');

// Only the libraries the web app may use (module boundaries forbid the server ones).
const webAliases = ['@carecast/shared/contracts'];
const moduleNameMapper = Object.fromEntries(
  webAliases.map((alias) => [
    `^${alias.replace(/[/\\^$*+?.()|[\]{}]/g, '\\$&')}$`,
    path.join(workspaceRoot, compilerOptions.paths[alias][0]),
  ]),
);

module.exports = {
  ...createCjsPreset({ tsconfig: '<rootDir>/tsconfig.spec.json' }),
  displayName: 'web',
  rootDir: __dirname,
  testEnvironment: 'jsdom',
  setupFilesAfterEnv: ['<rootDir>/src/test-setup.ts'],
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  moduleNameMapper,
  coverageDirectory: path.join(workspaceRoot, 'coverage/apps/web'),
};
