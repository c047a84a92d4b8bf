module.exports = require('../../jest.web')(__dirname, 'web-content-data-access');
