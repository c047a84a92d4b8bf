// Browser end-to-end tests: the built api and worker run as real processes on a throw-away
// database, and headless Chromium (never a downloaded browser) drives the built dashboard.
const { preset } = require('../../jest.preset');

module.exports = {
  ...preset,
  displayName: 'web-e2e',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.e2e-spec.ts'],
  testTimeout: 60_000,
  maxWorkers: 1,
};
