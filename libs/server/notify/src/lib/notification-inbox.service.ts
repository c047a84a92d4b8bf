import { Injectable, Logger } from '@nestjs/common';
import { Clock, NotFoundError, ValidationError } from '@carecast/server/core';
import {
  NOTIFICATION_DEFAULTS,
  NOTIFICATION_KIND_LABELS,
  NOTIFICATION_KINDS,
  type NotificationPage,
  type NotificationPreferences,
  type NotificationStreamEvent,
  type UnreadCount,
  type UpdateNotificationPreferencesRequest,
} from '@carecast/shared/contracts';
import { NotificationPreferenceRepository } from './notification-preference.repository';
import { NotificationStreamHub } from './notification-stream.hub';
import { NotificationRepository } from './notification.repository';

/** Whose notifications: the signed-in person, in the organisation of their session. */
export interface Recipient {
  organisationId: string;
  userId: string;
}

/** A person's own notifications: the list, what is unread, marking read, preferences, the live stream. */
@Injectable()
export class NotificationInboxService {
  private readonly logger = new Logger(NotificationInboxService.name);

  constructor(
    private readonly notifications: NotificationRepository,
    private readonly preferences: NotificationPreferenceRepository,
    private readonly hub: NotificationStreamHub,
    private readonly clock: Clock,
  ) {}

  /** Newest first, `limit` at a time; `before` is the previous page's `nextCursor`. */
  async list(
    who: Recipient,
    options: { unreadOnly?: boolean; before?: string | null; limit?: number } = {},
  ): Promise<NotificationPage> {
    const limit = options.limit ?? 20;
    const [rows, unread] = await Promise.all([
      this.notifications.list(who.organisationId, who.userId, {
        unreadOnly: options.unreadOnly ?? false,
        beforeSeq: options.before ?? null,
        limit: limit + 1,
      }),
      this.unreadCount(who),
    ]);
    const page = rows.slice(0, limit);
    return {
      items: page.map(({ seq: _seq, ...item }) => item),
      nextCursor: rows.length > limit ? page[page.length - 1].seq : null,
      unread: unread.unread,
    };
  }

  async unreadCount(who: Recipient): Promise<UnreadCount> {
    const counts = await this.notifications.unreadCounts(who.organisationId, [who.userId]);
    return { unread: counts.get(who.userId) ?? 0 };
  }

  /** Mark one read; 404 when it is not one of the person's own notifications here. */
  async markRead(who: Recipient, id: string): Promise<UnreadCount> {
    const found = await this.notifications.markRead(who.organisationId, who.userId, id, this.clock.now());
    if (!found) throw new NotFoundError('There is no such notification.');
    return this.countChanged(who);
  }

  async markAllRead(who: Recipient): Promise<UnreadCount> {
    await this.notifications.markAllRead(who.organisationId, who.userId, this.clock.now());
    return this.countChanged(who);
  }

  /** Every kind with the person's choice (or the default), in the order of the kinds. */
  async preferencesOf(who: Recipient): Promise<NotificationPreferences> {
    const stored = new Map(
      (await this.preferences.ofUser(who.organisationId, who.userId)).map((p) => [p.kind, p]),
    );
    return {
      preferences: NOTIFICATION_KINDS.map((kind) => {
        const p = stored.get(kind) ?? NOTIFICATION_DEFAULTS[kind];
        return { kind, label: NOTIFICATION_KIND_LABELS[kind], inApp: p.inApp, email: p.email };
      }),
    };
  }

  /** Change the kinds given (each at most once); the others keep their settings. */
  async savePreferences(
    who: Recipient,
    request: UpdateNotificationPreferencesRequest,
  ): Promise<NotificationPreferences> {
    const kinds = request.preferences.map((p) => p.kind);
    const twice = kinds.find((k, i) => kinds.indexOf(k) !== i);
    if (twice)
      throw new ValidationError(`Give each kind once: ${twice} is there twice.`, [
        { field: 'preferences', rule: 'uniqueKinds', message: `preferences name ${twice} more than once.` },
      ]);
    await this.preferences.save(who.organisationId, who.userId, request.preferences, this.clock.now());
    return this.preferencesOf(who);
  }

  /**
   * Start the person's live events: `send` gets the current count at once, then every new
   * notification and every new count, until the returned function is called.
   */
  async openStream(who: Recipient, send: (event: NotificationStreamEvent) => void): Promise<() => void> {
    const sendCount = () =>
      this.unreadCount(who)
        .then(({ unread }) => send({ unread, notification: null }))
        .catch((err: unknown) => this.logger.warn({ msg: 'unread count not sent', err }));
    // Subscribed before counting: a notification committed in between is in the count or an event.
    const close = await this.hub.subscribe(who.organisationId, who.userId, {
      event: send,
      resync: () => void sendCount(),
    });
    await sendCount();
    return close;
  }

  /** The new count, also sent to the person's other open dashboards. */
  private async countChanged(who: Recipient): Promise<UnreadCount> {
    const count = await this.unreadCount(who);
    await this.hub
      .publish(who.organisationId, who.userId, { unread: count.unread, notification: null })
      .catch((err: unknown) => this.logger.warn({ msg: 'new unread count not sent live', err }));
    return count;
  }
}
