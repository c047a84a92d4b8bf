const { preset } = require('../../../jest.preset');

module.exports = {
  ...preset,
  displayName: 'server-testing',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
