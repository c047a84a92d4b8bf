const { preset } = require('../../../jest.preset');

module.exports = {
  ...preset,
  displayName: 'server-audit',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
