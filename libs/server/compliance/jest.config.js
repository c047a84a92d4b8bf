const { preset } = require('../../../jest.preset');

module.exports = {
  ...preset,
  displayName: 'server-compliance',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
