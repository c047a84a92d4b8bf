export * from './lib/channel-empty-states';
export * from './lib/channel-readiness';
export * from './lib/channels.service';
export * from './lib/channels.store';
export * from './lib/connect-fields';
