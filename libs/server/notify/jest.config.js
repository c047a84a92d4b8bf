const { preset } = require('../../../jest.preset');

module.exports = {
  ...preset,
  displayName: 'server-notify',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
