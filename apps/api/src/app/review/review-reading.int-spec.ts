import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { Mailer } from '@carecast/server/identity';
import { JobProducer } from '@carecast/server/queue';
import { OutsideReviewService } from '@carecast/server/review';
import {
  JobName,
  type OutsideReviewMailJobData,
  type PostReviewState,
  type ReviewQueueItem,
  type Role,
} from '@carecast/shared/contracts';
import { IdentityFactory } from '../identity/identity-factory.spec-helper';
import { Outbox } from '../identity/outbox.spec-helper';
import { Browser } from '../identity/session-client.spec-helper';
import { startTestApi, type TestApi } from '../test-api.spec-helper';
import {
  CLEAN_TEXT,
  QueuedJobs,
  draft,
  reviewPractice,
  submitted,
  type ReviewPractice,
} from './review-practice.spec-helper';

const FLAGGED_TEXT =
  'Maria Lopez, call us back at 555-201-3344 or write to maria.lopez@mail.example about your results.';

const ROLES: Record<'admin' | 'author' | 'reviewer' | 'viewer', Role[]> = {
  admin: ['admin'],
  author: ['marketer'],
  reviewer: ['reviewer'],
  viewer: ['viewer'],
};
type Practice = ReviewPractice<keyof typeof ROLES>;

describe('what reviewers read on real PostgreSQL: the queue in bulk, whom a comment may mention, the outside approver’s times', () => {
  let testApi: TestApi;
  let sql: Client;
  let factory: IdentityFactory;
  const outbox = new Outbox();
  const queued = new QueuedJobs();

  beforeAll(async () => {
    testApi = await startTestApi('review-reading', {
      signInRateLimitPerMinute: 10_000,
      rateLimitPerMinute: 100_000,
      override: (builder) =>
        builder.overrideProvider(Mailer).useValue(outbox).overrideProvider(JobProducer).useValue(queued),
    });
    sql = new Client({ connectionString: testApi.db.url });
    await sql.connect();
    factory = new IdentityFactory(sql);
  });

  afterAll(async () => {
    await sql?.end();
    await testApi?.close();
  });

  const practice = (approvals = 2): Promise<Practice> =>
    reviewPractice({ testApi, sql, factory }, ROLES, { approvals, fastPath: false });

  async function queue(browser: Browser): Promise<ReviewQueueItem[]> {
    const res = await browser.get('/api/review-queue');
    expect(res.status).toBe(200);
    return res.body;
  }

  describe('the review queue', () => {
    it('gives each post its blocking findings not overridden, as the post’s review state counts them', async () => {
      const p = await practice();
      const clean = await submitted(p);
      // A post that reached review with findings still open (written before the checks knew them).
      const flagged = await draft(p, { text: FLAGGED_TEXT });
      const blocking = flagged.findings.filter((f) => f.severity === 'block');
      expect(blocking.length).toBeGreaterThan(1);
      const [first] = blocking;
      expect(
        (
          await p.as.reviewer.send('post', `/api/posts/${flagged.id}/overrides`, {
            rule: first.rule,
            field: first.field,
            excerpt: first.excerpt,
            reason: 'The patient asked us to post this.',
          })
        ).status,
      ).toBe(201);
      await sql.query(`UPDATE post SET state = 'in_review', submitted_at = now() WHERE id = $1`, [
        flagged.id,
      ]);

      const items = await queue(p.as.reviewer);
      expect(items.map((i) => [i.id, i.blockingFindings])).toEqual([
        [clean.id, 0],
        [flagged.id, blocking.length - 1],
      ]);
      for (const item of items) {
        const state: PostReviewState = (await p.as.reviewer.get(`/api/posts/${item.id}/review`)).body;
        expect(item.blockingFindings).toBe(state.blockingFindings.length);
      }
    });

    it('names what changed since the reader’s last decision, as the post’s review state does', async () => {
      const p = await practice();
      const post = await submitted(p);
      const untouched = await submitted(p);
      expect(
        (
          await p.as.reviewer.send('post', `/api/posts/${post.id}/request-changes`, {
            comment: 'Say which days, please.',
          })
        ).status,
      ).toBe(200);
      await p.as.reviewer.send('post', `/api/posts/${untouched.id}/approve`, {});
      const current = (await p.as.author.get(`/api/posts/${post.id}`)).body;
      expect(
        (
          await p.as.author.send('patch', `/api/posts/${post.id}`, {
            revision: current.revision,
            text: `${CLEAN_TEXT} Monday to Friday.`,
          })
        ).status,
      ).toBe(200);
      expect((await p.as.author.send('post', `/api/posts/${post.id}/submit`)).status).toBe(200);

      const items = await queue(p.as.reviewer);
      expect(items.find((i) => i.id === post.id)).toMatchObject({
        changedSinceMyLastDecision: true,
        changedParts: ['Text'],
      });
      expect(items.find((i) => i.id === untouched.id)).toMatchObject({
        changedSinceMyLastDecision: false,
        changedParts: [],
        approvedByMe: true,
      });
      const state: PostReviewState = (await p.as.reviewer.get(`/api/posts/${post.id}/review`)).body;
      expect([...new Set(state.changesSinceMyLastDecision.map((c) => c.label))]).toEqual(['Text']);
      // Someone who never decided on it sees nothing changed.
      expect((await queue(p.as.viewer)).find((i) => i.id === post.id)).toMatchObject({
        changedSinceMyLastDecision: false,
        changedParts: [],
      });
    });

    it('asks the database as many times for six posts as for one (no read per post)', async () => {
      const p = await practice();
      const dataSource = testApi.app.get(DataSource);
      const countQueries = async () => {
        const spy = jest.spyOn(dataSource, 'query');
        try {
          const items = await queue(p.as.reviewer);
          return { posts: items.length, queries: spy.mock.calls.length };
        } finally {
          spy.mockRestore();
        }
      };
      const decided = async (postId: string) => {
        await p.as.reviewer.send('post', `/api/posts/${postId}/request-changes`, { comment: 'Shorter.' });
        const current = (await p.as.author.get(`/api/posts/${postId}`)).body;
        await p.as.author.send('patch', `/api/posts/${postId}`, {
          revision: current.revision,
          text: 'Flu shots: walk in any weekday.',
        });
        expect((await p.as.author.send('post', `/api/posts/${postId}/submit`)).status).toBe(200);
      };
      await decided((await submitted(p)).id);
      const one = await countQueries();
      for (let i = 0; i < 5; i++) await decided((await submitted(p, { text: `${CLEAN_TEXT} (${i})` })).id);
      const six = await countQueries();
      expect(one.posts).toBe(1);
      expect(six.posts).toBe(6);
      expect(one.queries).toBeGreaterThan(0);
      expect(six.queries).toBe(one.queries);
    });
  });

  describe('people a comment may mention', () => {
    it('lists the active members of the practice who can read posts, by name and roles, never their addresses', async () => {
      const p = await practice();
      const other = await practice();
      const post = await submitted(p);
      await factory.user([{ organisation: p.organisation, roles: ['manager'] }], {
        displayName: 'Dana Left',
      });
      const left = await factory.user(
        [{ organisation: p.organisation, roles: ['reviewer'], status: 'deactivated' }],
        { displayName: 'Gone Person' },
      );
      const invited = await factory.user(
        [{ organisation: p.organisation, roles: ['reviewer'], status: 'invited' }],
        { displayName: 'Not Yet' },
      );

      for (const who of ['author', 'viewer', 'reviewer'] as const) {
        const res = await p.as[who].get(`/api/posts/${post.id}/mentionable`);
        expect([who, res.status]).toEqual([who, 200]);
        expect(res.body).toEqual([
          { id: expect.any(String), name: 'Dana Left', roles: ['manager'] },
          { id: p.people.admin.id, name: 'The admin', roles: ['admin'] },
          { id: p.people.author.id, name: 'The author', roles: ['marketer'] },
          { id: p.people.reviewer.id, name: 'The reviewer', roles: ['reviewer'] },
          { id: p.people.viewer.id, name: 'The viewer', roles: ['viewer'] },
        ]);
        const ids = res.body.map((m: { id: string }) => m.id);
        expect(ids).not.toContain(left.id);
        expect(ids).not.toContain(invited.id);
        expect(ids).not.toContain(other.people.reviewer.id);
        expect(JSON.stringify(res.body)).not.toContain('@');
      }
      // Everyone listed may be mentioned.
      const listed = (await p.as.author.get(`/api/posts/${post.id}/mentionable`)).body;
      expect(
        (
          await p.as.author.send('post', `/api/posts/${post.id}/comments`, {
            text: 'Over to you all.',
            mentionedUserIds: listed.map((m: { id: string }) => m.id),
          })
        ).status,
      ).toBe(201);
    });

    it('answers 404 for a post of another practice, and 404 for no such post', async () => {
      const p = await practice();
      const other = await practice();
      const post = await submitted(p);
      expect((await other.as.reviewer.get(`/api/posts/${post.id}/mentionable`)).status).toBe(404);
      expect(
        (await p.as.reviewer.get('/api/posts/00000000-0000-4000-8000-000000000000/mentionable')).status,
      ).toBe(404);
    });
  });

  describe('the outside approver’s page', () => {
    it('gives the practice’s name and time zone, so times are shown in the practice’s zone', async () => {
      const p = await practice();
      await sql.query(`UPDATE organisation SET time_zone = 'America/Chicago' WHERE id = $1`, [
        p.organisation.id,
      ]);
      const post = await submitted(p);
      const email = 'ana.ruiz@physicians.example';
      const res = await p.as.reviewer.send('post', `/api/posts/${post.id}/outside-reviews`, {
        name: 'Dr. Ana Ruiz',
        email,
      });
      expect(res.status).toBe(201);
      const job = queued.jobs.filter((j) => j.name === JobName.OutsideReviewMail).pop()
        ?.data as OutsideReviewMailJobData;
      await testApi.app.get(OutsideReviewService).sendLink(job);
      const mail = [...outbox.sent].reverse().find((m) => m.to === email);
      const token = mail?.text.match(/\/outside-review\/([A-Za-z0-9_-]+)/)?.[1];
      expect(token).toBeTruthy();

      const page = await new Browser(testApi.app).get(`/api/outside-reviews/${token}`);
      expect(page.status).toBe(200);
      expect(page.body).toMatchObject({
        organisationName: p.organisation.name,
        organisationTimeZone: 'America/Chicago',
      });
    });
  });
});
