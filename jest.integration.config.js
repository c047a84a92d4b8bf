// Integration tests: real PostgreSQL and Redis. Each test file creates (and drops) its own
// database and uses its own Redis key prefix, so runs never collide.
const { preset } = require('./jest.preset');

module.exports = {
  ...preset,
  displayName: 'integration',
  rootDir: __dirname,
  testMatch: ['<rootDir>/{apps,libs}/**/*.int-spec.ts'],
  testTimeout: 30_000,
  maxWorkers: 1,
};
