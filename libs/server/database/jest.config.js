const { preset } = require('../../../jest.preset');

module.exports = {
  ...preset,
  displayName: 'server-database',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
