const { preset } = require('../../../jest.preset');

module.exports = {
  ...preset,
  displayName: 'server-blog',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
