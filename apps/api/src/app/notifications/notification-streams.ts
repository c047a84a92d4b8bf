import {
  type BeforeApplicationShutdown,
  HttpException,
  HttpStatus,
  Injectable,
  Logger,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { DependencyUnavailableError, TooManyAttemptsError } from '@carecast/server/core';
import { type AuthSession, SessionService } from '@carecast/server/identity';
import { NotificationInboxService } from '@carecast/server/notify';
import { NOTIFICATION_STREAM_EVENT, type NotificationStreamEvent } from '@carecast/shared/contracts';
import { SESSION_COOKIE } from '../identity/cookies';

/** A comment line this often keeps proxies and load balancers from closing an idle stream. */
export const HEARTBEAT_MS = 25_000;
/** The session is checked again this often: a signed-out or expired session's stream ends. */
export const SESSION_CHECK_MS = 60_000;
/** How long a browser waits before reconnecting after the stream ends. */
const RETRY_MS = 5_000;
/** Streams one person may hold open on one api process (tabs); more are refused with 429. */
export const MAX_STREAMS_PER_PERSON = 10;
/** A client that reads nothing is cut off once this much waits to be sent to it. */
const MAX_BUFFERED_BYTES = 1 << 20;

/** Whether the request asks for Server-Sent Events (EventSource always does). */
function acceptsEventStream(req: Request): boolean {
  return /(^|,)\s*text\/event-stream\s*(;|,|$)/i.test(req.headers.accept ?? '');
}

/**
 * The open notification streams of this api process: each writes its person's events as
 * Server-Sent Events, sends a heartbeat comment, ends when its session no longer holds, and is
 * cleaned up when the browser goes away. All of them end when the process shuts down (so it
 * does not wait for them).
 */
@Injectable()
export class NotificationStreams implements BeforeApplicationShutdown {
  private readonly logger = new Logger(NotificationStreams.name);
  private readonly open = new Map<string, Set<Response>>();
  /** How often streams send heartbeats and check their session (tests shorten these). */
  readonly timing = { heartbeatMs: HEARTBEAT_MS, sessionCheckMs: SESSION_CHECK_MS };

  constructor(
    private readonly inbox: NotificationInboxService,
    private readonly sessions: SessionService,
  ) {}

  /** Serve one stream until either side ends it. */
  async serve(session: AuthSession, req: Request, res: Response): Promise<void> {
    if (!acceptsEventStream(req))
      throw new HttpException(
        { message: 'This is a stream of Server-Sent Events: ask for it with Accept: text/event-stream.' },
        HttpStatus.NOT_ACCEPTABLE,
      );
    const who = { organisationId: session.organisation.id, userId: session.user.id };
    const key = `${who.organisationId}:${who.userId}`;
    const mine = this.open.get(key) ?? new Set<Response>();
    if (mine.size >= MAX_STREAMS_PER_PERSON)
      throw new TooManyAttemptsError('Too many Carecast tabs are open: close some and reload this one.', 30);
    mine.add(res);
    this.open.set(key, mine);

    let begun = false;
    const begin = () => {
      if (begun) return;
      begun = true;
      res.status(200);
      res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
      // no-transform: no proxy or compression middleware may buffer or rewrite the stream.
      res.setHeader('Cache-Control', 'no-store, no-transform');
      res.setHeader('Connection', 'keep-alive');
      res.setHeader('X-Accel-Buffering', 'no');
      res.flushHeaders();
      write(`retry: ${RETRY_MS}\n\n`);
    };
    const write = (chunk: string) => {
      if (res.writableEnded || res.destroyed) return;
      if (res.writableLength > MAX_BUFFERED_BYTES) {
        res.destroy();
        return;
      }
      res.write(chunk);
    };
    const send = (event: NotificationStreamEvent) => {
      begin();
      write(`event: ${NOTIFICATION_STREAM_EVENT}\ndata: ${JSON.stringify(event)}\n\n`);
    };

    let unsubscribe: (() => void) | null = null;
    let ended = false;
    const timers: NodeJS.Timeout[] = [];
    const cleanUp = () => {
      if (ended) return;
      ended = true;
      timers.forEach(clearInterval);
      unsubscribe?.();
      mine.delete(res);
      if (!mine.size && this.open.get(key) === mine) this.open.delete(key);
    };
    res.on('close', cleanUp);

    try {
      unsubscribe = await this.inbox.openStream(who, send);
    } catch (err) {
      cleanUp();
      this.logger.warn({ msg: 'notification stream not opened', err });
      throw new DependencyUnavailableError(
        'Live notifications are unavailable right now. They will reconnect.',
      );
    }
    if (ended) {
      // The browser left while the subscription was being made.
      unsubscribe();
      return;
    }
    begin();
    timers.push(
      setInterval(() => write(': keep-alive\n\n'), this.timing.heartbeatMs),
      setInterval(() => void this.checkSession(session, req, res), this.timing.sessionCheckMs),
    );
  }

  /** End the stream when its session has ended, changed organisation or no longer is fully signed in. */
  private async checkSession(session: AuthSession, req: Request, res: Response): Promise<void> {
    const cookie = (req.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE];
    const still = await this.sessions.authenticate(cookie, { background: true }).catch(() => null);
    if (!still || still.stage !== 'active' || still.organisation.id !== session.organisation.id) res.end();
  }

  /** How many streams this process serves. */
  get count(): number {
    return [...this.open.values()].reduce((n, s) => n + s.size, 0);
  }

  beforeApplicationShutdown(): void {
    for (const set of this.open.values()) for (const res of set) res.end();
  }
}
