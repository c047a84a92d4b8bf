export * from './lib/channel-empty-states';
export * from './lib/channel-readiness';
export * from './lib/channels.service';
