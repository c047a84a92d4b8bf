const { preset } = require('../../jest.preset');

module.exports = {
  ...preset,
  displayName: 'check-content',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
