module.exports = require('../../jest.web')(__dirname, 'web-content-feature-posts');
