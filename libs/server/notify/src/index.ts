export * from './lib/notify.module';
export * from './lib/notify.service';
export type { NotifyInput, NotifyResult } from './lib/notify.types';
