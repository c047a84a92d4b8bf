module.exports = require('../../jest.web')(__dirname, 'web-status-feature-status');
