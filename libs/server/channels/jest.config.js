const { preset } = require('../../../jest.preset');

module.exports = {
  ...preset,
  displayName: 'server-channels',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
