// Contract tests: Carecast's WordPress adapter against the sandbox's WordPress REST API emulator.
import type { Server } from 'node:http';
import request from 'supertest';
import {
  AuthError,
  InvalidContentError,
  RetryableError,
  UnknownOutcomeError,
  WordPressAdapter,
  paragraphs,
  type AdapterContext,
} from '@carecast/server/channels';
import { createSandbox } from '../app/sandbox';
import { createWordPressState } from '../app/wordpress';

describe('WordPress adapter against the WordPress REST API emulator', () => {
  let server: Server;
  let base: string;
  const adapter = new WordPressAdapter();
  let ctx: AdapterContext;
  const control = () => request(server);
  const fault = (body: object) =>
    control()
      .post('/_sandbox/wordpress/faults')
      .send(body)
      .expect((r) => expect(r.status).toBeLessThan(300));

  beforeAll(async () => {
    server = createSandbox({ wordpress: createWordPressState() }).listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    const site = (
      await control()
        .post('/_sandbox/wordpress/sites')
        .send({ site: 'riverside', username: 'editor', role: 'editor' })
    ).body;
    ctx = {
      organisationId: 'o1',
      channelId: 'c1',
      externalAccountId: site.siteUrl,
      credentials: { username: site.username, applicationPassword: site.applicationPassword },
      settings: { siteUrl: `${base}/wp/riverside` },
    };
  });

  afterAll(() => new Promise((r) => server.close(r)));

  it('verifies the site and the application password (spaces ignored)', async () => {
    const spaced = {
      ...ctx,
      credentials: {
        ...ctx.credentials,
        applicationPassword: ctx.credentials['applicationPassword'].replace(/(.{4})/g, '$1 '),
      },
    };
    await expect(adapter.verifyCredentials(spaced)).resolves.toMatchObject({
      externalAccountId: `${base}/wp/riverside`,
    });
  });

  it('says clearly when the address is not a WordPress site, or the password is wrong', async () => {
    await expect(
      adapter.verifyCredentials({ ...ctx, settings: { siteUrl: `${base}/wp/nothing-here` } }),
    ).rejects.toThrow(/does not look like a WordPress site/);
    await expect(
      adapter.verifyCredentials({
        ...ctx,
        credentials: { username: 'editor', applicationPassword: 'wrong wrong wrong' },
      }),
    ).rejects.toBeInstanceOf(AuthError);
  });

  it('publishes a post with escaped HTML and a featured image with alt text', async () => {
    const result = await adapter.publish(ctx, {
      title: 'Flu shots',
      text: 'Clinic on Saturday.\n\nBring your <insurance> card & ID.',
      images: [
        { bytes: Buffer.from('fake-png'), mimeType: 'image/png', altText: 'A nurse preparing a flu shot' },
      ],
    });
    expect(result.externalId).toMatch(/^\d+$/);
    expect(result.url).toMatch(/^http/);
    const stored = JSON.stringify((await control().get('/_sandbox/wordpress/sites/riverside/posts')).body);
    expect(stored).toContain('&lt;insurance&gt; card &amp; ID.');
    expect(stored).not.toContain('<insurance>');
    expect(stored).toContain('A nurse preparing a flu shot');
  });

  it('files posts under categories and tags by name, creating only the missing ones', async () => {
    const auth = `Basic ${Buffer.from(`${ctx.credentials['username']}:${ctx.credentials['applicationPassword'].replace(/\s+/g, '')}`).toString('base64')}`;
    const rest = (path: string) =>
      control().get(`/wp/riverside/wp-json/wp/v2/${path}`).set('authorization', auth).expect(200);
    const first = await adapter.publish(ctx, {
      title: 'Flu season',
      text: 'Shots every weekday.',
      categories: ['Clinic news', 'Uncategorized'],
      tags: ['flu', 'Vaccines & shots'],
    });
    const second = await adapter.publish(ctx, {
      title: 'Flu season, week two',
      text: 'Still time to get your shot.',
      categories: ['clinic news'],
      tags: ['Flu', 'FLU', 'vaccines & shots'],
    });
    const categories = (await rest('categories?per_page=100')).body as Array<{ id: number; name: string }>;
    const tags = (await rest('tags?per_page=100')).body as Array<{ id: number; name: string }>;
    expect(categories.map((c) => c.name).sort()).toEqual(['Clinic news', 'Uncategorized']);
    expect(tags.map((t) => t.name).sort()).toEqual(['Vaccines &amp; shots', 'flu']);
    const news = categories.find((c) => c.name === 'Clinic news')?.id;
    const posts = await Promise.all(
      [first, second].map(async (p) => (await rest(`posts/${p.externalId}?context=edit`)).body),
    );
    expect(posts[0].categories.sort()).toEqual([1, news].sort());
    expect(posts[1].categories).toEqual([news]);
    expect(posts[1].tags.sort()).toEqual(tags.map((t) => t.id).sort());
  });

  it('classifies errors: bad parameter, server error, dropped connection', async () => {
    await fault({
      method: 'POST',
      route: '/wp/v2/posts',
      kind: 'status',
      status: 400,
      code: 'rest_invalid_param',
      message: 'Invalid parameter(s): status',
    });
    await expect(adapter.publish(ctx, { text: 'x' })).rejects.toBeInstanceOf(InvalidContentError);
    await fault({
      method: 'POST',
      route: '/wp/v2/posts',
      kind: 'status',
      status: 503,
      code: 'unavailable',
      message: 'down',
    });
    await expect(adapter.publish(ctx, { text: 'x' })).rejects.toBeInstanceOf(RetryableError);
    await fault({ method: 'POST', route: '/wp/v2/posts', kind: 'drop_after_accept' });
    await expect(adapter.publish(ctx, { text: 'accepted then dropped' })).rejects.toBeInstanceOf(
      UnknownOutcomeError,
    );
  });

  it('reads visitor comments as mentions across pages, then only newer ones, and replies', async () => {
    const post = await adapter.publish(ctx, { title: 'Visit us', text: 'We are open.' });
    for (let i = 0; i < 105; i++) {
      await control()
        .post('/_sandbox/wordpress/sites/riverside/comments')
        .send({ post: Number(post.externalId), content: `comment ${i}`, author_name: `Visitor ${i}` });
    }
    const first = await adapter.fetchMentions(ctx, null);
    expect(first.mentions).toHaveLength(105);
    expect(first.mentions[0]).toMatchObject({
      text: 'comment 0',
      authorName: 'Visitor 0',
      conversationId: post.externalId,
    });
    await new Promise((r) => setTimeout(r, 1_100));
    await control()
      .post('/_sandbox/wordpress/sites/riverside/comments')
      .send({ post: Number(post.externalId), content: 'Why was I billed twice?', author_name: 'Jo' });
    const next = await adapter.fetchMentions(ctx, first.cursor);
    expect(next.mentions.map((m) => m.text)).toEqual(['Why was I billed twice?']);
    const reply = await adapter.reply(
      ctx,
      next.mentions[0].externalId,
      'Please call our office so we can help.',
    );
    expect(reply.externalId).toMatch(new RegExp(`^${post.externalId}:\\d+$`));
  });

  it('finds the posts published since a moment, newest first', async () => {
    const since = new Date(Date.now() - 1_000);
    const post = await adapter.publish(ctx, { title: 'Holiday hours', text: 'Closed on the 25th.' });
    const recent = await adapter.findRecent(ctx, since);
    expect(recent[0]).toMatchObject({ externalId: post.externalId, text: 'Holiday hours', url: post.url });
    expect(await adapter.findRecent(ctx, new Date(Date.now() + 60_000))).toEqual([]);
  });
});

describe('paragraphs', () => {
  it('turns plain text into escaped paragraphs', () => {
    expect(paragraphs('One <b>\nline two\n\n\nThree & "four"')).toBe(
      '<p>One &lt;b&gt;<br>line two</p>\n<p>Three &amp; &quot;four&quot;</p>',
    );
  });
});
