const { preset } = require('../../jest.preset');

module.exports = {
  ...preset,
  displayName: 'sandbox',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
