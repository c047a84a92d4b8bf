export * from './lib/system-status.service';
export * from './lib/system-status.store';
