import { Module } from '@nestjs/common';
import { NotifyService } from './notify.service';

/** Notifications: in-app, by email and live. Needs the config, core, database and queue modules. */
@Module({
  providers: [NotifyService],
  exports: [NotifyService],
})
export class NotifyModule {}
