const { preset } = require('../jest.preset');

module.exports = {
  ...preset,
  displayName: 'docker',
  rootDir: __dirname,
  testMatch: ['<rootDir>/*.spec.ts'],
};
