import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type Redis from 'ioredis';
import { APP_CONFIG, type AppConfig } from '@carecast/server/config';
import { REDIS_CLIENT } from '@carecast/server/queue';
import type { NotificationStreamEvent } from '@carecast/shared/contracts';

/** Someone's open stream in this process. */
export interface StreamListener {
  /** An event for its person (a new notification, or a new unread count). */
  event(event: NotificationStreamEvent): void;
  /** Redis came back after being away: events may have been missed, send the current count. */
  resync(): void;
}

/**
 * Live notifications across every api process: Redis pub/sub, one channel per person and
 * organisation. Any process publishes (the one that committed the notification); each process
 * holding that person's streams receives it and hands it to them. The subscriber connection is
 * opened with the first stream, so processes without streams (the worker) never hold one.
 * Delivery is best-effort: what is missed while Redis is away is in the database, and streams
 * are told to send the count again when it is back.
 */
@Injectable()
export class NotificationStreamHub implements OnApplicationShutdown {
  private readonly logger = new Logger(NotificationStreamHub.name);
  private subscriber: Redis | null = null;
  private readonly listeners = new Map<string, Set<StreamListener>>();
  /** The SUBSCRIBE of each channel with listeners (awaited by every listener joining it). */
  private readonly subscribed = new Map<string, Promise<unknown>>();
  private wasReady = false;

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  channelOf(organisationId: string, userId: string): string {
    return `${this.config.redis.prefix}:notifications:${organisationId}:${userId}`;
  }

  async publish(organisationId: string, userId: string, event: NotificationStreamEvent): Promise<void> {
    await this.redis.publish(this.channelOf(organisationId, userId), JSON.stringify(event));
  }

  /**
   * Listen to one person's events in one organisation until the returned function is called.
   * Rejects when Redis does not take the subscription (nothing then stays registered).
   */
  async subscribe(organisationId: string, userId: string, listener: StreamListener): Promise<() => void> {
    const channel = this.channelOf(organisationId, userId);
    const subscriber = this.subscriberConnection();
    let set = this.listeners.get(channel);
    if (!set) {
      set = new Set();
      this.listeners.set(channel, set);
      this.subscribed.set(channel, subscriber.subscribe(channel));
    }
    set.add(listener);
    const leave = () => {
      const current = this.listeners.get(channel);
      if (!current?.delete(listener) || current.size) return;
      this.listeners.delete(channel);
      this.subscribed.delete(channel);
      subscriber.unsubscribe(channel).catch(() => undefined);
    };
    try {
      await this.subscribed.get(channel);
    } catch (err) {
      leave();
      throw err;
    }
    return leave;
  }

  /** How many streams this process holds (for tests and metrics). */
  get openStreams(): number {
    return [...this.listeners.values()].reduce((n, s) => n + s.size, 0);
  }

  onApplicationShutdown(): void {
    this.subscriber?.disconnect();
    this.subscriber = null;
  }

  private subscriberConnection(): Redis {
    if (this.subscriber) return this.subscriber;
    const subscriber = this.redis.duplicate({ maxRetriesPerRequest: 1, lazyConnect: false });
    subscriber.on('error', () => undefined);
    subscriber.on('message', (channel: string, message: string) => this.dispatch(channel, message));
    subscriber.on('ready', () => {
      if (this.wasReady) {
        this.logger.log('Redis back: live notification streams resynchronised');
        for (const set of this.listeners.values()) for (const l of set) this.safely(() => l.resync());
      }
      this.wasReady = true;
    });
    this.subscriber = subscriber;
    return subscriber;
  }

  private dispatch(channel: string, message: string): void {
    const set = this.listeners.get(channel);
    if (!set) return;
    let event: NotificationStreamEvent;
    try {
      event = JSON.parse(message) as NotificationStreamEvent;
    } catch {
      this.logger.warn({ msg: 'unreadable notification event ignored', channel });
      return;
    }
    for (const listener of set) this.safely(() => listener.event(event));
  }

  private safely(fn: () => void): void {
    try {
      fn();
    } catch (err) {
      this.logger.warn({ msg: 'notification stream listener failed', err });
    }
  }
}
