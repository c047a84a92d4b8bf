import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { Client } from 'pg';
import request from 'supertest';
import { TransactionRunner } from '@carecast/server/database';
import { NotifyService, type NotifyInput } from '@carecast/server/notify';
import { eventually } from '@carecast/server/testing';
import { QueueName, type NotificationStreamEvent } from '@carecast/shared/contracts';
import {
  FACTORY_PASSWORD,
  IdentityFactory,
  type FactoryOrganisation,
  type FactoryUser,
} from '../identity/identity-factory.spec-helper';
import { signedInCookies, startTestApi, type TestApi } from '../test-api.spec-helper';
import { openEventStream, type EventStreamClient } from './event-stream-client.spec-helper';
import { MAX_STREAMS_PER_PERSON, NotificationStreams } from './notification-streams';

interface Practice {
  organisation: FactoryOrganisation;
  admin: FactoryUser;
  author: FactoryUser;
  reviewer: FactoryUser;
  manager: FactoryUser;
  viewer: FactoryUser;
  /** Marketer and reviewer at once: the actor in most tests. */
  authorReviewer: FactoryUser;
  deactivatedReviewer: FactoryUser;
  invitedReviewer: FactoryUser;
}

interface SignedIn {
  cookie: string;
  csrf: string;
}

describe('notifications on real PostgreSQL and Redis: who gets them, preferences, the live stream, reading them', () => {
  let api: TestApi;
  let server: Server;
  let base: string;
  let sql: Client;
  let factory: IdentityFactory;
  let notify: NotifyService;
  let mailQueue: Queue;
  const streams: EventStreamClient[] = [];

  beforeAll(async () => {
    api = await startTestApi('notifications');
    server = api.app.getHttpServer() as Server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    sql = new Client({ connectionString: api.db.url });
    await sql.connect();
    factory = new IdentityFactory(sql);
    notify = api.app.get(NotifyService);
    mailQueue = api.app.get<Queue>(getQueueToken(QueueName.Mail), { strict: false });
  });

  afterEach(() => {
    streams.splice(0).forEach((s) => s.close());
  });

  afterAll(async () => {
    await sql?.end();
    await api?.close();
  });

  async function practice(): Promise<Practice> {
    const organisation = await factory.organisation();
    const member = (
      roles: Parameters<IdentityFactory['user']>[0][0]['roles'],
      status?: 'deactivated' | 'invited',
    ) => factory.user([{ organisation, roles, status }]);
    return {
      organisation,
      admin: await member(['admin']),
      author: await member(['marketer']),
      reviewer: await member(['reviewer']),
      manager: await member(['manager']),
      viewer: await member(['viewer']),
      authorReviewer: await member(['marketer', 'reviewer']),
      deactivatedReviewer: await member(['reviewer'], 'deactivated'),
      invitedReviewer: await member(['reviewer'], 'invited'),
    };
  }

  const reviewRequested = (p: Practice, over: Partial<NotifyInput> = {}): NotifyInput => ({
    organisationId: p.organisation.id,
    recipientPermission: 'review.decide',
    excludeUserIds: [p.authorReviewer.id],
    actorUserId: p.authorReviewer.id,
    kind: 'review_requested',
    title: 'Flu clinic post is waiting for review',
    body: 'Flu shots on Saturday',
    link: '/posts/3f2b8c1e-5d4a-4b6f-9c1d-2e7a8b9c0d1e',
    postId: '3f2b8c1e-5d4a-4b6f-9c1d-2e7a8b9c0d1e',
    ...over,
  });

  async function rowsOf(organisationId: string) {
    const { rows } = await sql.query(
      `SELECT id, recipient_id, kind, in_app, email_status, actor_id, read_at FROM notification
       WHERE organisation_id = $1 ORDER BY seq`,
      [organisationId],
    );
    return rows as Array<{
      id: string;
      recipient_id: string;
      kind: string;
      in_app: boolean;
      email_status: string;
      actor_id: string | null;
      read_at: Date | null;
    }>;
  }

  const signIn = (user: FactoryUser): Promise<SignedIn> =>
    signedInCookies(server, user.email, FACTORY_PASSWORD);

  async function stream(who: SignedIn, url = `${base}/api/notifications/stream`): Promise<EventStreamClient> {
    const s = await openEventStream(url, who.cookie);
    streams.push(s);
    return s;
  }

  const get = (who: SignedIn, path: string) => request(server).get(path).set('Cookie', who.cookie);
  const post = (who: SignedIn, path: string) =>
    request(server).post(path).set('Cookie', who.cookie).set('X-CSRF-Token', who.csrf);
  const put = (who: SignedIn, path: string, body: object) =>
    request(server).put(path).set('Cookie', who.cookie).set('X-CSRF-Token', who.csrf).send(body);

  const mailJobOf = (notificationId: string) => mailQueue.getJob(`notification-mail-${notificationId}`);

  describe('who is notified', () => {
    it('reaches every active member holding the permission, never the actor, nor members without it, nor another organisation', async () => {
      const p = await practice();
      const other = await practice();
      const result = await notify.notify(null, reviewRequested(p));

      const expected = [p.admin.id, p.reviewer.id, p.manager.id].sort();
      expect([...result.recipientUserIds].sort()).toEqual(expected);
      const rows = await rowsOf(p.organisation.id);
      expect(rows.map((r) => r.recipient_id).sort()).toEqual(expected);
      expect(rows.every((r) => r.kind === 'review_requested' && r.actor_id === p.authorReviewer.id)).toBe(
        true,
      );
      for (const left of [p.authorReviewer, p.author, p.viewer, p.deactivatedReviewer, p.invitedReviewer])
        expect(rows.map((r) => r.recipient_id)).not.toContain(left.id);
      expect(await rowsOf(other.organisation.id)).toEqual([]);
    });

    it('reaches listed people only when they are active members of the organisation', async () => {
      const p = await practice();
      const other = await practice();
      const result = await notify.notify(null, {
        ...reviewRequested(p),
        recipientPermission: undefined,
        kind: 'changes_requested',
        recipientUserIds: [p.author.id, other.author.id, p.deactivatedReviewer.id],
      });
      expect(result.recipientUserIds).toEqual([p.author.id]);
      expect((await rowsOf(p.organisation.id)).map((r) => r.recipient_id)).toEqual([p.author.id]);
      expect(await rowsOf(other.organisation.id)).toEqual([]);
    });

    it('refuses a link that leaves the dashboard, writing nothing', async () => {
      const p = await practice();
      for (const link of [
        'https://elsewhere.example/x',
        '//elsewhere.example/x',
        '/\\elsewhere.example',
        'posts/1',
      ])
        await expect(notify.notify(null, reviewRequested(p, { link }))).rejects.toThrow(
          /path inside the dashboard/,
        );
      expect(await rowsOf(p.organisation.id)).toEqual([]);
    });

    it("writes in the caller's transaction: nothing is seen, streamed or queued before it commits, nor ever when it rolls back", async () => {
      const p = await practice();
      const reviewer = await stream(await signIn(p.reviewer));
      await reviewer.next((e) => e.notification === null);
      const db = api.app.get(TransactionRunner);

      await expect(
        db.run(async (tx) => {
          await notify.notify(tx, reviewRequested(p, { title: 'Rolled back' }));
          throw new Error('the caller failed');
        }),
      ).rejects.toThrow('the caller failed');

      let release!: () => void;
      const committed = db.run(async (tx) => {
        const result = await notify.notify(tx, reviewRequested(p, { title: 'Committed' }));
        await new Promise<void>((r) => (release = r));
        return result;
      });
      await eventually(async () => release !== undefined, 'the transaction to be open');
      await new Promise((r) => setTimeout(r, 300));
      expect(await rowsOf(p.organisation.id)).toEqual([]);
      expect(reviewer.events.filter((e) => e.notification)).toEqual([]);
      release();
      await committed;

      const event = await reviewer.next((e) => e.notification !== null);
      expect(event).toMatchObject({ unread: 1, notification: { title: 'Committed' } });
      const rows = await rowsOf(p.organisation.id);
      expect(rows).toHaveLength(3);
      await new Promise((r) => setTimeout(r, 200));
      expect(reviewer.events.filter((e) => e.notification).map((e) => e.notification?.title)).toEqual([
        'Committed',
      ]);
      const reviewerRow = rows.find((r) => r.recipient_id === p.reviewer.id);
      await eventually(async () => mailJobOf(reviewerRow?.id ?? ''), 'the committed notification email job');
    });
  });

  describe('preferences', () => {
    it('starts from the defaults and keeps the kinds not changed', async () => {
      const p = await practice();
      const me = await signIn(p.reviewer);
      const before = await get(me, '/api/notifications/preferences').expect(200);
      expect(before.body.preferences).toHaveLength(7);
      expect(before.body.preferences[0]).toEqual({
        kind: 'review_requested',
        label: 'A post is waiting for my review',
        inApp: true,
        email: true,
      });
      const after = await put(me, '/api/notifications/preferences', {
        preferences: [{ kind: 'review_requested', inApp: true, email: false }],
      }).expect(200);
      expect(
        after.body.preferences.find((x: { kind: string }) => x.kind === 'review_requested'),
      ).toMatchObject({
        inApp: true,
        email: false,
      });
      expect(after.body.preferences.slice(1)).toEqual(before.body.preferences.slice(1));
      expect((await get(me, '/api/notifications/preferences')).body).toEqual(after.body);
      // Another person of the same organisation keeps the defaults.
      const other = await signIn(p.manager);
      expect((await get(other, '/api/notifications/preferences')).body).toEqual(before.body);
    });

    it('refuses a kind given twice (422) and an unknown kind or a missing choice (400), naming the field', async () => {
      const p = await practice();
      const me = await signIn(p.reviewer);
      const twice = await put(me, '/api/notifications/preferences', {
        preferences: [
          { kind: 'approved', inApp: true, email: true },
          { kind: 'approved', inApp: false, email: false },
        ],
      }).expect(422);
      expect(twice.body.details).toEqual([
        expect.objectContaining({ field: 'preferences', rule: 'uniqueKinds' }),
      ]);
      const unknown = await put(me, '/api/notifications/preferences', {
        preferences: [{ kind: 'party', inApp: true, email: 'yes' }],
      }).expect(400);
      expect(unknown.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
        'preferences.0.email',
        'preferences.0.kind',
      ]);
      const stored = await sql.query(`SELECT * FROM notification_preference WHERE user_id = $1`, [
        p.reviewer.id,
      ]);
      expect(stored.rows).toEqual([]);
    });

    it('sends what each person chose: no email job when email is off, email only when the dashboard is off, nothing when both are', async () => {
      const p = await practice();
      const choose = async (user: FactoryUser, inApp: boolean, email: boolean) =>
        put(await signIn(user), '/api/notifications/preferences', {
          preferences: [{ kind: 'review_requested', inApp, email }],
        }).expect(200);
      await choose(p.reviewer, true, false);
      await choose(p.manager, false, true);
      await choose(p.admin, false, false);
      const secondReviewer = await factory.user([{ organisation: p.organisation, roles: ['reviewer'] }]);

      const result = await notify.notify(null, reviewRequested(p));
      expect([...result.recipientUserIds].sort()).toEqual(
        [p.reviewer.id, p.manager.id, secondReviewer.id].sort(),
      );
      const rows = await rowsOf(p.organisation.id);
      const of = (u: { id: string }) => rows.find((r) => r.recipient_id === u.id);
      expect(of(p.admin)).toBeUndefined();
      expect(of(p.reviewer)).toMatchObject({ in_app: true, email_status: 'not_wanted' });
      expect(of(p.manager)).toMatchObject({ in_app: false, email_status: 'pending' });
      expect(of(secondReviewer)).toMatchObject({ in_app: true, email_status: 'pending' });

      const managerJob = await eventually(
        async () => mailJobOf(of(p.manager)?.id ?? ''),
        'the manager email job',
      );
      expect(managerJob.data).toMatchObject({ notificationId: of(p.manager)?.id });
      await eventually(async () => mailJobOf(of(secondReviewer)?.id ?? ''), 'the second reviewer email job');
      expect(await mailJobOf(of(p.reviewer)?.id ?? '')).toBeUndefined();

      // Email only: nothing in the manager's dashboard.
      const manager = await signIn(p.manager);
      expect((await get(manager, '/api/notifications')).body).toEqual({
        items: [],
        nextCursor: null,
        unread: 0,
      });
    });
  });

  describe('the live stream', () => {
    it("delivers a person's notification to their stream only, then the new count when they read it", async () => {
      const p = await practice();
      const reviewer = await signIn(p.reviewer);
      const manager = await signIn(p.manager);
      const mine = await stream(reviewer);
      const theirs = await stream(manager);
      expect(mine.status).toBe(200);
      expect(mine.headers.get('content-type')).toMatch(/^text\/event-stream/);
      expect(mine.headers.get('cache-control')).toContain('no-transform');
      expect(mine.headers.get('content-encoding')).toBeNull();
      await mine.next((e) => e.unread === 0 && e.notification === null);
      await theirs.next((e) => e.unread === 0 && e.notification === null);

      await notify.notify(
        null,
        reviewRequested(p, { recipientPermission: undefined, recipientUserIds: [p.reviewer.id] }),
      );
      const event = await mine.next((e) => e.notification !== null);
      expect(event).toEqual({
        unread: 1,
        notification: {
          id: expect.any(String),
          kind: 'review_requested',
          title: 'Flu clinic post is waiting for review',
          body: 'Flu shots on Saturday',
          link: '/posts/3f2b8c1e-5d4a-4b6f-9c1d-2e7a8b9c0d1e',
          postId: '3f2b8c1e-5d4a-4b6f-9c1d-2e7a8b9c0d1e',
          actor: { id: p.authorReviewer.id, name: p.authorReviewer.displayName },
          createdAt: expect.any(String),
          readAt: null,
        } satisfies NotificationStreamEvent['notification'],
      });
      await new Promise((r) => setTimeout(r, 300));
      expect(theirs.events).toEqual([{ unread: 0, notification: null }]);

      const from = mine.events.length;
      await post(reviewer, `/api/notifications/${event.notification?.id}/read`).expect(200, { unread: 0 });
      await mine.next((e) => e.unread === 0 && e.notification === null, from);
      expect(theirs.events).toEqual([{ unread: 0, notification: null }]);
    });

    it('reaches a stream held by another api process (Redis pub/sub)', async () => {
      const second = await startTestApi('notifications-second', { db: api.db, redisPrefix: api.redisPrefix });
      try {
        const secondServer = second.app.getHttpServer() as Server;
        await new Promise<void>((resolve) => secondServer.listen(0, '127.0.0.1', resolve));
        const p = await practice();
        const me = await signIn(p.reviewer);
        const s = await stream(
          me,
          `http://127.0.0.1:${(secondServer.address() as AddressInfo).port}/api/notifications/stream`,
        );
        await s.next((e) => e.notification === null);
        await notify.notify(null, reviewRequested(p));
        expect(await s.next((e) => e.notification !== null)).toMatchObject({ unread: 1 });
      } finally {
        streams.splice(0).forEach((s) => s.close());
        await second.close();
      }
    });

    it('is not refused by the per-address request limit (EventSource gives up on a 429), but caps the streams of one person', async () => {
      const limited = await startTestApi('notifications-limited', { db: api.db, rateLimitPerMinute: 4 });
      try {
        const limitedServer = limited.app.getHttpServer() as Server;
        await new Promise<void>((resolve) => limitedServer.listen(0, '127.0.0.1', resolve));
        const url = `http://127.0.0.1:${(limitedServer.address() as AddressInfo).port}/api/notifications`;
        const p = await practice();
        const me = await signIn(p.reviewer);
        const opened: EventStreamClient[] = [];
        for (let i = 0; i < MAX_STREAMS_PER_PERSON; i++) opened.push(await stream(me, `${url}/stream`));
        expect(opened.map((s) => s.status)).toEqual(Array(MAX_STREAMS_PER_PERSON).fill(200));
        const tooMany = await stream(me, `${url}/stream`);
        expect(tooMany.status).toBe(429);
        opened[0].close();
        await eventually(
          async () => (await stream(me, `${url}/stream`)).status === 200,
          'a stream once one closed',
        );
        // Other routes still count against the limit.
        const counts = [];
        for (let i = 0; i < 5; i++)
          counts.push((await fetch(`${url}/unread-count`, { headers: { cookie: me.cookie } })).status);
        expect(counts).toEqual([200, 200, 200, 200, 429]);
      } finally {
        streams.splice(0).forEach((s) => s.close());
        await limited.close();
      }
    });

    it('ends its streams when the api shuts down, so the shutdown does not wait for them', async () => {
      const third = await startTestApi('notifications-third', { db: api.db, redisPrefix: api.redisPrefix });
      const thirdServer = third.app.getHttpServer() as Server;
      await new Promise<void>((resolve) => thirdServer.listen(0, '127.0.0.1', resolve));
      const p = await practice();
      const s = await stream(
        await signIn(p.reviewer),
        `http://127.0.0.1:${(thirdServer.address() as AddressInfo).port}/api/notifications/stream`,
      );
      await s.next((e) => e.notification === null);
      const started = Date.now();
      await third.close();
      expect(Date.now() - started).toBeLessThan(3_000);
      await eventually(async () => s.ended, 'the stream to end');
    });

    it('answers 406 to a request not asking for an event stream, and 401 without a session', async () => {
      const p = await practice();
      const me = await signIn(p.reviewer);
      const plain = await openEventStream(`${base}/api/notifications/stream`, me.cookie, {});
      expect(plain.status).toBe(406);
      const signedOut = await openEventStream(`${base}/api/notifications/stream`, '');
      expect(signedOut.status).toBe(401);
    });

    it('sends heartbeats, does not count as activity, and ends when its session ends', async () => {
      const timing = api.app.get(NotificationStreams).timing;
      const saved = { ...timing };
      Object.assign(timing, { heartbeatMs: 100, sessionCheckMs: 150 });
      try {
        const p = await practice();
        const me = await signIn(p.reviewer);
        const earlier = new Date(Date.now() - 5 * 60_000);
        await sql.query(`UPDATE user_session SET last_seen_at = $2 WHERE user_id = $1`, [
          p.reviewer.id,
          earlier,
        ]);
        const s = await stream(me);
        await eventually(async () => s.comments >= 2, 'two heartbeats');
        const { rows } = await sql.query(`SELECT last_seen_at FROM user_session WHERE user_id = $1`, [
          p.reviewer.id,
        ]);
        expect(rows[0].last_seen_at).toEqual(earlier);
        expect(s.ended).toBe(false);

        await post(me, '/api/auth/sign-out').expect(204);
        await eventually(async () => s.ended, 'the stream to end after signing out', 3_000);
      } finally {
        Object.assign(timing, saved);
      }
    });
  });

  describe('reading my notifications', () => {
    async function threeFor(p: Practice) {
      for (const title of ['First', 'Second', 'Third'])
        await notify.notify(
          null,
          reviewRequested(p, {
            title,
            recipientPermission: undefined,
            recipientUserIds: [p.reviewer.id, p.manager.id],
          }),
        );
    }

    it('lists mine newest first, a page at a time, and only the unread ones when asked', async () => {
      const p = await practice();
      await threeFor(p);
      const me = await signIn(p.reviewer);
      const first = await get(me, '/api/notifications?limit=2').expect(200);
      expect(first.body.items.map((n: { title: string }) => n.title)).toEqual(['Third', 'Second']);
      expect(first.body.unread).toBe(3);
      const second = await get(me, `/api/notifications?limit=2&before=${first.body.nextCursor}`).expect(200);
      expect(second.body.items.map((n: { title: string }) => n.title)).toEqual(['First']);
      expect(second.body.nextCursor).toBeNull();

      await post(me, `/api/notifications/${first.body.items[0].id}/read`).expect(200, { unread: 2 });
      const unread = await get(me, '/api/notifications?unread=true').expect(200);
      expect(unread.body.items.map((n: { title: string }) => n.title)).toEqual(['Second', 'First']);
      expect((await get(me, '/api/notifications/unread-count').expect(200)).body).toEqual({ unread: 2 });
      await post(me, '/api/notifications/read-all').expect(200, { unread: 0 });
      expect((await get(me, '/api/notifications?unread=true')).body.items).toEqual([]);
      // The manager's copies are theirs: still unread.
      expect((await get(await signIn(p.manager), '/api/notifications/unread-count')).body).toEqual({
        unread: 3,
      });
    });

    it("answers 404 for someone else's notification, of this organisation or another, and changes nothing", async () => {
      const p = await practice();
      const other = await practice();
      await threeFor(p);
      await threeFor(other);
      const managersOwn = (await rowsOf(p.organisation.id)).find((r) => r.recipient_id === p.manager.id);
      const elsewhere = (await rowsOf(other.organisation.id))[0];
      const me = await signIn(p.reviewer);
      for (const id of [managersOwn?.id, elsewhere.id, '3f2b8c1e-5d4a-4b6f-9c1d-2e7a8b9c0d1e']) {
        const res = await post(me, `/api/notifications/${id}/read`).expect(404);
        expect(res.body.error).toBe('not_found');
      }
      await post(me, '/api/notifications/read-all').expect(200);
      const unreadOfOthers = [
        ...(await rowsOf(p.organisation.id)),
        ...(await rowsOf(other.organisation.id)),
      ].filter((r) => r.recipient_id !== p.reviewer.id && r.read_at === null);
      expect(unreadOfOthers).toHaveLength(9);
      const listed = (await get(me, '/api/notifications')).body.items.map((n: { id: string }) => n.id);
      expect(listed).not.toContain(managersOwn?.id);
      expect(listed).not.toContain(elsewhere.id);
    });

    it('shows a person with several organisations only the notifications of the organisation they are in', async () => {
      const p = await practice();
      const other = await practice();
      const both = await factory.user([
        { organisation: p.organisation, roles: ['reviewer'] },
        { organisation: other.organisation, roles: ['reviewer'] },
      ]);
      await notify.notify(null, reviewRequested(other, { title: 'Elsewhere' }));
      const me = await signIn(both);
      const me_ = (await get(me, '/api/auth/me')).body;
      expect(me_.organisation.id).toBe(p.organisation.id);
      expect((await get(me, '/api/notifications')).body).toEqual({ items: [], nextCursor: null, unread: 0 });
    });
  });
});
