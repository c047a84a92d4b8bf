module.exports = require('../../jest.web')(__dirname, 'web-channels-data-access');
