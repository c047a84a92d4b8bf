const { preset } = require('../../../jest.preset');

module.exports = {
  ...preset,
  displayName: 'server-identity',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
