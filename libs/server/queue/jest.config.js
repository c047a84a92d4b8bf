const { preset } = require('../../../jest.preset');

module.exports = {
  ...preset,
  displayName: 'server-queue',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
