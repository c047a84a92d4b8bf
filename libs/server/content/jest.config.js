const { preset } = require('../../../jest.preset');

module.exports = {
  ...preset,
  displayName: 'server-content',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
