const { preset } = require('../../../jest.preset');

module.exports = {
  ...preset,
  displayName: 'server-core',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
