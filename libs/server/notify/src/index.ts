export * from './lib/notify.module';
export * from './lib/notify.service';
export * from './lib/notification-inbox.service';
export * from './lib/notification-mail.service';
export type { NotifyInput, NotifyResult } from './lib/notify.types';
