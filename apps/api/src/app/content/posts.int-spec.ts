import { Client } from 'pg';
import { PostRepository } from '@carecast/server/content';
import { TransactionRunner } from '@carecast/server/database';
import type { PostDetail } from '@carecast/shared/contracts';
import { IdentityFactory, type FactoryUser } from '../identity/identity-factory.spec-helper';
import { Browser } from '../identity/session-client.spec-helper';
import { startTestApi, type TestApi } from '../test-api.spec-helper';

const MARKETER = 'dana@riverside.example';
const ADMIN = 'admin@riverside.example';
const VIEWER = 'viewer@riverside.example';
const REVIEWER = 'marcus@riverside.example';

describe('posts API: drafts, revisions, the return to draft, and organisation scoping', () => {
  let testApi: TestApi;
  let sql: Client;
  let marketer: Browser;
  let viewer: Browser;
  let admin: Browser;
  let riversideId: string;
  let x: string;
  let blog: string;
  let other: { admin: FactoryUser; browser: Browser; channelId: string; postId: string };

  beforeAll(async () => {
    testApi = await startTestApi('posts');
    sql = new Client({ connectionString: testApi.db.url });
    await sql.connect();
    riversideId = (await sql.query(`SELECT id FROM organisation WHERE slug = 'riverside-family-medicine'`))
      .rows[0].id;
    x = await channel(riversideId, 'x_account', '@riversidefm');
    blog = await channel(riversideId, 'carecast_blog', 'Riverside blog');
    marketer = await signedIn(MARKETER);
    viewer = await signedIn(VIEWER);
    admin = await signedIn(ADMIN);

    const { organisation, admin: otherAdmin } = await new IdentityFactory(sql).organisationWithAdmin({
      name: 'Brookside Clinic',
    });
    const browser = new Browser(testApi.app);
    expect((await browser.signIn(otherAdmin.email, otherAdmin.password)).status).toBe(200);
    const channelId = await channel(organisation.id, 'x_account', '@brookside');
    const created = await browser.send('post', '/api/posts', {
      kind: 'post',
      text: 'Brookside is open on Saturdays.',
      variants: [{ channelId }],
    });
    expect(created.status).toBe(201);
    other = { admin: otherAdmin, browser, channelId, postId: created.body.id };
  });

  afterAll(async () => {
    await sql?.end();
    await testApi?.close();
  });

  /** A channel row of the organisation (connecting through a platform is the channels tests' job). */
  async function channel(organisationId: string, kind: string, name: string): Promise<string> {
    const { rows } = await sql.query(
      `INSERT INTO channel (organisation_id, kind, display_name, external_account_id) VALUES ($1, $2, $3, $4) RETURNING id`,
      [organisationId, kind, name, `${name}-${Math.random()}`],
    );
    return rows[0].id;
  }

  async function signedIn(email: string): Promise<Browser> {
    const browser = new Browser(testApi.app);
    expect((await browser.signIn(email)).status).toBe(200);
    return browser;
  }

  async function draft(body: object = {}): Promise<PostDetail> {
    const res = await marketer.send('post', '/api/posts', {
      kind: 'post',
      text: 'Flu shots are here. Walk in any weekday from 8 am.',
      variants: [{ channelId: x }],
      ...body,
    });
    expect(res.status).toBe(201);
    return res.body;
  }

  async function auditActions(postId: string): Promise<string[]> {
    const { rows } = await sql.query(`SELECT action FROM audit_entry WHERE entity_id = $1 ORDER BY seq`, [
      postId,
    ]);
    return rows.map((r) => r.action);
  }

  it('creates a draft at revision 1 with its variants, a sanitised blog body, its version and an audit entry', async () => {
    const res = await marketer.send('post', '/api/posts', {
      kind: 'post',
      text: 'Flu shots are here.',
      link: 'https://riverside.example/flu',
      tags: ['flu-2026', ' Flu-2026 ', 'clinic  days'],
      variants: [
        { channelId: x, text: 'Flu shots are here! #FluSeason' },
        {
          channelId: blog,
          title: 'Flu shots are here',
          body: '<p onclick="steal()">Walk in <b>any</b> weekday.</p><script>alert(1)</script><img src="https://tracker.example/p.gif"><a href="javascript:alert(1)">x</a>',
        },
      ],
    });
    expect(res.status).toBe(201);
    const post = res.body as PostDetail;
    expect(post).toMatchObject({
      kind: 'post',
      state: 'draft',
      revision: 1,
      urgency: null,
      tags: ['flu-2026', 'clinic days'],
      author: { name: 'Dana Whitfield' },
      findings: expect.any(Array),
    });
    expect(post.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(post.variants.map((v) => [v.channelKind, v.channelName])).toEqual([
      ['x_account', '@riversidefm'],
      ['carecast_blog', 'Riverside blog'],
    ]);
    const body = post.variants[1].body ?? '';
    expect(body).toContain('<p>Walk in <strong>any</strong> weekday.</p>');
    expect(body).not.toMatch(/script|onclick|<img|javascript:|alert/);

    const versions = await marketer.get(`/api/posts/${post.id}/versions`);
    expect(versions.body).toEqual([
      expect.objectContaining({
        revision: 1,
        contentHash: post.contentHash,
        editor: expect.objectContaining({ name: 'Dana Whitfield' }),
      }),
    ]);
    const version = await marketer.get(`/api/posts/${post.id}/versions/1`);
    expect(version.body.snapshot).toMatchObject({
      text: 'Flu shots are here.',
      tags: ['flu-2026', 'clinic days'],
    });
    expect(await auditActions(post.id)).toEqual(['post.created']);
  });

  it('saves an edit made on the latest revision as the next one, with its own version row', async () => {
    const post = await draft();
    const res = await marketer.send('patch', `/api/posts/${post.id}`, {
      revision: 1,
      text: 'Flu shots: walk in.',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ revision: 2, text: 'Flu shots: walk in.', state: 'draft' });
    expect(res.body.contentHash).not.toBe(post.contentHash);
    // Parts not sent stay as they were (autosave sends what changed).
    expect(res.body.variants).toEqual(post.variants);
    const versions = (await marketer.get(`/api/posts/${post.id}/versions`)).body;
    expect(versions.map((v: { revision: number }) => v.revision)).toEqual([2, 1]);
    expect(await auditActions(post.id)).toEqual(['post.created', 'post.updated']);
  });

  it('refuses an edit made on an older revision with 409 naming who saved since, and saves nothing', async () => {
    const post = await draft();
    expect(
      (await marketer.send('patch', `/api/posts/${post.id}`, { revision: 1, text: 'First edit.' })).status,
    ).toBe(200);
    const stale = await admin.send('patch', `/api/posts/${post.id}`, { revision: 1, text: 'Second edit.' });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toBe('conflict');
    expect(stale.body.message).toMatch(/Dana Whitfield saved a newer version of this post \(revision 2\)/);
    const now = (await marketer.get(`/api/posts/${post.id}`)).body;
    expect(now).toMatchObject({ revision: 2, text: 'First edit.' });
    const ownOtherWindow = await marketer.send('patch', `/api/posts/${post.id}`, {
      revision: 1,
      text: 'Old tab.',
    });
    expect(ownOtherWindow.status).toBe(409);
    expect(ownOtherWindow.body.message).toMatch(
      /^You saved a newer version of this post \(revision 2\) in another window/,
    );
  });

  it('keeps every saved version as it was: the api cannot change or remove one', async () => {
    const post = await draft();
    const app = new Client({ connectionString: testApi.db.appUrl });
    await app.connect();
    try {
      for (const statement of [
        `UPDATE post_version SET content_hash = 'x' WHERE post_id = $1`,
        `DELETE FROM post_version WHERE post_id = $1`,
      ])
        await expect(app.query(statement, [post.id])).rejects.toThrow(/permission denied/);
      await expect(app.query(`TRUNCATE post_version`)).rejects.toThrow(/permission denied/);
    } finally {
      await app.end();
    }
    expect((await marketer.get(`/api/posts/${post.id}/versions/1`)).body.contentHash).toBe(post.contentHash);
  });

  it('saves nothing when an autosave changes nothing', async () => {
    const post = await draft();
    const res = await marketer.send('patch', `/api/posts/${post.id}`, { revision: 1, text: post.text });
    expect(res.status).toBe(200);
    expect(res.body.revision).toBe(1);
    expect((await marketer.get(`/api/posts/${post.id}/versions`)).body).toHaveLength(1);
  });

  it('returns an approved post to draft when what it would publish changes, and audits it', async () => {
    const post = await draft();
    await sql.query(`UPDATE post SET state = 'approved' WHERE id = $1`, [post.id]);
    const res = await marketer.send('patch', `/api/posts/${post.id}`, {
      revision: 1,
      text: 'Changed after approval.',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ state: 'draft', revision: 2 });
    expect(res.body.contentHash).not.toBe(post.contentHash);
    expect(await auditActions(post.id)).toEqual(['post.created', 'post.updated', 'post.returned_to_draft']);
    const { rows } = await sql.query(
      `SELECT diff FROM audit_entry WHERE entity_id = $1 AND action = 'post.returned_to_draft'`,
      [post.id],
    );
    expect(rows[0].diff.state).toEqual({ from: 'approved', to: 'draft' });
  });

  it('returns a scheduled post to draft when its time changes, but keeps it scheduled when only its tags do', async () => {
    const post = await draft({ scheduledAt: new Date(Date.now() + 86_400_000).toISOString() });
    await sql.query(`UPDATE post SET state = 'scheduled' WHERE id = $1`, [post.id]);
    const tagged = await marketer.send('patch', `/api/posts/${post.id}`, { revision: 1, tags: ['autumn'] });
    expect(tagged.body).toMatchObject({ state: 'scheduled', revision: 2, contentHash: post.contentHash });
    const moved = await marketer.send('patch', `/api/posts/${post.id}`, {
      revision: 2,
      scheduledAt: new Date(Date.now() + 2 * 86_400_000).toISOString(),
    });
    expect(moved.body).toMatchObject({ state: 'draft', revision: 3 });
  });

  it('refuses to edit a post that is published (409) and changes nothing', async () => {
    const post = await draft();
    await sql.query(`UPDATE post SET state = 'published' WHERE id = $1`, [post.id]);
    const res = await marketer.send('patch', `/api/posts/${post.id}`, { revision: 1, text: 'Too late.' });
    expect(res.status).toBe(409);
    expect(res.body.message).toMatch(/can no longer be edited: it is published/);
    expect((await marketer.get(`/api/posts/${post.id}`)).body).toMatchObject({
      revision: 1,
      state: 'published',
    });
  });

  it('names the field and the rule of every refused part', async () => {
    const cases: Array<[object, number, string, string]> = [
      [{ variants: [{ channelId: x, title: 'A title' }] }, 422, 'variants.0.title', 'blogOnly'],
      [{ variants: [{ channelId: other.channelId }] }, 422, 'variants.0.channelId', 'channelOfOrganisation'],
      [{ variants: [{ channelId: x }, { channelId: x }] }, 422, 'variants.1.channelId', 'unique'],
      [{ urgency: 'urgent' }, 422, 'urgency', 'healthAlertOnly'],
      [{ spanish: { text: 'Hola' } }, 422, 'spanish', 'healthAlertOnly'],
      [
        { kind: 'health_alert', validFrom: '2030-01-02T00:00:00Z', validUntil: '2030-01-01T00:00:00Z' },
        422,
        'validUntil',
        'afterValidFrom',
      ],
      [{ scheduledAt: '2020-01-01T09:00:00Z' }, 422, 'scheduledAt', 'inFuture'],
      [{ scheduledAt: '2030-02-30T09:00:00Z' }, 400, 'scheduledAt', 'isInstant'],
      [
        { images: [{ mediaId: '3f2b8c1e-5d4a-4b6f-9c1d-2e7a8b9c0d1e' }] },
        422,
        'images.0.mediaId',
        'mediaOfOrganisation',
      ],
      [{ text: 'Bell \u0007 here' }, 400, 'text', 'noControlCharacters'],
      [{ text: 'Escape \u001b[31m' }, 400, 'text', 'noControlCharacters'],
      [
        { variants: [{ channelId: blog, title: 'Two\nlines' }] },
        400,
        'variants.0.title',
        'noControlCharacters',
      ],
      [{ tags: ['a\u0085b'] }, 400, 'tags', 'noControlCharacters'],
      [{ text: 'x'.repeat(63_207) }, 400, 'text', 'maxLength'],
      [{ tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }, 400, 'tags', 'arrayMaxSize'],
      [{ link: 'javascript:alert(1)' }, 400, 'link', 'isUrl'],
      [{ kind: 'newsletter' }, 400, 'kind', 'isIn'],
    ];
    const wrong: string[] = [];
    for (const [body, status, field, rule] of cases) {
      const res = await marketer.send('post', '/api/posts', { kind: 'post', text: 'Hello', ...body });
      const named = (res.body.details ?? []).some(
        (d: { field: string; rule: string }) => d.field === field && d.rule === rule,
      );
      if (res.status !== status || !named)
        wrong.push(`${JSON.stringify(body).slice(0, 60)}: ${res.status} ${JSON.stringify(res.body.details)}`);
    }
    expect(wrong).toEqual([]);
    // A NUL is refused before validation, naming the field too.
    const nul = await marketer.send('post', '/api/posts', { kind: 'post', text: 'a\u0000b' });
    expect(nul.status).toBe(400);
    expect(nul.body.details).toEqual([expect.objectContaining({ field: 'text', rule: 'noNulCharacter' })]);
  });

  it('keeps health alerts apart: urgency by default, Spanish variant, and nothing of it once a plain post', async () => {
    const alert = await draft({
      kind: 'health_alert',
      text: 'We are closed today because of the storm.',
      validFrom: '2030-01-01T08:00:00+01:00',
      validUntil: '2030-01-02T08:00:00Z',
      allClearText: 'We are open again.',
      spanish: { text: 'Hoy estamos cerrados por la tormenta.' },
    });
    expect(alert).toMatchObject({
      kind: 'health_alert',
      urgency: 'routine',
      validFrom: '2030-01-01T07:00:00.000Z',
      spanish: { text: 'Hoy estamos cerrados por la tormenta.', title: null, body: null },
    });
    const plain = await marketer.send('patch', `/api/posts/${alert.id}`, { revision: 1, kind: 'post' });
    expect(plain.status).toBe(200);
    expect(plain.body).toMatchObject({
      kind: 'post',
      urgency: null,
      validFrom: null,
      validUntil: null,
      allClearText: null,
      spanish: null,
    });
  });

  it('lets a viewer read posts but not write them, and a reviewer not write them either', async () => {
    const post = await draft();
    expect((await viewer.get(`/api/posts/${post.id}`)).status).toBe(200);
    expect((await viewer.get('/api/posts')).status).toBe(200);
    for (const browser of [viewer, await signedIn(REVIEWER)]) {
      const create = await browser.send('post', '/api/posts', { kind: 'post', text: 'Hi' });
      expect([create.status, create.body.error]).toEqual([403, 'forbidden']);
      const edit = await browser.send('patch', `/api/posts/${post.id}`, { revision: 1, text: 'Hi' });
      expect([edit.status, edit.body.error]).toEqual([403, 'forbidden']);
      expect((await browser.send('delete', `/api/posts/${post.id}`)).status).toBe(403);
    }
    expect((await marketer.get(`/api/posts/${post.id}`)).body.revision).toBe(1);
  });

  it("answers another organisation's post exactly like an unknown one, and never lists it", async () => {
    const unknown = '3f2b8c1e-5d4a-4b6f-9c1d-2e7a8b9c0d1e';
    for (const id of [other.postId, unknown]) {
      expect((await admin.get(`/api/posts/${id}`)).status).toBe(404);
      expect((await admin.get(`/api/posts/${id}/versions`)).status).toBe(404);
      expect((await admin.get(`/api/posts/${id}/versions/1`)).status).toBe(404);
      expect((await admin.send('patch', `/api/posts/${id}`, { revision: 1, text: 'Mine now' })).status).toBe(
        404,
      );
      expect((await admin.send('delete', `/api/posts/${id}`)).status).toBe(404);
    }
    const listed = (await admin.get('/api/posts?limit=100')).body.posts.map((p: { id: string }) => p.id);
    expect(listed).not.toContain(other.postId);
    const theirs = (await other.browser.get(`/api/posts/${other.postId}`)).body;
    expect(theirs).toMatchObject({ revision: 1, text: 'Brookside is open on Saturdays.' });
  });

  it('lists posts by state, kind, channel, tag and words, a page at a time', async () => {
    const tag = `tag-${Date.now()}`;
    const a = await draft({ text: 'Needle in the haystack 100%_done', tags: [tag] });
    const b = await draft({
      kind: 'health_alert',
      text: 'Storm closure',
      tags: [tag],
      variants: [{ channelId: blog }],
    });
    await sql.query(`UPDATE post SET state = 'in_review' WHERE id = $1`, [b.id]);
    const ids = async (query: string) =>
      (await marketer.get(`/api/posts?${query}`)).body.posts.map((p: { id: string }) => p.id);
    expect(await ids(`tag=${tag.toUpperCase()}`)).toEqual([b.id, a.id]);
    expect(await ids(`tag=${tag}&state=in_review`)).toEqual([b.id]);
    expect(await ids(`tag=${tag}&state=draft,in_review&kind=post`)).toEqual([a.id]);
    expect(await ids(`tag=${tag}&channelId=${blog}`)).toEqual([b.id]);
    expect(await ids(`q=${encodeURIComponent('100%_done')}`)).toEqual([a.id]);
    expect(await ids(`q=${encodeURIComponent('%')}&tag=${tag}`)).toEqual([a.id]);
    const page = (await marketer.get(`/api/posts?tag=${tag}&limit=1&offset=1&sort=created_asc`)).body;
    expect(page).toMatchObject({ total: 2, offset: 1, limit: 1 });
    expect(page.posts.map((p: { id: string }) => p.id)).toEqual([b.id]);
    expect(page.posts[0]).toMatchObject({
      channels: [{ id: blog, kind: 'carecast_blog', name: 'Riverside blog' }],
    });
    expect((await marketer.get('/api/posts?state=lost')).status).toBe(400);
  });

  it('deletes a draft never sent for review, but keeps one that was (409)', async () => {
    const fresh = await draft();
    expect((await marketer.send('delete', `/api/posts/${fresh.id}`)).status).toBe(204);
    expect((await marketer.get(`/api/posts/${fresh.id}`)).status).toBe(404);

    const submitted = await draft();
    const repository = testApi.app.get(PostRepository);
    const moved = await testApi.app
      .get(TransactionRunner)
      .run((tx) => repository.transition(tx, riversideId, submitted.id, ['draft'], 'in_review'));
    expect(moved).toMatchObject({ state: 'in_review', submittedAt: expect.any(String) });
    await sql.query(`UPDATE post SET state = 'draft' WHERE id = $1`, [submitted.id]);
    const refused = await marketer.send('delete', `/api/posts/${submitted.id}`);
    expect(refused.status).toBe(409);
    expect((await marketer.get(`/api/posts/${submitted.id}`)).status).toBe(200);
  });

  it('moves a post for the workflow only from the states given, and only in its organisation', async () => {
    const post = await draft();
    const repository = testApi.app.get(PostRepository);
    const run = testApi.app.get(TransactionRunner);
    expect(
      await run.run((tx) => repository.transition(tx, riversideId, post.id, ['in_review'], 'approved')),
    ).toBeNull();
    expect(
      await run.run((tx) => repository.transition(tx, riversideId, other.postId, ['draft'], 'in_review')),
    ).toBeNull();
    const moved = await run.run((tx) =>
      repository.transition(tx, riversideId, post.id, ['draft'], 'in_review'),
    );
    expect(moved).toMatchObject({
      id: post.id,
      state: 'in_review',
      revision: 1,
      contentHash: post.contentHash,
    });
    expect((await other.browser.get(`/api/posts/${other.postId}`)).body.state).toBe('draft');
  });
});
