const { preset } = require('../../../jest.preset');

module.exports = {
  ...preset,
  displayName: 'server-review',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
