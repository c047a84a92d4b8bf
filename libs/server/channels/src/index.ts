export * from './lib/channel-adapter';
export * from './lib/channel-adapter.registry';
export * from './lib/channel-credentials.service';
export * from './lib/channel-errors';
export * from './lib/channels.module';
export * from './lib/adapters/facebook/facebook.adapter';
export * from './lib/adapters/wordpress/wordpress.adapter';
export * from './lib/adapters/x/x.adapter';
