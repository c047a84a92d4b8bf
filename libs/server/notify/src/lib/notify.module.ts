import { Module } from '@nestjs/common';
import { Mailer, NodemailerMailer } from '@carecast/server/identity';
import { AfterCommit } from './after-commit';
import { NotificationInboxService } from './notification-inbox.service';
import { NotificationMailService } from './notification-mail.service';
import { NotificationPreferenceRepository } from './notification-preference.repository';
import { NotificationStreamHub } from './notification-stream.hub';
import { NotificationRepository } from './notification.repository';
import { NotifyService } from './notify.service';

/**
 * Notifications: in-app, by email and live. `NotifyService` for whoever has something to tell;
 * the inbox for the person's own notifications (api); the mail service for the worker. Needs the
 * config, core, database and queue modules.
 */
@Module({
  providers: [
    NotificationRepository,
    NotificationPreferenceRepository,
    AfterCommit,
    NotificationStreamHub,
    NotifyService,
    NotificationInboxService,
    NotificationMailService,
    { provide: Mailer, useClass: NodemailerMailer },
  ],
  exports: [NotifyService, NotificationInboxService, NotificationMailService],
})
export class NotifyModule {}
