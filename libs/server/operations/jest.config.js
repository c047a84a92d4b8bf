const { preset } = require('../../../jest.preset');

module.exports = {
  ...preset,
  displayName: 'server-operations',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
