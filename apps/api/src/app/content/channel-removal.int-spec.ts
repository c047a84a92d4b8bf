import { Client } from 'pg';
import type { PostDetail } from '@carecast/shared/contracts';
import { Browser } from '../identity/session-client.spec-helper';
import { startTestApi, type TestApi } from '../test-api.spec-helper';

describe('removing a channel that posts go to', () => {
  let testApi: TestApi;
  let sql: Client;
  let marketer: Browser;
  let admin: Browser;
  let riversideId: string;

  beforeAll(async () => {
    testApi = await startTestApi('channel-removal');
    sql = new Client({ connectionString: testApi.db.url });
    await sql.connect();
    riversideId = (await sql.query(`SELECT id FROM organisation WHERE slug = 'riverside-family-medicine'`))
      .rows[0].id;
    marketer = new Browser(testApi.app);
    expect((await marketer.signIn('dana@riverside.example')).status).toBe(200);
    admin = new Browser(testApi.app);
    expect((await admin.signIn('admin@riverside.example')).status).toBe(200);
  });

  afterAll(async () => {
    await sql?.end();
    await testApi?.close();
  });

  async function channel(kind: string, name: string): Promise<string> {
    const { rows } = await sql.query(
      `INSERT INTO channel (organisation_id, kind, display_name, external_account_id) VALUES ($1, $2, $3, $4) RETURNING id`,
      [riversideId, kind, name, `${name}-${Math.random()}`],
    );
    return rows[0].id;
  }

  async function post(channelIds: string[], state = 'draft'): Promise<PostDetail> {
    const res = await marketer.send('post', '/api/posts', {
      kind: 'post',
      text: 'Flu shots are here. Walk in any weekday from 8 am.',
      variants: channelIds.map((channelId) => ({ channelId })),
    });
    expect(res.status).toBe(201);
    if (state !== 'draft') await sql.query(`UPDATE post SET state = $2 WHERE id = $1`, [res.body.id, state]);
    return res.body;
  }

  async function stored(postId: string) {
    const { rows } = await sql.query(
      `SELECT p.revision, p.content_hash, p.state,
              (SELECT array_agg(channel_id::text ORDER BY position) FROM post_variant WHERE post_id = p.id) AS channels
         FROM post p WHERE p.id = $1`,
      [postId],
    );
    return rows[0] as { revision: number; content_hash: string; state: string; channels: string[] | null };
  }

  it.each(['in_review', 'changes_requested', 'approved', 'scheduled'])(
    'refuses with 409 while a post %s goes to it, naming how many and what to do; nothing changes',
    async (state) => {
      const x = await channel('x_account', `@riverside-${state}`);
      const first = await post([x], state);
      const second = await post([x], state);
      const before = [await stored(first.id), await stored(second.id)];

      const res = await admin.send('delete', `/api/channels/${x}`);
      expect(res.status).toBe(409);
      expect(res.body.message).toMatch(/2 posts/);
      expect(res.body.message).toMatch(/edit/i);
      expect(res.body.message).toMatch(/cancel/i);
      expect((await sql.query(`SELECT 1 FROM channel WHERE id = $1`, [x])).rowCount).toBe(1);
      expect([await stored(first.id), await stored(second.id)]).toEqual(before);
      const { rowCount } = await sql.query(
        `SELECT 1 FROM audit_entry WHERE entity_id = $1 AND action = 'channel.removed'`,
        [x],
      );
      expect(rowCount).toBe(0);
    },
  );

  it('takes the channel off drafts and cancelled posts with a new version and an audit entry each', async () => {
    const x = await channel('x_account', '@riverside-drafts');
    const blog = await channel('carecast_blog', 'Riverside drafts blog');
    const draft = await post([x, blog]);
    const cancelled = await post([blog, x], 'cancelled');

    const res = await admin.send('delete', `/api/channels/${x}`);
    expect(res.status).toBe(204);

    for (const p of [draft, cancelled]) {
      const now = await stored(p.id);
      expect(now.channels).toEqual([blog]);
      expect(now.revision).toBe(2);
      expect(now.content_hash).not.toBe(p.contentHash);
      const version = await sql.query(
        `SELECT content_hash, snapshot FROM post_version WHERE post_id = $1 AND revision = 2`,
        [p.id],
      );
      expect(version.rows[0].content_hash).toBe(now.content_hash);
      expect(version.rows[0].snapshot.variants.map((v: { channelId: string }) => v.channelId)).toEqual([
        blog,
      ]);
      const audit = await sql.query(
        `SELECT action, diff FROM audit_entry WHERE entity_id = $1 ORDER BY seq`,
        [p.id],
      );
      expect(audit.rows.map((r) => r.action)).toEqual(['post.created', 'post.channel_removed']);
      expect(audit.rows[1].diff).toMatchObject({
        revision: { from: 1, to: 2 },
        contentHash: { from: p.contentHash, to: now.content_hash },
      });
    }
    // The post as read now hashes to what is stored.
    const read = await marketer.get(`/api/posts/${draft.id}`);
    expect(read.body.contentHash).toBe((await stored(draft.id)).content_hash);
    expect(read.body.variants.map((v: { channelId: string }) => v.channelId)).toEqual([blog]);
  });

  it('refuses at the database too: a variant left on a channel keeps it from being deleted', async () => {
    const x = await channel('x_account', '@riverside-db');
    const p = await post([x]);
    await expect(sql.query(`DELETE FROM channel WHERE id = $1`, [x])).rejects.toThrow(/foreign key/);
    expect((await stored(p.id)).channels).toEqual([x]);
  });
});
