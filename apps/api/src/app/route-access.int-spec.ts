import { randomUUID } from 'node:crypto';
import { DiscoveryService } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Client } from 'pg';
import { BlogCommentsService, BlogPostsService } from '@carecast/server/blog';
import { ChannelAdapterRegistry } from '@carecast/server/channels';
import { MediaService } from '@carecast/server/content';
import { NotifyService } from '@carecast/server/notify';
import { permissionsOf, ROLES, type Permission, type Role } from '@carecast/shared/contracts';
import {
  type ApiOperation,
  declaredRoutes,
  describeAccess,
  ENDS_SESSION,
  fill,
  ID_PARAM,
  openApiOperations,
} from './api-routes.spec-helper';
import { IdentityFactory, type FactoryUser } from './identity/identity-factory.spec-helper';
import { Browser } from './identity/session-client.spec-helper';
import { startTestApi, type TestApi } from './test-api.spec-helper';

/**
 * Who may call each route, written out by hand: a permission, `signed-in` (any signed-in
 * person, whatever the role), or `public`; session stages in brackets when not only `active`.
 * A route that is added, removed or opened up must change this table too.
 */
const EXPECTED_ACCESS: Record<string, string> = {
  'GET /api/health/live': 'public',
  'GET /api/health/ready': 'public',
  'GET /api/metrics': 'public',
  'GET /api/system/status': 'system.read',
  'POST /api/system/heartbeat': 'system.read',
  'POST /api/auth/sign-in': 'public',
  'POST /api/auth/mfa/verify': 'signed-in [mfa_pending]',
  'POST /api/auth/sign-out': 'signed-in [active,mfa_enrolment,mfa_pending]',
  'POST /api/auth/sign-out-everywhere': 'signed-in',
  'GET /api/auth/me': 'signed-in',
  'POST /api/auth/switch-organisation': 'signed-in',
  'GET /api/auth/sessions': 'signed-in',
  'DELETE /api/auth/sessions/{id}': 'signed-in',
  'POST /api/auth/mfa/setup': 'signed-in [active,mfa_enrolment]',
  'POST /api/auth/mfa/enable': 'signed-in [active,mfa_enrolment]',
  'POST /api/auth/mfa/disable': 'signed-in',
  'POST /api/auth/password-reset': 'public',
  'POST /api/auth/password-reset/complete': 'public',
  'GET /api/auth/invitations/{token}': 'public',
  'POST /api/auth/invitations/accept': 'public',
  'GET /api/users': 'users.read',
  'POST /api/users/invitations': 'users.manage',
  'PATCH /api/users/{userId}/roles': 'users.manage',
  'POST /api/users/{userId}/deactivate': 'users.manage',
  'POST /api/users/{userId}/reactivate': 'users.manage',
  'GET /api/users/{userId}/sessions': 'users.manage',
  'DELETE /api/users/{userId}/sessions': 'users.manage',
  'GET /api/organisation/security': 'organisation.manage',
  'PUT /api/organisation/security': 'organisation.manage',
  'GET /api/audit': 'audit.read',
  'GET /api/audit/export': 'audit.export',
  'POST /api/audit/verify': 'audit.read',
  'GET /api/channels': 'channels.read',
  'POST /api/channels': 'channels.manage',
  'POST /api/channels/{id}/disable': 'channels.manage',
  'POST /api/channels/{id}/enable': 'channels.manage',
  'DELETE /api/channels/{id}': 'channels.manage',
  'GET /api/channels/connect-options': 'channels.read',
  'POST /api/channels/oauth/{kind}/start': 'channels.manage',
  'GET /api/channels/oauth/{kind}/callback': 'channels.manage',
  'GET /api/channels/oauth-choices/{id}': 'channels.manage',
  'POST /api/channels/oauth-choices/{id}': 'channels.manage',
  'GET /api/webhooks/facebook': 'public',
  'POST /api/webhooks/facebook': 'public',
  'GET /api/blog-comments': 'inbox.read',
  'POST /api/blog-comments/{id}/approve': 'inbox.reply',
  'POST /api/blog-comments/{id}/reject': 'inbox.reply',
  'GET /blog/{org}': 'public',
  'GET /blog/{org}/feed.xml': 'public',
  'GET /blog/{org}/atom.xml': 'public',
  'GET /blog/{org}/media/{id}': 'public',
  'GET /blog/{org}/{post}': 'public',
  'POST /blog/{org}/{post}/comments': 'public',
  'GET /blog/{org}/{post}/comments': 'public',
  'GET /blog/{org}/*rest': 'public',
  'POST /api/posts': 'content.write',
  'GET /api/posts': 'content.read',
  'GET /api/posts/{id}': 'content.read',
  'PATCH /api/posts/{id}': 'content.write',
  'DELETE /api/posts/{id}': 'content.write',
  'GET /api/posts/{id}/versions': 'content.read',
  'GET /api/posts/{id}/versions/{revision}': 'content.read',
  'POST /api/media': 'content.write',
  'GET /api/media/{id}': 'content.read',
  'GET /api/templates': 'content.read',
  'GET /api/organisation/content-settings': 'content.read',
  'PUT /api/organisation/content-settings': 'organisation.manage',
  'GET /api/notifications': 'signed-in',
  'GET /api/notifications/unread-count': 'signed-in',
  'GET /api/notifications/stream': 'signed-in',
  'POST /api/notifications/read-all': 'signed-in',
  'POST /api/notifications/{id}/read': 'signed-in',
  'GET /api/notifications/preferences': 'signed-in',
  'PUT /api/notifications/preferences': 'signed-in',
  'POST /api/posts/{id}/submit': 'content.write',
  'POST /api/posts/{id}/approve': 'review.decide',
  'POST /api/posts/{id}/request-changes': 'review.decide',
  'POST /api/posts/{id}/cancel': 'content.write',
  'POST /api/posts/{id}/fast-track': 'review.decide',
  'GET /api/posts/{id}/review': 'review.read',
  'GET /api/posts/{id}/approvals': 'review.read',
  'GET /api/posts/{id}/history': 'review.read',
  'GET /api/posts/{id}/changes': 'review.read',
  'GET /api/posts/{id}/comments': 'review.read',
  'POST /api/posts/{id}/comments': 'review.read',
  'GET /api/posts/{id}/mentionable': 'review.read',
  'GET /api/posts/{id}/overrides': 'review.read',
  'POST /api/posts/{id}/overrides': 'review.decide',
  'POST /api/posts/{id}/outside-reviews': 'review.decide',
  'GET /api/posts/{id}/outside-reviews': 'review.read',
  'GET /api/review-queue': 'review.read',
  'GET /api/outside-reviews/{token}': 'public',
  'GET /api/outside-reviews/{token}/media/{mediaId}': 'public',
  'POST /api/outside-reviews/{token}/decision': 'public',
};

/** Demo users of Riverside, one per role. */
const DEMO_USER_OF: Record<Role, string> = {
  admin: 'admin@riverside.example',
  marketer: 'dana@riverside.example',
  reviewer: 'marcus@riverside.example',
  manager: 'priya@riverside.example',
  viewer: 'viewer@riverside.example',
};

/** Values for path parameters that are not ids. */
const OTHER_PARAMS: Record<string, string> = { kind: 'x_account', token: 'no-such-token', revision: '1' };

interface OrganisationB {
  admin: FactoryUser;
  browser: Browser;
  userId: string;
  sessionId: string;
  channelId: string;
  commentId: string;
  choiceId: string;
  postId: string;
  mediaId: string;
  notificationId: string;
  /** A draft of organisation B's, with a comment on it. */
  reviewPostId: string;
}

/**
 * Each route taking an id, with the id of organisation B's thing of that kind. A route whose id
 * is not in this table fails the test: add a fixture for it. `sameAs` is how an unknown id is
 * answered when that is not a 404 (a pending account choice is a one-time key that has expired).
 */
const CROSS_ORGANISATION: Record<
  string,
  { id: (b: OrganisationB) => string; body?: object; sameAs?: number }
> = {
  'DELETE /api/auth/sessions/{id}': { id: (b) => b.sessionId },
  'PATCH /api/users/{userId}/roles': { id: (b) => b.userId, body: { roles: ['viewer'] } },
  'POST /api/users/{userId}/deactivate': { id: (b) => b.userId },
  'POST /api/users/{userId}/reactivate': { id: (b) => b.userId },
  'GET /api/users/{userId}/sessions': { id: (b) => b.userId },
  'DELETE /api/users/{userId}/sessions': { id: (b) => b.userId },
  'POST /api/channels/{id}/disable': { id: (b) => b.channelId },
  'POST /api/channels/{id}/enable': { id: (b) => b.channelId },
  'DELETE /api/channels/{id}': { id: (b) => b.channelId },
  'GET /api/channels/oauth-choices/{id}': { id: (b) => b.choiceId, sameAs: 422 },
  'POST /api/channels/oauth-choices/{id}': { id: (b) => b.choiceId, body: { ids: ['page-b'] }, sameAs: 422 },
  'POST /api/blog-comments/{id}/approve': { id: (b) => b.commentId },
  'POST /api/blog-comments/{id}/reject': { id: (b) => b.commentId },
  'GET /api/posts/{id}': { id: (b) => b.postId },
  'PATCH /api/posts/{id}': { id: (b) => b.postId, body: { revision: 1, text: 'Taken over' } },
  'DELETE /api/posts/{id}': { id: (b) => b.postId },
  'GET /api/posts/{id}/versions': { id: (b) => b.postId },
  'GET /api/posts/{id}/versions/{revision}': { id: (b) => b.postId },
  'GET /api/media/{id}': { id: (b) => b.mediaId },
  'POST /api/notifications/{id}/read': { id: (b) => b.notificationId },
  'POST /api/posts/{id}/submit': { id: (b) => b.reviewPostId },
  'POST /api/posts/{id}/approve': { id: (b) => b.reviewPostId, body: {} },
  'POST /api/posts/{id}/request-changes': {
    id: (b) => b.reviewPostId,
    body: { comment: 'Shorter, please.' },
  },
  'POST /api/posts/{id}/cancel': { id: (b) => b.reviewPostId, body: {} },
  'POST /api/posts/{id}/fast-track': { id: (b) => b.reviewPostId, body: {} },
  'GET /api/posts/{id}/review': { id: (b) => b.reviewPostId },
  'GET /api/posts/{id}/approvals': { id: (b) => b.reviewPostId },
  'GET /api/posts/{id}/history': { id: (b) => b.reviewPostId },
  'GET /api/posts/{id}/changes': { id: (b) => b.reviewPostId },
  'GET /api/posts/{id}/comments': { id: (b) => b.reviewPostId },
  'POST /api/posts/{id}/comments': { id: (b) => b.reviewPostId, body: { text: 'Looks good.' } },
  'GET /api/posts/{id}/mentionable': { id: (b) => b.reviewPostId },
  'GET /api/posts/{id}/overrides': { id: (b) => b.reviewPostId },
  'POST /api/posts/{id}/overrides': {
    id: (b) => b.reviewPostId,
    body: { rule: 'phi.phone', field: 'text', excerpt: '555-010-0199', reason: 'Our own number.' },
  },
  'POST /api/posts/{id}/outside-reviews': {
    id: (b) => b.reviewPostId,
    body: { name: 'Dr. Ana Ruiz', email: 'ana.ruiz@physicians.example' },
  },
  'GET /api/posts/{id}/outside-reviews': { id: (b) => b.reviewPostId },
  // The token is what is checked first: an image of another organisation behind no link is not found.
  'GET /api/outside-reviews/{token}/media/{mediaId}': { id: (b) => b.reviewPostId },
};

describe('access to every route: declared, enforced per role, and scoped to the organisation', () => {
  let testApi: TestApi;
  let app: NestExpressApplication;
  let sql: Client;
  let operations: ApiOperation[];
  const browsers = {} as Record<Role, Browser>;
  let b: OrganisationB;

  beforeAll(async () => {
    testApi = await startTestApi('route-access');
    app = testApi.app;
    sql = new Client({ connectionString: testApi.db.url });
    await sql.connect();
    operations = await openApiOperations(app);
    for (const role of ROLES) {
      browsers[role] = new Browser(app);
      expect((await browsers[role].signIn(DEMO_USER_OF[role])).status).toBe(200);
    }
    b = await organisationB();
  });

  afterAll(async () => {
    await sql?.end();
    await testApi?.close();
  });

  /** Organisation B, with its own administrator, session, blog channel, blog comment and account choice. */
  async function organisationB(): Promise<OrganisationB> {
    const { organisation, admin } = await new IdentityFactory(sql).organisationWithAdmin({
      name: 'Brookside Clinic',
    });
    const browser = new Browser(app);
    expect((await browser.signIn(admin.email, admin.password)).status).toBe(200);
    const sessionId = ((await browser.get('/api/auth/sessions')).body as Array<{ id: string }>)[0].id;
    const channel = await browser.send('post', '/api/channels', { kind: 'carecast_blog', credentials: {} });
    expect(channel.status).toBe(201);
    const published = await app.get(ChannelAdapterRegistry).get('carecast_blog').publish(
      {
        organisationId: organisation.id,
        channelId: channel.body.id,
        externalAccountId: organisation.slug,
        credentials: {},
        settings: {},
      },
      { title: 'Opening hours', text: 'We are open on Saturdays.', images: [] },
    );
    const posts = app.get(BlogPostsService);
    const post = await posts.post(
      await posts.site(organisation.slug),
      (published.url ?? '').split('/').pop() ?? '',
    );
    const comment = await app
      .get(BlogCommentsService)
      .submit(post, { name: 'Visitor', email: '', comment: 'Thank you!' }, '203.0.113.7');
    const ownDraft = await browser.send('post', '/api/posts', {
      kind: 'post',
      text: 'Brookside is open on Saturdays.',
      variants: [{ channelId: channel.body.id }],
    });
    expect(ownDraft.status).toBe(201);
    const media = await app.get(MediaService).upload(
      {
        organisationId: organisation.id,
        actorUserId: admin.id,
        actorLabel: admin.email,
        ip: null,
        userAgent: null,
        requestId: null,
      },
      // A 1 × 1 transparent GIF.
      Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64'),
    );
    const choiceId = `choice-${randomUUID()}`;
    await pendingOAuthStore().saveChoice(choiceId, {
      organisationId: organisation.id,
      userId: admin.id,
      kind: 'facebook_page',
      credentials: 'not-read-here',
      choices: [
        {
          id: 'page-b',
          name: 'Brookside Page',
          unavailableReason: null,
          settings: {},
          sharedWithAnotherOrganisation: false,
        },
      ],
    });
    const notified = await app.get(NotifyService).notify(null, {
      organisationId: organisation.id,
      recipientUserIds: [admin.id],
      kind: 'review_requested',
      title: 'A post is waiting for review',
      body: '',
      link: '/review',
    });
    expect(notified.recipientUserIds).toEqual([admin.id]);
    const { rows: notifications } = await sql.query(`SELECT id FROM notification WHERE recipient_id = $1`, [
      admin.id,
    ]);
    const reviewDraft = await browser.send('post', '/api/posts', {
      kind: 'post',
      text: 'Flu shots on Saturday.',
    });
    expect(reviewDraft.status).toBe(201);
    expect(
      (await browser.send('post', `/api/posts/${reviewDraft.body.id}/comments`, { text: 'Ready soon.' }))
        .status,
    ).toBe(201);
    return {
      admin,
      browser,
      reviewPostId: reviewDraft.body.id,
      notificationId: notifications[0].id,
      userId: admin.id,
      sessionId,
      channelId: channel.body.id,
      commentId: comment.id,
      choiceId,
      postId: ownDraft.body.id,
      mediaId: media.id,
    };
  }

  /** The store of sign-ins in flight (not exported by its library: found by name). */
  function pendingOAuthStore(): { saveChoice(id: string, choice: object): Promise<void> } {
    const wrapper = app
      .get(DiscoveryService)
      .getProviders()
      .find((p) => p.name === 'PendingOAuthStore');
    if (!wrapper?.instance) throw new Error('PendingOAuthStore is not registered');
    return wrapper.instance as { saveChoice(id: string, choice: object): Promise<void> };
  }

  function pathOf(op: ApiOperation, id: string = randomUUID()): string {
    return fill(
      op.path,
      Object.fromEntries(op.pathParams.map((p) => [p, ID_PARAM.test(p) ? id : (OTHER_PARAMS[p] ?? 'x')])),
    );
  }

  async function call(browser: Browser, op: ApiOperation, path = pathOf(op), body?: object) {
    if (op.method === 'get') return browser.get(path);
    return browser.send(op.method, path, body ?? (op.bodyProperties ? {} : undefined));
  }

  it('declares its access on every route, exactly as the table says, and documents every api route', () => {
    const declared = Object.fromEntries(declaredRoutes(app).map((r) => [r.key, describeAccess(r.access)]));
    expect(Object.entries(declared).filter(([, access]) => access === 'undeclared')).toEqual([]);
    expect(declared).toEqual(EXPECTED_ACCESS);
    const documented = operations.map((op) => op.key);
    const undocumented = Object.keys(declared).filter(
      (key) => key.includes(' /api/') && !documented.includes(key) && key !== 'GET /api/metrics',
    );
    expect(undocumented).toEqual([]);
    expect(documented.filter((key) => !(key in declared))).toEqual([]);
  });

  it('refuses every role that lacks the permission with 403, and lets every role that has it through', async () => {
    const wrong: string[] = [];
    let calls = 0;
    const sessionRoutes = operations
      .filter((op) => EXPECTED_ACCESS[op.key] !== 'public')
      .sort((x, y) => Number(ENDS_SESSION.test(x.path)) - Number(ENDS_SESSION.test(y.path)));
    for (const op of sessionRoutes) {
      const access = EXPECTED_ACCESS[op.key] ?? 'undeclared';
      const [who, stages] = access.split(' ');
      for (const role of ROLES) {
        if (ENDS_SESSION.test(op.path)) await browsers[role].signIn(DEMO_USER_OF[role]);
        const res = await call(browsers[role], op);
        calls += 1;
        const granted = who === 'signed-in' || permissionsOf([role]).includes(who as Permission);
        const activeMayCall = !stages || stages.includes('active');
        if (!granted && !(res.status === 403 && res.body.error === 'forbidden'))
          wrong.push(`${op.key} as ${role}: ${res.status} ${res.body?.error ?? ''}, expected 403 forbidden`);
        if (granted && activeMayCall && (res.status === 401 || res.status === 403))
          wrong.push(
            `${op.key} as ${role}: ${res.status} ${res.body?.error ?? ''}, expected to be let through`,
          );
      }
    }
    expect(wrong).toEqual([]);
    expect(calls).toBeGreaterThanOrEqual(ROLES.length * 35);
  });

  it('answers an id of another organisation exactly like an unknown id (404), for every route taking an id', async () => {
    const admin = new Browser(app);
    await admin.signIn(DEMO_USER_OF.admin);
    const withIds = operations.filter((op) => op.pathParams.some((p) => ID_PARAM.test(p)));
    expect(withIds.map((op) => op.key).filter((key) => !(key in CROSS_ORGANISATION))).toEqual([]);
    const wrong: string[] = [];
    for (const op of withIds) {
      const route = CROSS_ORGANISATION[op.key];
      const unknown = await call(
        admin,
        op,
        pathOf(op, op.path.includes('oauth-choices') ? `choice-${randomUUID()}` : randomUUID()),
        route.body,
      );
      const other = await call(admin, op, pathOf(op, route.id(b)), route.body);
      const expected = route.sameAs ?? 404;
      if (unknown.status !== expected || other.status !== expected || other.body.error !== unknown.body.error)
        wrong.push(
          `${op.key}: another organisation's id ${other.status} ${other.body.error}, unknown id ${unknown.status} ${unknown.body.error}, expected ${expected}`,
        );
    }
    expect(wrong).toEqual([]);

    // Nothing of organisation B changed: its administrator is signed in, the channel connected,
    // the comment pending, the account choice still there.
    expect((await b.browser.get('/api/auth/me')).status).toBe(200);
    expect((await b.browser.get('/api/channels')).body).toEqual([
      expect.objectContaining({ id: b.channelId, status: 'connected' }),
    ]);
    expect((await b.browser.get('/api/blog-comments')).body.comments).toEqual([
      expect.objectContaining({ id: b.commentId, status: 'pending' }),
    ]);
    expect((await b.browser.get(`/api/channels/oauth-choices/${b.choiceId}`)).status).toBe(200);
    expect((await b.browser.get(`/api/posts/${b.postId}`)).body).toMatchObject({
      revision: 1,
      text: 'Brookside is open on Saturdays.',
    });
    expect((await b.browser.get(`/api/media/${b.mediaId}`)).status).toBe(200);
    expect((await b.browser.get('/api/notifications/unread-count')).body).toEqual({ unread: 1 });
    expect((await b.browser.get(`/api/posts/${b.reviewPostId}/review`)).body).toMatchObject({
      state: 'draft',
      approvals: [],
      overrides: [],
    });
    expect((await b.browser.get(`/api/posts/${b.reviewPostId}/comments`)).body).toEqual([
      expect.objectContaining({ text: 'Ready soon.' }),
    ]);
    expect((await b.browser.get(`/api/posts/${b.reviewPostId}/outside-reviews`)).body).toEqual([]);
    const { rows } = await sql.query(`SELECT status, roles FROM membership WHERE user_id = $1`, [b.userId]);
    expect(rows).toEqual([{ status: 'active', roles: ['admin'] }]);
  });
});
