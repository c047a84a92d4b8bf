export * from './lib/notification-event-source';
export * from './lib/notifications.service';
export * from './lib/notifications.store';
