module.exports = require('../../jest.web')(__dirname, 'web-identity-data-access');
