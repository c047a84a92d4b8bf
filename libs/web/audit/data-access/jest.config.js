module.exports = require('../../jest.web')(__dirname, 'web-audit-data-access');
