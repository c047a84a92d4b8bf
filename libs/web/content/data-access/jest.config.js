// syllable (read by the compliance checks the composer runs) is published as ES modules only.
module.exports = require('../../jest.web')(__dirname, 'web-content-data-access', {
  transformIgnorePatterns: ['node_modules/(?!(.*\\.mjs$|syllable/))'],
});
