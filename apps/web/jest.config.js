// Unit tests of the dashboard shell: the same settings as the libraries under libs/web.
module.exports = require('../../libs/web/jest.web')(__dirname, 'web', {
  setupFilesAfterEnv: ['<rootDir>/src/test-setup.ts'],
});
