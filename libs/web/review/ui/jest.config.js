module.exports = require('../../jest.web')(__dirname, 'web-review-ui');
