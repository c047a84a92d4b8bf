import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import type { AuthSession } from '@carecast/server/identity';
import { NotificationInboxService, type Recipient } from '@carecast/server/notify';
import type { NotificationPage, NotificationPreferences, UnreadCount } from '@carecast/shared/contracts';
import { BackgroundRoute, CurrentSession, SignedIn } from '../identity/access';
import { UuidParamPipe } from '../http/uuid-param.pipe';
import { NotificationStreams } from './notification-streams';
import { ListNotificationsQueryDto, UpdateNotificationPreferencesDto } from './notifications.dto';

const recipientOf = (session: AuthSession): Recipient => ({
  organisationId: session.organisation.id,
  userId: session.user.id,
});

/**
 * The signed-in person's own notifications in the organisation of their session. Anyone signed
 * in has some; nobody reaches anyone else's (their ids answer 404).
 */
@ApiTags('notifications')
@Controller('notifications')
export class NotificationsController {
  constructor(
    private readonly inbox: NotificationInboxService,
    private readonly streams: NotificationStreams,
  ) {}

  @Get()
  @SignedIn()
  @ApiOperation({ summary: 'My notifications, newest first, with cursor pagination (`before`).' })
  list(
    @CurrentSession() session: AuthSession,
    @Query() q: ListNotificationsQueryDto,
  ): Promise<NotificationPage> {
    return this.inbox.list(recipientOf(session), {
      unreadOnly: q.unread === 'true',
      before: q.before ?? null,
      limit: q.limit ?? 20,
    });
  }

  @Get('unread-count')
  @SignedIn()
  @BackgroundRoute()
  @ApiOperation({ summary: 'How many of my notifications are unread (not counted as activity).' })
  unreadCount(@CurrentSession() session: AuthSession): Promise<UnreadCount> {
    return this.inbox.unreadCount(recipientOf(session));
  }

  @Get('stream')
  @SignedIn()
  @BackgroundRoute()
  // One request that stays open: the per-address request limit must not refuse its reconnects
  // (EventSource gives up for good on a 429); streams are capped per person instead.
  @SkipThrottle()
  @ApiProduces('text/event-stream')
  @ApiOperation({
    summary:
      'Server-Sent Events (Accept: text/event-stream, else 406): `notification` events carrying {unread, notification} — the count when it opens, each new notification, and each new count after marking read. A comment every 25 s keeps it open; it ends when the session does. Not counted as activity.',
  })
  stream(@CurrentSession() session: AuthSession, @Req() req: Request, @Res() res: Response): Promise<void> {
    return this.streams.serve(session, req, res);
  }

  @Post('read-all')
  @SignedIn()
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark all my notifications read; answers the new unread count.' })
  markAllRead(@CurrentSession() session: AuthSession): Promise<UnreadCount> {
    return this.inbox.markAllRead(recipientOf(session));
  }

  @Post(':id/read')
  @SignedIn()
  @HttpCode(200)
  @ApiOperation({
    summary:
      "Mark one of my notifications read; answers the new unread count. Someone else's id answers 404.",
  })
  markRead(
    @CurrentSession() session: AuthSession,
    @Param('id', UuidParamPipe) id: string,
  ): Promise<UnreadCount> {
    return this.inbox.markRead(recipientOf(session), id);
  }

  @Get('preferences')
  @SignedIn()
  @ApiOperation({ summary: 'How I want each kind of notification, in the dashboard and by email.' })
  preferences(@CurrentSession() session: AuthSession): Promise<NotificationPreferences> {
    return this.inbox.preferencesOf(recipientOf(session));
  }

  @Put('preferences')
  @SignedIn()
  @ApiOperation({ summary: 'Change how I want the kinds given; answers every kind with its settings.' })
  savePreferences(
    @CurrentSession() session: AuthSession,
    @Body() dto: UpdateNotificationPreferencesDto,
  ): Promise<NotificationPreferences> {
    return this.inbox.savePreferences(recipientOf(session), dto);
  }
}
