import { Client } from 'pg';
import { MediaService } from '@carecast/server/content';
import { Clock } from '@carecast/server/core';
import { Mailer } from '@carecast/server/identity';
import { JobProducer } from '@carecast/server/queue';
import { OutsideReviewService, PostExpiryService } from '@carecast/server/review';
import { ManualClock } from '@carecast/server/testing';
import {
  JobName,
  type NotificationPage,
  type OutsideReviewMailJobData,
  type PostDetail,
  type Role,
} from '@carecast/shared/contracts';
import { IdentityFactory, type FactoryUser } from '../identity/identity-factory.spec-helper';
import { Outbox } from '../identity/outbox.spec-helper';
import { Browser } from '../identity/session-client.spec-helper';
import { startTestApi, type TestApi } from '../test-api.spec-helper';
import {
  CLEAN_TEXT,
  QueuedJobs,
  draft,
  reviewPractice,
  signedIn as signedInAs,
  submitted,
  type ReviewPractice,
} from './review-practice.spec-helper';

const PHONE_TEXT = 'Maria Lopez, call us back at 555-201-3344 about your results.';
const MINUTE = 60_000;

const ROLES: Record<'admin' | 'author' | 'reviewer' | 'reviewer2' | 'manager' | 'viewer', Role[]> = {
  admin: ['admin'],
  author: ['marketer'],
  reviewer: ['reviewer'],
  reviewer2: ['reviewer'],
  manager: ['manager'],
  viewer: ['viewer'],
};
type Practice = ReviewPractice<keyof typeof ROLES>;

describe('review workflow on real PostgreSQL: decisions tied to the content hash, the fast path, outside approvers', () => {
  let testApi: TestApi;
  let sql: Client;
  let factory: IdentityFactory;
  const clock = new ManualClock(new Date());
  const outbox = new Outbox();
  const queued = new QueuedJobs();

  beforeAll(async () => {
    testApi = await startTestApi('review', {
      signInRateLimitPerMinute: 10_000,
      rateLimitPerMinute: 100_000,
      override: (builder) =>
        builder
          .overrideProvider(Clock)
          .useValue(clock)
          .overrideProvider(Mailer)
          .useValue(outbox)
          .overrideProvider(JobProducer)
          .useValue(queued),
    });
    sql = new Client({ connectionString: testApi.db.url });
    await sql.connect();
    factory = new IdentityFactory(sql);
  });

  afterAll(async () => {
    await sql?.end();
    await testApi?.close();
  });

  /** A practice of its own: an administrator, the author (marketer), two reviewers, a manager, a viewer. */
  const practice = (settings: { approvals?: number; fastPath?: boolean } = {}): Promise<Practice> =>
    reviewPractice({ testApi, sql, factory }, ROLES, {
      approvals: settings.approvals ?? 1,
      fastPath: settings.fastPath ?? false,
    });

  const signedIn = (user: FactoryUser): Promise<Browser> => signedInAs(testApi, user);

  async function edit(p: Practice, postId: string, text: string) {
    const current = await p.as.author.get(`/api/posts/${postId}`);
    const res = await p.as.author.send('patch', `/api/posts/${postId}`, {
      revision: current.body.revision,
      text,
    });
    expect(res.status).toBe(200);
    return res.body as PostDetail;
  }

  const stateOf = async (p: Practice, postId: string) =>
    (await p.as.admin.get(`/api/posts/${postId}`)).body.state;

  async function notifications(browser: Browser): Promise<NotificationPage['items']> {
    const res = await browser.get('/api/notifications');
    expect(res.status).toBe(200);
    return (res.body as NotificationPage).items;
  }

  async function auditOf(
    postId: string,
  ): Promise<Array<{ action: string; actor_user_id: string | null; actor_label: string }>> {
    const { rows } = await sql.query(
      `SELECT action, actor_user_id, actor_label FROM audit_entry WHERE entity_id = $1 ORDER BY seq`,
      [postId],
    );
    return rows;
  }

  describe('approving', () => {
    it('refuses the author’s own approval with 403 and a clear message, whatever their roles', async () => {
      const p = await practice();
      const author = await factory.user([{ organisation: p.organisation, roles: ['marketer', 'reviewer'] }]);
      const browser = await signedIn(author);
      const created = await browser.send('post', '/api/posts', { kind: 'post', text: CLEAN_TEXT });
      expect((await browser.send('post', `/api/posts/${created.body.id}/submit`)).status).toBe(200);
      const res = await browser.send('post', `/api/posts/${created.body.id}/approve`, {});
      expect(res.status).toBe(403);
      expect(res.body.message).toBe('You wrote this post, so someone else must approve it.');
      expect(await stateOf(p, created.body.id)).toBe('in_review');
      const state = await browser.get(`/api/posts/${created.body.id}/review`);
      expect(state.body.allowedActions).not.toContain('approve');
      expect(state.body.refusedActions).toContainEqual({
        action: 'approve',
        reason: 'You wrote this post, so someone else must approve it.',
      });
    });

    it('counts whoever changed what would be published as one of its authors: no approval, override, fast path or outside link to their address', async () => {
      const p = await practice({ fastPath: true });
      const post = await submitted(p, { tags: ['flu'] });
      // An administrator may both edit and approve: once they change the text, it is their text too.
      const current = (await p.as.admin.get(`/api/posts/${post.id}`)).body;
      const edited = await p.as.admin.send('patch', `/api/posts/${post.id}`, {
        revision: current.revision,
        text: 'Maria Lopez, call us back at 555-201-3344 about your flu shot.',
      });
      expect(edited.status).toBe(200);
      const blocking = (edited.body as PostDetail).findings.filter((f) => f.severity === 'block');
      expect(blocking.length).toBeGreaterThan(0);
      const override = await p.as.admin.send('post', `/api/posts/${post.id}/overrides`, {
        rule: blocking[0].rule,
        field: blocking[0].field,
        excerpt: blocking[0].excerpt,
        reason: 'I wrote it, I let it pass.',
      });
      expect(override.status).toBe(403);
      await edit(p, post.id, `${CLEAN_TEXT} Masks are welcome.`);
      expect((await p.as.author.send('post', `/api/posts/${post.id}/submit`)).status).toBe(200);

      const own = await p.as.admin.send('post', `/api/posts/${post.id}/approve`, {});
      expect(own.status).toBe(403);
      expect(own.body.message).toBe('You wrote this post, so someone else must approve it.');
      const state = (await p.as.admin.get(`/api/posts/${post.id}/review`)).body;
      expect(state.allowedActions).not.toContain('approve');
      const link = await p.as.reviewer.send('post', `/api/posts/${post.id}/outside-reviews`, {
        name: 'The admin',
        email: p.people.admin.email,
      });
      expect(link.status).toBe(422);
      expect(await stateOf(p, post.id)).toBe('in_review');

      // Campaign tags are never published: changing only them makes nobody an author.
      const admin2 = await signedIn(await factory.user([{ organisation: p.organisation, roles: ['admin'] }]));
      const tagged = (await admin2.get(`/api/posts/${post.id}`)).body;
      const tagsOnly = await admin2.send('patch', `/api/posts/${post.id}`, {
        revision: tagged.revision,
        tags: ['flu', 'autumn'],
      });
      expect(tagsOnly.body).toMatchObject({ state: 'in_review', contentHash: tagged.contentHash });
      expect((await admin2.send('post', `/api/posts/${post.id}/approve`, {})).body.state).toBe('approved');

      // The fast path: a manager who changed the alert cannot give one of its two approvals.
      const editor = await factory.user([{ organisation: p.organisation, roles: ['marketer', 'manager'] }]);
      const editorBrowser = await signedIn(editor);
      const alert = await draft(p, {
        kind: 'health_alert',
        urgency: 'emergency',
        text: 'The clinic is closed today because of snow.',
      });
      const alertNow = (await editorBrowser.get(`/api/posts/${alert.id}`)).body;
      expect(
        (
          await editorBrowser.send('patch', `/api/posts/${alert.id}`, {
            revision: alertNow.revision,
            text: 'The clinic is closed today and tomorrow because of snow.',
          })
        ).status,
      ).toBe(200);
      const fast = await editorBrowser.send('post', `/api/posts/${alert.id}/fast-track`, {});
      expect(fast.status).toBe(403);
      expect(await stateOf(p, alert.id)).toBe('draft');
    });

    it('refuses a viewer and a marketer (403) and lets a reviewer approve', async () => {
      const p = await practice();
      const post = await submitted(p);
      for (const who of ['viewer', 'author'] as const) {
        const res = await p.as[who].send('post', `/api/posts/${post.id}/approve`, {});
        expect([who, res.status, res.body.error]).toEqual([who, 403, 'forbidden']);
      }
      const approved = await p.as.reviewer.send('post', `/api/posts/${post.id}/approve`, {
        comment: 'Clear.',
      });
      expect(approved.status).toBe(200);
      expect(approved.body).toMatchObject({
        from: 'in_review',
        state: 'approved',
        approvals: 1,
        requiredApprovals: 1,
      });
      expect((await notifications(p.as.author)).map((n) => n.kind)).toContain('approved');
      const records = (await p.as.viewer.get(`/api/posts/${post.id}/approvals`)).body;
      expect(records).toEqual([
        expect.objectContaining({
          revision: 1,
          contentHash: post.contentHash,
          channels: [{ id: p.channelId, kind: 'x_account', name: '@practice' }],
          author: { id: p.people.author.id, name: 'The author' },
          approver: {
            kind: 'member',
            id: p.people.reviewer.id,
            name: 'The reviewer',
            email: p.people.reviewer.email,
          },
          decision: 'approved',
          path: 'standard',
          approverRoles: ['reviewer'],
          comment: 'Clear.',
          findings: post.findings,
          overrides: [],
          current: true,
        }),
      ]);
    });

    it('keeps every decision as it was made: the api cannot change or remove one (rules A1, A2)', async () => {
      const p = await practice();
      const post = await submitted(p);
      expect((await p.as.reviewer.send('post', `/api/posts/${post.id}/approve`, {})).status).toBe(200);
      const app = new Client({ connectionString: testApi.db.appUrl });
      await app.connect();
      try {
        for (const statement of [
          `UPDATE approval SET decision = 'changes_requested', comment = 'x' WHERE post_id = $1`,
          `DELETE FROM approval WHERE post_id = $1`,
        ])
          await expect(app.query(statement, [post.id])).rejects.toThrow(/permission denied/);
        await expect(app.query(`TRUNCATE approval`)).rejects.toThrow(/permission denied/);
      } finally {
        await app.end();
      }
      expect((await p.as.reviewer.get(`/api/posts/${post.id}/approvals`)).body).toEqual([
        expect.objectContaining({
          decision: 'approved',
          approver: expect.objectContaining({ kind: 'member' }),
        }),
      ]);
    });

    it('with two approvals required, needs two different people: the same reviewer twice is refused (409)', async () => {
      const p = await practice({ approvals: 2 });
      const post = await submitted(p);
      const first = await p.as.reviewer.send('post', `/api/posts/${post.id}/approve`, {});
      expect(first.body).toMatchObject({ state: 'in_review', approvals: 1, requiredApprovals: 2 });
      const again = await p.as.reviewer.send('post', `/api/posts/${post.id}/approve`, {});
      expect(again.status).toBe(409);
      expect(await stateOf(p, post.id)).toBe('in_review');
      const second = await p.as.reviewer2.send('post', `/api/posts/${post.id}/approve`, {});
      expect(second.body).toMatchObject({ state: 'approved', approvals: 2 });
    });

    it('an edit voids the approvals: the post returns to draft, the old approval no longer counts, resubmitting needs new ones', async () => {
      const p = await practice({ approvals: 2 });
      const post = await submitted(p);
      expect((await p.as.reviewer.send('post', `/api/posts/${post.id}/approve`, {})).body.approvals).toBe(1);
      const edited = await edit(p, post.id, `${CLEAN_TEXT} Bring your insurance card.`);
      expect(edited.state).toBe('draft');
      expect(edited.contentHash).not.toBe(post.contentHash);
      expect((await p.as.author.send('post', `/api/posts/${post.id}/submit`)).body).toMatchObject({
        state: 'in_review',
        approvals: 0,
      });
      // The second reviewer alone does not make two: the first approval was of other content.
      expect((await p.as.reviewer2.send('post', `/api/posts/${post.id}/approve`, {})).body).toMatchObject({
        state: 'in_review',
        approvals: 1,
      });
      const records = (await p.as.reviewer.get(`/api/posts/${post.id}/approvals`)).body;
      expect(records.map((r: { current: boolean; revision: number }) => [r.revision, r.current])).toEqual([
        [1, false],
        [2, true],
      ]);
      // The first reviewer sees what changed since they decided, and approves the new content.
      const state = (await p.as.reviewer.get(`/api/posts/${post.id}/review`)).body;
      expect(state.myLastDecision).toMatchObject({ revision: 1, decision: 'approved' });
      expect(state.changesSinceMyLastDecision).toEqual([
        {
          field: 'text',
          label: 'Text',
          before: CLEAN_TEXT,
          after: `${CLEAN_TEXT} Bring your insurance card.`,
        },
      ]);
      expect(state.allowedActions).toContain('approve');
      expect((await p.as.reviewer.send('post', `/api/posts/${post.id}/approve`, {})).body).toMatchObject({
        state: 'approved',
        approvals: 2,
      });
    });

    it('an edit voids approvals even when a later edit brings the same words back, and the links of outside approvers with them', async () => {
      const p = await practice({ approvals: 2 });
      const post = await submitted(p);
      expect((await p.as.reviewer.send('post', `/api/posts/${post.id}/approve`, {})).body.approvals).toBe(1);
      const link = await p.as.reviewer.send('post', `/api/posts/${post.id}/outside-reviews`, {
        name: 'Dr. Ana Ruiz',
        email: 'ana.revert@physicians.example',
      });
      expect(link.status).toBe(201);
      await edit(p, post.id, `${CLEAN_TEXT} Bring your insurance card.`);
      const back = await edit(p, post.id, CLEAN_TEXT);
      expect(back.contentHash).toBe(post.contentHash);
      expect((await p.as.author.send('post', `/api/posts/${post.id}/submit`)).body).toMatchObject({
        state: 'in_review',
        approvals: 0,
      });
      const state = (await p.as.reviewer.get(`/api/posts/${post.id}/review`)).body;
      expect(state.approvals).toEqual([]);
      expect(state.allowedActions).toContain('approve');
      expect((await p.as.reviewer.get(`/api/posts/${post.id}/outside-reviews`)).body).toEqual([
        expect.objectContaining({ status: 'outdated' }),
      ]);
      expect((await p.as.reviewer2.send('post', `/api/posts/${post.id}/approve`, {})).body).toMatchObject({
        state: 'in_review',
        approvals: 1,
      });
      expect((await p.as.reviewer.get('/api/review-queue')).body).toEqual([
        expect.objectContaining({ id: post.id, approvalCount: 1, approvedByMe: false }),
      ]);
      // The first reviewer approves the words again: now there are two.
      expect((await p.as.reviewer.send('post', `/api/posts/${post.id}/approve`, {})).body).toMatchObject({
        state: 'approved',
        approvals: 2,
      });
    });

    it('the queue counts approvals as the workflow does: a change of campaign tags alone (never published) keeps them', async () => {
      const p = await practice({ approvals: 2 });
      const post = await submitted(p, { tags: ['flu'] });
      expect((await p.as.reviewer.send('post', `/api/posts/${post.id}/approve`, {})).body.approvals).toBe(1);
      const current = (await p.as.author.get(`/api/posts/${post.id}`)).body;
      const tagged = await p.as.author.send('patch', `/api/posts/${post.id}`, {
        revision: current.revision,
        tags: ['flu', 'autumn'],
      });
      expect(tagged.body).toMatchObject({ state: 'in_review', contentHash: post.contentHash, revision: 2 });
      expect((await p.as.reviewer.get(`/api/posts/${post.id}/review`)).body.approvals).toHaveLength(1);
      expect((await p.as.reviewer.get('/api/review-queue')).body).toEqual([
        expect.objectContaining({
          id: post.id,
          approvalCount: 1,
          approvedByMe: true,
          changedSinceMyLastDecision: false,
        }),
      ]);
    });

    it('an edit after approval returns the post to draft; it is not approved again without a new approval', async () => {
      const p = await practice();
      const post = await submitted(p);
      await p.as.reviewer.send('post', `/api/posts/${post.id}/approve`, {});
      expect(await stateOf(p, post.id)).toBe('approved');
      expect((await edit(p, post.id, 'Flu shots are here. Walk in on weekdays.')).state).toBe('draft');
      await p.as.author.send('post', `/api/posts/${post.id}/submit`);
      expect(await stateOf(p, post.id)).toBe('in_review');
      const state = (await p.as.author.get(`/api/posts/${post.id}/review`)).body;
      expect(state).toMatchObject({ approvals: [], requiredApprovals: 1, state: 'in_review' });
    });

    it('expires a post whose scheduled time passed before the approval came, and tells the author', async () => {
      const p = await practice();
      const scheduledAt = new Date(clock.now().getTime() + 5 * MINUTE).toISOString();
      const post = await submitted(p, { scheduledAt });
      clock.advance(6 * MINUTE);
      const res = await p.as.reviewer.send('post', `/api/posts/${post.id}/approve`, {});
      expect(res.body).toMatchObject({ from: 'in_review', state: 'expired' });
      expect(await stateOf(p, post.id)).toBe('expired');
      const told = (await notifications(p.as.author)).filter((n) => n.kind === 'expired');
      expect(told).toEqual([expect.objectContaining({ postId: post.id, title: 'Your post expired' })]);
      expect((await auditOf(post.id)).map((a) => a.action)).toEqual(
        expect.arrayContaining(['post.submitted', 'post.expired', 'post.approved']),
      );
      // The approval is on record, and publishing never saw the post.
      expect((await p.as.reviewer.get(`/api/posts/${post.id}/approvals`)).body).toHaveLength(1);
    });

    it('schedules a post whose time is still to come', async () => {
      const p = await practice();
      const post = await submitted(p, {
        scheduledAt: new Date(clock.now().getTime() + 60 * MINUTE).toISOString(),
      });
      expect((await p.as.reviewer.send('post', `/api/posts/${post.id}/approve`, {})).body.state).toBe(
        'scheduled',
      );
    });

    it('the expiry sweep expires a post left in review past its time, once, and tells the author', async () => {
      const p = await practice();
      const post = await submitted(p, {
        scheduledAt: new Date(clock.now().getTime() + 5 * MINUTE).toISOString(),
      });
      const later = await submitted(p, {
        scheduledAt: new Date(clock.now().getTime() + 60 * MINUTE).toISOString(),
      });
      clock.advance(6 * MINUTE);
      const sweeper = testApi.app.get(PostExpiryService);
      expect(await sweeper.sweep('test-sweep')).toBeGreaterThanOrEqual(1);
      expect(await stateOf(p, post.id)).toBe('expired');
      expect(await stateOf(p, later.id)).toBe('in_review');
      expect(await sweeper.sweep('test-sweep')).toBe(0);
      const expired = await auditOf(post.id);
      expect(expired.filter((a) => a.action === 'post.expired')).toEqual([
        { action: 'post.expired', actor_user_id: null, actor_label: 'system' },
      ]);
      expect(
        (await notifications(p.as.author)).filter((n) => n.kind === 'expired' && n.postId === post.id),
      ).toHaveLength(1);
    });
  });

  describe('blocking findings and overrides', () => {
    it('refuses to submit while a blocking finding is open (422 listing it); a reviewer’s override (with a reason) lets it pass', async () => {
      const p = await practice();
      const post = await draft(p, { text: PHONE_TEXT });
      const blocking = post.findings.filter((f) => f.severity === 'block');
      expect(blocking.length).toBeGreaterThan(0);
      const refused = await p.as.author.send('post', `/api/posts/${post.id}/submit`);
      expect(refused.status).toBe(422);
      expect(refused.body.details).toEqual(
        blocking.map((f) => ({ field: f.field, rule: f.rule, message: f.message })),
      );
      expect(await stateOf(p, post.id)).toBe('draft');

      // The author may not override; a reason is required; an unknown finding is refused.
      const [first, ...rest] = blocking;
      const body = {
        rule: first.rule,
        field: first.field,
        excerpt: first.excerpt,
        reason: 'Checked with the patient.',
      };
      expect((await p.as.author.send('post', `/api/posts/${post.id}/overrides`, body)).status).toBe(403);
      expect(
        (await p.as.reviewer.send('post', `/api/posts/${post.id}/overrides`, { ...body, reason: ' ' }))
          .status,
      ).toBe(422);
      expect(
        (
          await p.as.reviewer.send('post', `/api/posts/${post.id}/overrides`, {
            ...body,
            excerpt: 'not in the post',
          })
        ).status,
      ).toBe(422);
      for (const f of [first, ...rest]) {
        const made = await p.as.reviewer.send('post', `/api/posts/${post.id}/overrides`, {
          rule: f.rule,
          field: f.field,
          excerpt: f.excerpt,
          reason: 'The patient asked us to post this.',
        });
        expect(made.status).toBe(201);
        expect(made.body).toMatchObject({ rule: f.rule, inForce: true, reviewer: { name: 'The reviewer' } });
      }
      expect((await p.as.reviewer.send('post', `/api/posts/${post.id}/overrides`, body)).status).toBe(409);
      expect((await p.as.author.send('post', `/api/posts/${post.id}/submit`)).status).toBe(200);
      expect((await auditOf(post.id)).filter((a) => a.action === 'post.finding_overridden')).toHaveLength(
        blocking.length,
      );

      // The approval record keeps the findings and the overrides in force at that moment.
      await p.as.reviewer2.send('post', `/api/posts/${post.id}/approve`, {});
      const [record] = (await p.as.reviewer.get(`/api/posts/${post.id}/approvals`)).body;
      expect(record.findings).toEqual(post.findings);
      expect(record.overrides).toHaveLength(blocking.length);
    });

    it('an override does not survive an edit that changes the words it was for', async () => {
      const p = await practice();
      const post = await draft(p, { text: PHONE_TEXT });
      for (const f of post.findings.filter((x) => x.severity === 'block'))
        await p.as.reviewer.send('post', `/api/posts/${post.id}/overrides`, {
          rule: f.rule,
          field: f.field,
          excerpt: f.excerpt,
          reason: 'Allowed.',
        });
      await edit(p, post.id, PHONE_TEXT.replace('555-201-3344', '555-201-9999'));
      const refused = await p.as.author.send('post', `/api/posts/${post.id}/submit`);
      expect(refused.status).toBe(422);
      expect(refused.body.details.map((d: { rule: string }) => d.rule)).toContain('phi.phone');
      const overrides = (await p.as.author.get(`/api/posts/${post.id}/overrides`)).body;
      expect(overrides.find((o: { rule: string }) => o.rule === 'phi.phone')).toMatchObject({
        inForce: false,
      });
    });
  });

  describe('the emergency fast path', () => {
    const emergency = {
      kind: 'health_alert',
      urgency: 'emergency',
      text: 'The clinic is closed today because of snow.',
    };

    it('a manager and a reviewer, neither the author, approve an emergency alert at once; all recorded', async () => {
      const p = await practice({ approvals: 2, fastPath: true });
      const alert = await draft(p, emergency);
      const first = await p.as.manager.send('post', `/api/posts/${alert.id}/fast-track`, {});
      expect(first.body).toMatchObject({ from: 'draft', state: 'in_review' });
      expect((await p.as.manager.send('post', `/api/posts/${alert.id}/fast-track`, {})).status).toBe(409);
      const state = (await p.as.reviewer.get(`/api/posts/${alert.id}/review`)).body;
      expect(state.fastTrack).toMatchObject({
        available: true,
        firstApproval: { approver: { name: 'The manager' }, roles: ['manager'] },
      });
      expect(state.allowedActions).toContain('fast_track');
      const second = await p.as.reviewer.send('post', `/api/posts/${alert.id}/fast-track`, {});
      expect(second.body).toMatchObject({ from: 'in_review', state: 'approved' });
      const audit = await auditOf(alert.id);
      expect(audit.filter((a) => a.action === 'post.fast_tracked').map((a) => a.actor_user_id)).toEqual([
        p.people.manager.id,
        p.people.reviewer.id,
      ]);
      const records = (await p.as.viewer.get(`/api/posts/${alert.id}/approvals`)).body;
      expect(
        records.map((r: { path: string; approverRoles: string[] }) => [r.path, r.approverRoles]),
      ).toEqual([
        ['fast_track', ['manager']],
        ['fast_track', ['reviewer']],
      ]);
      expect((await notifications(p.as.author)).map((n) => n.kind)).toContain('approved');
    });

    it('is refused when the practice does not allow it (403)', async () => {
      const p = await practice({ fastPath: false });
      const alert = await draft(p, emergency);
      const res = await p.as.manager.send('post', `/api/posts/${alert.id}/fast-track`, {});
      expect(res.status).toBe(403);
      expect(res.body.message).toMatch(/does not use the emergency fast path/);
      expect(await stateOf(p, alert.id)).toBe('draft');
    });

    it('is refused for anything but an emergency alert (422), to the author (403), to two reviewers (403)', async () => {
      const p = await practice({ fastPath: true });
      const urgent = await draft(p, { ...emergency, urgency: 'urgent' });
      const notEmergency = await p.as.manager.send('post', `/api/posts/${urgent.id}/fast-track`, {});
      expect(notEmergency.status).toBe(422);
      expect(notEmergency.body.details).toEqual([expect.objectContaining({ field: 'urgency' })]);

      const author = await factory.user([{ organisation: p.organisation, roles: ['marketer', 'manager'] }]);
      const authorBrowser = await signedIn(author);
      const own = await authorBrowser.send('post', '/api/posts', emergency);
      const mine = await authorBrowser.send('post', `/api/posts/${own.body.id}/fast-track`, {});
      expect(mine.status).toBe(403);
      expect(mine.body.message).toBe(
        'You wrote this alert, so two other people must approve it on the fast path.',
      );

      const alert = await draft(p, emergency);
      expect((await p.as.reviewer.send('post', `/api/posts/${alert.id}/fast-track`, {})).status).toBe(200);
      const sameRole = await p.as.reviewer2.send('post', `/api/posts/${alert.id}/fast-track`, {});
      expect(sameRole.status).toBe(403);
      expect(sameRole.body.message).toMatch(/practice manager/);
      expect(await stateOf(p, alert.id)).toBe('in_review');
      // An edit meanwhile voids the first approval: the manager's is then a first one again.
      await edit(p, alert.id, 'The clinic is closed today and tomorrow because of snow.');
      expect((await p.as.manager.send('post', `/api/posts/${alert.id}/fast-track`, {})).body).toMatchObject({
        state: 'in_review',
      });
    });
  });

  describe('comments with mentions', () => {
    it('tells the mentioned (mentioned) and the author (commented); refuses a mention outside the practice (422)', async () => {
      const p = await practice();
      const post = await submitted(p);
      const res = await p.as.reviewer.send('post', `/api/posts/${post.id}/comments`, {
        text: '@The manager can you confirm the hours?',
        mentionedUserIds: [p.people.manager.id],
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        author: { id: p.people.reviewer.id, name: 'The reviewer' },
        mentions: [{ id: p.people.manager.id, name: 'The manager' }],
        revision: 1,
      });
      expect((await notifications(p.as.manager)).filter((n) => n.kind === 'mentioned')).toEqual([
        expect.objectContaining({ postId: post.id, title: 'The reviewer mentioned you in a comment' }),
      ]);
      expect((await notifications(p.as.author)).filter((n) => n.kind === 'commented')).toHaveLength(1);
      expect(
        (await notifications(p.as.reviewer)).filter((n) => n.kind === 'commented' || n.kind === 'mentioned'),
      ).toEqual([]);

      // The reviewer took part: the author's reply tells them, and the viewer may comment too.
      await p.as.author.send('post', `/api/posts/${post.id}/comments`, { text: 'Yes, 8 am to 6 pm.' });
      expect((await notifications(p.as.reviewer)).filter((n) => n.kind === 'commented')).toHaveLength(1);
      expect(
        (await p.as.viewer.send('post', `/api/posts/${post.id}/comments`, { text: 'Thanks.' })).status,
      ).toBe(201);

      const outsider = await practice();
      const refused = await p.as.reviewer.send('post', `/api/posts/${post.id}/comments`, {
        text: 'Hello',
        mentionedUserIds: [outsider.people.reviewer.id],
      });
      expect(refused.status).toBe(422);
      expect(refused.body.details).toEqual([expect.objectContaining({ field: 'mentionedUserIds.0' })]);
      expect((await notifications(outsider.as.reviewer)).filter((n) => n.kind === 'mentioned')).toEqual([]);

      const comments = (await p.as.viewer.get(`/api/posts/${post.id}/comments`)).body;
      expect(comments.map((c: { text: string }) => c.text)).toEqual([
        '@The manager can you confirm the hours?',
        'Yes, 8 am to 6 pm.',
        'Thanks.',
      ]);
      const history = (await p.as.viewer.get(`/api/posts/${post.id}/history`)).body;
      expect(history.map((h: { kind: string; summary: string }) => h.summary)).toEqual(
        expect.arrayContaining([
          'Wrote the first version',
          'Post submitted for review',
          'Commented, mentioning The manager',
        ]),
      );
    });
  });

  describe('organisations', () => {
    it('a reviewer of another organisation gets 404 for everything of the post, and changes nothing', async () => {
      const p = await practice();
      const other = await practice();
      const post = await submitted(p);
      for (const path of [
        'review',
        'approvals',
        'history',
        'comments',
        'overrides',
        'outside-reviews',
        'changes',
      ])
        expect([path, (await other.as.reviewer.get(`/api/posts/${post.id}/${path}`)).status]).toEqual([
          path,
          404,
        ]);
      for (const [path, body] of [
        ['approve', {}],
        ['request-changes', { comment: 'No.' }],
        ['fast-track', {}],
        ['comments', { text: 'Hi' }],
        ['outside-reviews', { name: 'Dr. Who', email: 'who@physicians.example' }],
      ] as const)
        expect([
          path,
          (await other.as.reviewer.send('post', `/api/posts/${post.id}/${path}`, body)).status,
        ]).toEqual([path, 404]);
      expect((await other.as.author.send('post', `/api/posts/${post.id}/submit`)).status).toBe(404);
      expect((await other.as.author.send('post', `/api/posts/${post.id}/cancel`, {})).status).toBe(404);
      expect(await stateOf(p, post.id)).toBe('in_review');
      expect((await p.as.reviewer.get(`/api/posts/${post.id}/approvals`)).body).toEqual([]);
      expect((await other.as.reviewer.get('/api/review-queue')).body).toEqual([]);
      expect((await p.as.reviewer.get('/api/review-queue')).body).toEqual([
        expect.objectContaining({ id: post.id, approvalCount: 0, requiredApprovals: 1, mine: false }),
      ]);
    });
  });

  describe('outside approvers', () => {
    /** Ask an outside approver, run the worker's half of the mail job, and read the token from the email. */
    async function outsideLink(p: Practice, postId: string, email = `dr-${Date.now()}@physicians.example`) {
      const res = await p.as.reviewer.send('post', `/api/posts/${postId}/outside-reviews`, {
        name: 'Dr. Ana Ruiz',
        email,
        message: 'Could you check the dosage wording?',
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ status: 'pending', name: 'Dr. Ana Ruiz', usedAt: null });
      const job = queued.jobs.filter((j) => j.name === JobName.OutsideReviewMail).pop()
        ?.data as OutsideReviewMailJobData;
      // Nothing in the job opens the link by itself: no token, no address.
      expect(JSON.stringify(job)).not.toContain(email);
      await testApi.app.get(OutsideReviewService).sendLink(job);
      const mail = [...outbox.sent].reverse().find((m) => m.to === email);
      const token = mail?.text.match(/\/outside-review\/([A-Za-z0-9_-]+)/)?.[1];
      expect(token).toHaveLength(43);
      expect(JSON.stringify(job)).not.toContain(token as string);
      const { rows } = await sql.query(
        `SELECT count(*)::int AS n FROM outside_review_link WHERE token_hash = $1`,
        [token],
      );
      expect(rows[0].n).toBe(0);
      return { token: token as string, linkId: res.body.id as string, mail };
    }

    const anonymous = () => new Browser(testApi.app);

    it('a single-use link shows the post and records one approval, audited with the outside approver as actor; used twice it is refused (410)', async () => {
      const p = await practice({ approvals: 2 });
      const post = await submitted(p);
      await p.as.reviewer.send('post', `/api/posts/${post.id}/approve`, {});
      const { token, mail } = await outsideLink(p, post.id, 'ana.ruiz@physicians.example');
      expect(mail?.subject).toContain(p.organisation.name);

      const page = await anonymous().get(`/api/outside-reviews/${token}`);
      expect(page.status).toBe(200);
      expect(page.body).toMatchObject({
        organisationName: p.organisation.name,
        approverName: 'Dr. Ana Ruiz',
        requestedBy: 'The reviewer',
        message: 'Could you check the dosage wording?',
        post: { text: CLEAN_TEXT, revision: 1, findings: post.findings },
      });

      const decided = await anonymous().send(
        'post',
        `/api/outside-reviews/${token}/decision`,
        { decision: 'approved' },
        false,
      );
      expect(decided.status).toBe(200);
      expect(decided.body.message).toMatch(/approval was recorded/);
      expect(await stateOf(p, post.id)).toBe('approved');
      const audit = await auditOf(post.id);
      expect(
        audit.filter((a) => a.action.startsWith('outside_review.') || a.action === 'post.approved'),
      ).toEqual([
        {
          action: 'post.approved',
          actor_user_id: p.people.reviewer.id,
          actor_label: p.people.reviewer.email,
        },
        {
          action: 'outside_review.requested',
          actor_user_id: p.people.reviewer.id,
          actor_label: p.people.reviewer.email,
        },
        {
          action: 'outside_review.decided',
          actor_user_id: null,
          actor_label: 'Dr. Ana Ruiz <ana.ruiz@physicians.example> (outside approver)',
        },
        {
          action: 'post.approved',
          actor_user_id: null,
          actor_label: 'Dr. Ana Ruiz <ana.ruiz@physicians.example> (outside approver)',
        },
      ]);
      const records = (await p.as.reviewer.get(`/api/posts/${post.id}/approvals`)).body;
      expect(records[1]).toMatchObject({
        approver: { kind: 'outside', name: 'Dr. Ana Ruiz', email: 'ana.ruiz@physicians.example' },
        path: 'outside',
        decision: 'approved',
      });

      const twice = await anonymous().send(
        'post',
        `/api/outside-reviews/${token}/decision`,
        { decision: 'approved' },
        false,
      );
      expect(twice.status).toBe(410);
      expect(twice.body.message).toBe('This link was already used: the decision was recorded.');
      expect((await anonymous().get(`/api/outside-reviews/${token}`)).status).toBe(410);
      expect((await p.as.reviewer.get(`/api/posts/${post.id}/outside-reviews`)).body).toEqual([
        expect.objectContaining({ status: 'decided', decision: 'approved' }),
      ]);
    });

    it('shows the post’s images through the link’s token, and no image of another post', async () => {
      const p = await practice();
      const upload = async () =>
        testApi.app.get(MediaService).upload(
          {
            organisationId: p.organisation.id,
            actorUserId: p.people.author.id,
            actorLabel: p.people.author.email,
            ip: null,
            userAgent: null,
            requestId: null,
          },
          // A 1 × 1 transparent GIF.
          Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64'),
        );
      const [image, elsewhere] = [await upload(), await upload()];
      const post = await submitted(p, { images: [{ mediaId: image.id, altText: 'The clinic door' }] });
      const { token } = await outsideLink(p, post.id);
      const page = (await anonymous().get(`/api/outside-reviews/${token}`)).body;
      expect(page.post.images).toEqual([
        expect.objectContaining({
          mediaId: image.id,
          altText: 'The clinic door',
          url: `/api/outside-reviews/${token}/media/${image.id}`,
        }),
      ]);
      const shown = await anonymous().get(page.post.images[0].url);
      expect(shown.status).toBe(200);
      expect(shown.headers['content-type']).toMatch(/^image\//);
      expect((await anonymous().get(`/api/outside-reviews/${token}/media/${elsewhere.id}`)).status).toBe(404);
      expect((await anonymous().get(`/api/outside-reviews/not-a-token/media/${image.id}`)).status).toBe(404);
    });

    it('refuses a link for content changed since it was made (409), an unknown one (404), and asks for a comment to request changes (422)', async () => {
      const p = await practice();
      const post = await submitted(p);
      const { token } = await outsideLink(p, post.id);
      const noComment = await anonymous().send(
        'post',
        `/api/outside-reviews/${token}/decision`,
        { decision: 'changes_requested' },
        false,
      );
      expect(noComment.status).toBe(422);
      expect(noComment.body.details).toEqual([expect.objectContaining({ field: 'comment' })]);
      expect((await anonymous().get('/api/outside-reviews/not-a-real-token')).status).toBe(404);

      await edit(p, post.id, 'Flu shots are here. Walk in any weekday from 9 am.');
      await p.as.author.send('post', `/api/posts/${post.id}/submit`);
      const changed = await anonymous().get(`/api/outside-reviews/${token}`);
      expect(changed.status).toBe(409);
      expect(changed.body.message).toMatch(/changed after this link was sent/);
      const decided = await anonymous().send(
        'post',
        `/api/outside-reviews/${token}/decision`,
        { decision: 'approved' },
        false,
      );
      expect(decided.status).toBe(409);
      expect(await stateOf(p, post.id)).toBe('in_review');
      expect((await p.as.reviewer.get(`/api/posts/${post.id}/outside-reviews`)).body).toEqual([
        expect.objectContaining({ status: 'outdated' }),
      ]);
    });

    it('an outside approver asking for changes sends the post back to its author with the note', async () => {
      const p = await practice();
      const post = await submitted(p);
      const { token } = await outsideLink(p, post.id);
      const res = await anonymous().send(
        'post',
        `/api/outside-reviews/${token}/decision`,
        { decision: 'changes_requested', comment: 'Say 8:30 am, not 8 am.' },
        false,
      );
      expect(res.status).toBe(200);
      expect(await stateOf(p, post.id)).toBe('changes_requested');
      expect((await notifications(p.as.author)).filter((n) => n.kind === 'changes_requested')).toEqual([
        expect.objectContaining({ body: expect.stringContaining('Say 8:30 am, not 8 am.') }),
      ]);
    });

    it('refuses the author’s own address (422) and a post not in review (409), mailing nothing', async () => {
      const p = await practice();
      const post = await submitted(p);
      const jobsBefore = queued.jobs.filter((j) => j.name === JobName.OutsideReviewMail).length;
      const res = await p.as.reviewer.send('post', `/api/posts/${post.id}/outside-reviews`, {
        name: 'Me again',
        email: p.people.author.email.toUpperCase(),
      });
      expect(res.status).toBe(422);
      expect(res.body.details).toEqual([expect.objectContaining({ field: 'email' })]);
      const notInReview = await draft(p);
      const early = await p.as.reviewer.send('post', `/api/posts/${notInReview.id}/outside-reviews`, {
        name: 'Dr. Ana Ruiz',
        email: 'ana.ruiz@physicians.example',
      });
      expect(early.status).toBe(409);
      expect(queued.jobs.filter((j) => j.name === JobName.OutsideReviewMail)).toHaveLength(jobsBefore);
    });

    it('refuses a link to a member of the practice whose role does not let them approve (422): the link is not a way round the roles', async () => {
      const p = await practice({ approvals: 2 });
      const post = await submitted(p);
      const marketer = await factory.user([{ organisation: p.organisation, roles: ['marketer'] }]);
      const jobsBefore = queued.jobs.filter((j) => j.name === JobName.OutsideReviewMail).length;
      for (const email of [p.people.viewer.email, marketer.email.toUpperCase()]) {
        const res = await p.as.reviewer.send('post', `/api/posts/${post.id}/outside-reviews`, {
          name: 'A colleague',
          email,
        });
        expect([email, res.status]).toEqual([email, 422]);
        expect(res.body.details).toEqual([expect.objectContaining({ field: 'email', rule: 'mayApprove' })]);
      }
      expect(queued.jobs.filter((j) => j.name === JobName.OutsideReviewMail)).toHaveLength(jobsBefore);
      expect((await p.as.reviewer.get(`/api/posts/${post.id}/outside-reviews`)).body).toEqual([]);
    });

    it('refuses a link after 72 hours (410)', async () => {
      const p = await practice();
      const post = await submitted(p);
      const { token } = await outsideLink(p, post.id);
      clock.advance(72 * 60 * MINUTE + 1);
      const res = await anonymous().get(`/api/outside-reviews/${token}`);
      expect(res.status).toBe(410);
      expect(res.body.message).toMatch(/expired/);
      expect(
        (
          await anonymous().send(
            'post',
            `/api/outside-reviews/${token}/decision`,
            { decision: 'approved' },
            false,
          )
        ).status,
      ).toBe(410);
      // Sessions have timed out meanwhile: read as a fresh one.
      const reviewer = await signedIn(p.people.reviewer);
      expect(await (async () => (await reviewer.get(`/api/posts/${post.id}`)).body.state)()).toBe(
        'in_review',
      );
      expect((await reviewer.get(`/api/posts/${post.id}/outside-reviews`)).body).toEqual([
        expect.objectContaining({ status: 'expired' }),
      ]);
    });
  });
});
