module.exports = require('../../jest.web')(__dirname, 'web-notifications-data-access');
