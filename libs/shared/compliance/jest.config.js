const { preset } = require('../../../jest.preset');

module.exports = {
  ...preset,
  displayName: 'shared-compliance',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
