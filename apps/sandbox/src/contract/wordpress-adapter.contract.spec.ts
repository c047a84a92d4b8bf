// Contract tests: Carecast's WordPress adapter against the sandbox's WordPress REST API emulator
// and against a real WordPress (Debian's package, tools/wordpress/start-wordpress.sh). The same
// suite runs against both: wherever they differ, the sandbox is wrong.
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import { type AddressInfo, type Socket, createServer as createTcpServer } from 'node:net';
import request from 'supertest';
import type { AppConfig } from '@carecast/server/config';
import {
  AuthError,
  InvalidContentError,
  RetryableError,
  UNREACHABLE_SITE,
  UnknownOutcomeError,
  WordPressAdapter,
  paragraphs,
  type AdapterContext,
} from '@carecast/server/channels';
import { SystemClock } from '@carecast/server/core';
import { createSandbox } from '../app/sandbox';
import { createWordPressState } from '../app/wordpress';
import { type RealWordPress, missingForRealWordPress, startRealWordPress } from './wordpress-real-site';

const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
    '1f15c4890000000d4944415478da63f8cf00000301010018dd8db40000000049454e44ae426082',
  'hex',
);

const adapterAllowing = (hosts: string[]) =>
  new WordPressAdapter(
    { platforms: { wordpressAllowedPrivateHosts: hosts } } as unknown as AppConfig,
    new SystemClock(),
  );

interface Account {
  username: string;
  applicationPassword: string;
}

/** A WordPress site the suite runs against, and what a visitor and the site's administrator do there. */
interface WordPressTarget {
  siteUrl: string;
  editor: Account;
  admin: Account;
  /** An Author: may publish, may not moderate comments. */
  author: Account;
  /** A visitor's comment, the way visitors comment (WordPress decides whether it is held). */
  visitorComment(post: number, c: { content: string; author: string; email: string }): Promise<number>;
  stop(): Promise<void>;
}

const basic = (a: Account) =>
  `Basic ${Buffer.from(`${a.username}:${a.applicationPassword.replace(/\s+/g, '')}`).toString('base64')}`;

/** A REST call outside the adapter (what the administrator does in wp-admin, or reading back). */
async function rest<T = Record<string, unknown>>(
  target: WordPressTarget,
  as: Account | null,
  method: string,
  route: string,
  body?: object,
): Promise<T> {
  const res = await fetch(`${target.siteUrl}/wp-json${route}`, {
    method,
    headers: {
      ...(as ? { authorization: basic(as) } : {}),
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = (await res.json()) as T;
  if (!res.ok) throw new Error(`${method} ${route}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

async function sandboxTarget(): Promise<WordPressTarget> {
  const server = createSandbox({ wordpress: createWordPressState() }).listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const control = () => request(server);
  const admin = (await control().post('/_sandbox/wordpress/sites').send({ site: 'riverside' }).expect(201))
    .body;
  const editor = (
    await control()
      .post('/_sandbox/wordpress/sites')
      .send({ site: 'riverside', username: 'editor', role: 'editor' })
      .expect(201)
  ).body;
  const author = (
    await control()
      .post('/_sandbox/wordpress/sites')
      .send({ site: 'riverside', username: 'author', role: 'author' })
      .expect(201)
  ).body;
  return {
    siteUrl: `${base}/wp/riverside`,
    editor,
    admin,
    author,
    async visitorComment(post, c) {
      const res = await control()
        .post('/_sandbox/wordpress/sites/riverside/comments')
        .send({ post, content: c.content, author_name: c.author, author_email: c.email })
        .expect(201);
      return res.body.id as number;
    },
    stop: () => new Promise<void>((r) => server.close(() => r())),
  };
}

function realTarget(site: RealWordPress): WordPressTarget {
  return {
    siteUrl: site.siteUrl,
    editor: site.editor,
    admin: site.admin,
    author: site.author,
    // The blog's own comment form, as a visitor's browser posts it.
    async visitorComment(post, c) {
      const res = await fetch(`${site.siteUrl}/wp-comments-post.php`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          comment_post_ID: String(post),
          comment: c.content,
          author: c.author,
          email: c.email,
          comment_parent: '0',
        }).toString(),
      });
      const id = /#comment-(\d+)$/.exec(res.headers.get('location') ?? '')?.[1];
      if (res.status !== 302 || !id) throw new Error(`Comment refused: ${res.status} ${await res.text()}`);
      return Number(id);
    },
    stop: () => site.stop(),
  };
}

// A real site answers in tens of milliseconds, but CI runs many test projects at once.
jest.setTimeout(30_000);

const missing = missingForRealWordPress();
const ci = process.env['CI'] === 'true';
if (missing && !ci) {
  // Outside CI a machine may lack the packages; CI installs them, and there this must not skip.
  console.warn(`Real WordPress contract tests skipped: ${missing}`);
}

const targets: Array<[string, () => Promise<WordPressTarget>]> = [
  ['the sandbox emulator', sandboxTarget],
  ...(missing && !ci
    ? []
    : ([['a real WordPress', async () => realTarget(await startRealWordPress())]] as Array<
        [string, () => Promise<WordPressTarget>]
      >)),
];

describe.each(targets)('WordPress adapter against %s', (_name, start) => {
  let target: WordPressTarget;
  const adapter = adapterAllowing(['127.0.0.1']);
  let ctx: AdapterContext;
  const started = Date.now();

  beforeAll(async () => {
    target = await start();
    ctx = {
      organisationId: 'o1',
      channelId: 'c1',
      externalAccountId: target.siteUrl,
      credentials: { ...target.editor },
      settings: { siteUrl: target.siteUrl },
    };
  }, 90_000);

  afterAll(async () => {
    await target?.stop();
    console.info(`WordPress contract suite against ${_name}: ${Date.now() - started} ms`);
  }, 30_000);

  const editPost = (id: string) =>
    rest<{
      title: { raw: string; rendered: string };
      content: { raw: string };
      categories: number[];
      tags: number[];
      featured_media: number;
    }>(target, target.editor, 'GET', `/wp/v2/posts/${id}?context=edit`);

  it('verifies the site and the application password (spaces ignored)', async () => {
    const spaced = {
      ...ctx,
      credentials: {
        ...ctx.credentials,
        applicationPassword: ctx.credentials['applicationPassword']
          .replace(/\s+/g, '')
          .replace(/(.{4})/g, '$1 '),
      },
    };
    await expect(adapter.verifyCredentials(spaced)).resolves.toMatchObject({
      externalAccountId: target.siteUrl,
    });
    await expect(
      adapter.verifyCredentials({
        ...ctx,
        credentials: { username: 'editor', applicationPassword: 'wrong wrong wrong wrong wrong wrong' },
      }),
    ).rejects.toBeInstanceOf(AuthError);
  });

  it('refuses at connect an account that may not moderate comments, saying which roles can', async () => {
    const refusal = adapter.verifyCredentials({ ...ctx, credentials: { ...target.author } });
    await expect(refusal).rejects.toBeInstanceOf(AuthError);
    await expect(refusal).rejects.toThrow(
      'This WordPress user may not moderate comments: use an Editor or Administrator account.',
    );
    await expect(
      adapter.verifyCredentials({ ...ctx, credentials: { ...target.admin } }),
    ).resolves.toMatchObject({ externalAccountId: target.siteUrl });
  });

  it('publishes escaped text: markup typed in a title or a body never becomes live HTML', async () => {
    const result = await adapter.publish(ctx, {
      title: 'Flu <script>alert(1)</script> & <b>shots</b>',
      text: 'Clinic on Saturday.\n\nBring your <insurance> card & ID.',
      images: [{ bytes: PNG, mimeType: 'image/png', altText: 'A nurse preparing a flu shot' }],
    });
    expect(result.externalId).toMatch(/^\d+$/);
    expect(result.url).toMatch(/^http/);
    const stored = await editPost(result.externalId);
    expect(stored.content.raw).toContain('&lt;insurance&gt; card &amp; ID.');
    expect(stored.content.raw).not.toContain('<insurance>');
    expect(stored.title.raw).toBe('Flu &lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;shots&lt;/b&gt;');
    const shown = await rest<{ title: { rendered: string } }>(
      target,
      null,
      'GET',
      `/wp/v2/posts/${result.externalId}`,
    );
    expect(shown.title.rendered).not.toMatch(/<script|<b>/);
    expect(shown.title.rendered).toContain('&lt;b&gt;shots&lt;/b&gt;');
    const media = await rest<{ alt_text: string }>(
      target,
      target.editor,
      'GET',
      `/wp/v2/media/${stored.featured_media}?context=edit`,
    );
    expect(media.alt_text).toBe('A nurse preparing a flu shot');
    // What findRecent reads back is the title as typed.
    const recent = await adapter.findRecent(ctx, new Date(Date.now() - 60_000));
    expect(recent.find((p) => p.externalId === result.externalId)?.text).toBe(
      'Flu <script>alert(1)</script> & <b>shots</b>',
    );
  });

  it('escapes apostrophes too, and reads Windows line breaks as line breaks', async () => {
    const result = await adapter.publish(ctx, {
      title: "Dr O'Brien's <clinic>",
      text: "Walk-ins welcome.\r\n\r\nIt's first come,\r\nfirst served.",
    });
    const stored = await editPost(result.externalId);
    expect(stored.title.raw).toBe('Dr O&#39;Brien&#39;s &lt;clinic&gt;');
    expect(stored.content.raw).toBe('<p>Walk-ins welcome.</p>\n<p>It&#39;s first come,<br>first served.</p>');
  });

  it('files posts under categories and tags by name, also names with &, creating only the missing ones', async () => {
    const first = await adapter.publish(ctx, {
      title: 'Flu season',
      text: 'Shots every weekday.',
      categories: ['Clinic news', 'Uncategorized', 'Flu & colds'],
      tags: ['flu', 'Vaccines & shots'],
    });
    const second = await adapter.publish(ctx, {
      title: 'Flu season, week two',
      text: 'Still time to get your shot.',
      categories: ['clinic news', 'Flu & colds'],
      tags: ['Flu', 'FLU', 'vaccines & shots'],
    });
    const third = await adapter.publish(ctx, {
      title: 'Flu season, week three',
      text: 'Last call.',
      tags: ['Vaccines & shots'],
    });
    const categories = await rest<Array<{ id: number; name: string }>>(
      target,
      target.editor,
      'GET',
      '/wp/v2/categories?per_page=100',
    );
    const tags = await rest<Array<{ id: number; name: string }>>(
      target,
      target.editor,
      'GET',
      '/wp/v2/tags?per_page=100',
    );
    expect(categories.map((c) => c.name).sort()).toEqual(['Clinic news', 'Flu &amp; colds', 'Uncategorized']);
    expect(tags.map((t) => t.name).sort()).toEqual(['Vaccines &amp; shots', 'flu']);
    const id = (list: Array<{ id: number; name: string }>, name: string) =>
      list.find((t) => t.name === name)?.id;
    const posts = await Promise.all([first, second, third].map((p) => editPost(p.externalId)));
    expect(posts[0].categories.sort()).toEqual(
      [1, id(categories, 'Clinic news'), id(categories, 'Flu &amp; colds')].sort(),
    );
    expect(posts[1].categories.sort()).toEqual(
      [id(categories, 'Clinic news'), id(categories, 'Flu &amp; colds')].sort(),
    );
    expect(posts[1].tags.sort()).toEqual(tags.map((t) => t.id).sort());
    expect(posts[2].tags).toEqual([id(tags, 'Vaccines &amp; shots')]);
  });

  it("reads visitors' comments as mentions, held ones too, in the words the visitor typed", async () => {
    const start = await adapter.fetchMentions(ctx, null);
    const post = Number((await adapter.publish(ctx, { title: 'Visit us', text: 'We are open.' })).externalId);
    const jo = await target.visitorComment(post, {
      content: 'It\'s "great" & <b>fine</b> -- see you',
      author: 'Jo',
      email: 'jo@example.org',
    });
    const sam = await target.visitorComment(post, {
      content: 'Why was I billed twice?',
      author: 'Sam',
      email: 'sam@example.org',
    });
    const first = await adapter.fetchMentions(ctx, start.cursor);
    expect(first.mentions).toEqual([
      expect.objectContaining({
        externalId: `${post}:${jo}`,
        text: 'It\'s "great" & fine -- see you',
        authorName: 'Jo',
        conversationId: String(post),
        inReplyToExternalId: String(post),
        status: 'held',
      }),
      expect.objectContaining({ externalId: `${post}:${sam}`, authorName: 'Sam', status: 'held' }),
    ]);
    expect(first.statusChanges).toEqual([]);

    // The practice replies: its own comment is not a mention.
    const reply = await adapter.reply(ctx, `${post}:${sam}`, 'Please call our office & we will "help".');
    expect(reply.externalId).toMatch(new RegExp(`^${post}:\\d+$`));
    const replyId = Number(reply.externalId.split(':')[1]);
    const stored = await rest<{ content: { raw: string }; parent: number }>(
      target,
      target.admin,
      'GET',
      `/wp/v2/comments/${replyId}?context=edit`,
    );
    expect(stored.parent).toBe(sam);
    expect(stored.content.raw).toBe('<p>Please call our office &amp; we will &quot;help&quot;.</p>');

    // Moderation happens after the cursor passed both comments: each change is still recorded.
    await rest(target, target.admin, 'POST', `/wp/v2/comments/${jo}`, { status: 'approved' });
    await rest(target, target.admin, 'POST', `/wp/v2/comments/${sam}`, { status: 'spam' });
    const second = await adapter.fetchMentions(ctx, first.cursor);
    expect(second.mentions).toEqual([]);
    expect(second.statusChanges).toEqual([
      { externalId: `${post}:${jo}`, status: 'approved', observedAt: expect.any(Date) },
      { externalId: `${post}:${sam}`, status: 'spam', observedAt: expect.any(Date) },
    ]);

    // Jo has an approved comment now: WordPress approves the next one at once.
    const again = await target.visitorComment(post, {
      content: 'Thanks for the quick answer',
      author: 'Jo',
      email: 'jo@example.org',
    });
    const kim = await target.visitorComment(post, {
      content: 'First time here',
      author: 'Kim',
      email: 'kim@example.org',
    });
    const lee = await target.visitorComment(post, {
      content: 'Me too',
      author: 'Lee',
      email: 'lee@example.org',
    });
    const third = await adapter.fetchMentions(ctx, second.cursor);
    expect(third.mentions.map((m) => [m.externalId, m.status])).toEqual([
      [`${post}:${again}`, 'approved'],
      [`${post}:${kim}`, 'held'],
      [`${post}:${lee}`, 'held'],
    ]);
    expect(third.statusChanges).toEqual([]);
    await rest(target, target.admin, 'DELETE', `/wp/v2/comments/${kim}`);
    await rest(target, target.admin, 'DELETE', `/wp/v2/comments/${lee}?force=true`);
    const fourth = await adapter.fetchMentions(ctx, third.cursor);
    expect(fourth.mentions).toEqual([]);
    expect(fourth.statusChanges?.map((s) => [s.externalId, s.status])).toEqual([
      [`${post}:${kim}`, 'trash'],
      [`${post}:${lee}`, 'deleted'],
    ]);
    // Settled comments are not read again.
    expect(await adapter.fetchMentions(ctx, fourth.cursor)).toMatchObject({
      mentions: [],
      statusChanges: [],
    });
  });

  it('reads every page of comments, then only newer ones', async () => {
    const { cursor } = await adapter.fetchMentions(ctx, null);
    const post = Number((await adapter.publish(ctx, { title: 'Busy', text: 'Many comments.' })).externalId);
    for (let i = 0; i < 102; i++) {
      await target.visitorComment(post, {
        content: `comment ${i}`,
        author: `Visitor ${i}`,
        email: `v${i}@example.org`,
      });
    }
    const first = await adapter.fetchMentions(ctx, cursor);
    expect(first.mentions.map((m) => m.text)).toEqual(Array.from({ length: 102 }, (_, i) => `comment ${i}`));
    await target.visitorComment(post, { content: 'One more', author: 'Jo', email: 'jo@example.org' });
    const next = await adapter.fetchMentions(ctx, first.cursor);
    expect(next.mentions.map((m) => m.text)).toEqual(['One more']);
  }, 60_000);

  it('finds the posts published since a moment, newest first', async () => {
    const since = new Date(Date.now() - 1_000);
    const post = await adapter.publish(ctx, { title: 'Holiday hours', text: 'Closed on the 25th.' });
    const recent = await adapter.findRecent(ctx, since);
    expect(recent[0]).toMatchObject({ externalId: post.externalId, text: 'Holiday hours', url: post.url });
    expect(await adapter.findRecent(ctx, new Date(Date.now() + 60_000))).toEqual([]);
  });
});

describe('WordPress adapter against the sandbox only (faults cannot be injected into a real site)', () => {
  let server: Server;
  let base: string;
  const adapter = adapterAllowing(['127.0.0.1']);
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
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const site = (
      await control().post('/_sandbox/wordpress/sites').send({ site: 'riverside', role: 'editor' })
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

  it('works with a site that answers the REST API only as ?rest_route= (plain permalinks)', async () => {
    const plain = (
      await control()
        .post('/_sandbox/wordpress/sites')
        .send({ site: 'plain', role: 'editor', permalinks: 'plain' })
    ).body;
    const plainCtx = {
      ...ctx,
      credentials: { username: plain.username, applicationPassword: plain.applicationPassword },
      settings: { siteUrl: `${base}/wp/plain` },
    };
    await expect(adapter.verifyCredentials(plainCtx)).resolves.toMatchObject({
      externalAccountId: `${base}/wp/plain`,
    });
    const post = await adapter.publish(plainCtx, { title: 'Plain', text: 'Works.', tags: ['A & B'] });
    await adapter.publish(plainCtx, { title: 'Plain again', text: 'Works.', tags: ['a & b'] });
    expect(post.url).toBe(`${base}/wp/plain/?p=${post.externalId}`);
    await expect(adapter.fetchMentions(plainCtx, null)).resolves.toMatchObject({ mentions: [] });
  });
});

describe('WordPress site address: only public addresses, unless allowed', () => {
  let sandbox: Server;
  let sandboxBase: string;
  let site: { username: string; applicationPassword: string };
  const servers: Array<{ close: (cb: () => void) => void }> = [];
  const sockets = new Set<Socket>();
  const listen = async (s: Server | ReturnType<typeof createTcpServer>) => {
    servers.push(s);
    s.on('connection', (socket: Socket) => {
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
    });
    await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
    return (s.address() as AddressInfo).port;
  };
  const ctxFor = (siteUrl: string) => ({
    organisationId: 'o1',
    credentials: site,
    settings: { siteUrl },
  });

  beforeAll(async () => {
    const app = createSandbox({ wordpress: createWordPressState() });
    sandbox = createServer(app);
    const port = await listen(sandbox);
    sandboxBase = `http://127.0.0.1:${port}`;
    site = (await request(app).post('/_sandbox/wordpress/sites').send({ site: 'riverside', role: 'editor' }))
      .body;
  });

  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await Promise.all(servers.map((s) => new Promise<void>((r) => s.close(() => r()))));
  });

  it('refuses a loopback site, by address or by a name that resolves to it, with the one generic answer', async () => {
    const strict = adapterAllowing([]);
    for (const siteUrl of [
      `${sandboxBase}/wp/riverside`,
      sandboxBase.replace('127.0.0.1', 'localhost') + '/wp/riverside',
      sandboxBase.replace('127.0.0.1', '2130706433') + '/wp/riverside',
      sandboxBase.replace('127.0.0.1', '[::ffff:127.0.0.1]') + '/wp/riverside',
    ]) {
      await expect(strict.verifyCredentials(ctxFor(siteUrl))).rejects.toThrow(UNREACHABLE_SITE);
    }
    // Allowed by name and port, the same site connects.
    await expect(
      adapterAllowing([new URL(sandboxBase).host]).verifyCredentials(ctxFor(`${sandboxBase}/wp/riverside`)),
    ).resolves.toMatchObject({ externalAccountId: `${sandboxBase}/wp/riverside` });
    // Allowing one port does not open the others.
    await expect(
      adapterAllowing(['127.0.0.1:1']).verifyCredentials(ctxFor(`${sandboxBase}/wp/riverside`)),
    ).rejects.toThrow(UNREACHABLE_SITE);
  });

  it('answers a closed port, a service that is not HTTP and an HTTP server that is not WordPress alike', async () => {
    const allowed = adapterAllowing(['127.0.0.1']);
    const closed = await listen(createTcpServer());
    await new Promise<void>((r) => servers.pop()?.close(() => r()));
    const notHttp = await listen(createTcpServer((socket) => socket.end('SSH-2.0-OpenSSH_9.2\r\n')));
    const notWordPress = await listen(createServer((_req, res) => res.end('<html>Hello</html>')));
    const answers = await Promise.all(
      [closed, notHttp, notWordPress].map((port) =>
        allowed.verifyCredentials(ctxFor(`http://127.0.0.1:${port}`)).then(
          () => 'connected',
          (err: Error) => `${err.constructor.name}: ${err.message}`,
        ),
      ),
    );
    expect(answers).toEqual(Array(3).fill(`InvalidContentError: ${UNREACHABLE_SITE}`));
  });

  it('refuses a redirect to a private or metadata address, checked on every hop', async () => {
    const to = (location: string) =>
      listen(createServer((_req, res) => res.writeHead(302, { location }).end()));
    const adapter = async (port: number) => adapterAllowing([`127.0.0.1:${port}`]);
    for (const location of [
      `${sandboxBase}/wp/riverside/wp-json/`,
      'http://169.254.169.254/latest/meta-data/',
      'http://[fd00:ec2::254]/',
      'http://10.0.0.1/',
    ]) {
      const port = await to(location);
      await expect(
        (await adapter(port)).verifyCredentials(ctxFor(`http://127.0.0.1:${port}`)),
      ).rejects.toThrow(UNREACHABLE_SITE);
    }
    // The same redirect is followed when its target is allowed too.
    const port = await to(`${sandboxBase}/wp/riverside/wp-json/`);
    const both = adapterAllowing([`127.0.0.1:${port}`, new URL(sandboxBase).host]);
    await expect(both.verifyCredentials(ctxFor(`http://127.0.0.1:${port}`))).resolves.toMatchObject({
      displayName: 'Practice blog',
    });
  });
});

describe('WordPress adapter against a site that answers as no WordPress should', () => {
  type Handler = (req: IncomingMessage, res: ServerResponse) => void;
  const servers: Server[] = [];
  const sockets = new Set<Socket>();
  const adapter = adapterAllowing(['127.0.0.1']);
  /** What the site does for `METHOD /path` (query left out); anything else is a 404. */
  let routes: Record<string, Handler> = {};
  /** Every request the site got, as `METHOD /path?query`. */
  let seen: string[] = [];
  let base: string;
  let sandboxBase: string;
  let sandboxSite: { username: string; applicationPassword: string };

  const listen = async (s: Server | ReturnType<typeof createTcpServer>): Promise<number> => {
    servers.push(s as Server);
    s.on('connection', (socket: Socket) => {
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
    });
    await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
    return (s.address() as AddressInfo).port;
  };
  const json =
    (status: number, body: unknown, headers: Record<string, string> = {}): Handler =>
    (_req, res) =>
      res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
  const raw =
    (status: number, text: string, headers: Record<string, string> = {}): Handler =>
    (_req, res) => {
      // Written by hand: Node refuses to send a malformed Location itself.
      const lines = Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`);
      res.socket?.end(
        `HTTP/1.1 ${status} X\r\n${lines.join('')}content-length: ${Buffer.byteLength(text)}\r\nconnection: close\r\n\r\n${text}`,
      );
    };
  const redirect = (status: number, location: string): Handler => raw(status, '', { location });
  /** Answers like a WordPress site where not told otherwise. */
  const wordpress = (overrides: Record<string, Handler>) => {
    routes = {
      'GET /wp-json/': json(200, { name: 'Riverside', namespaces: ['wp/v2'] }),
      'GET /wp-json/wp/v2/posts': json(200, []),
      'GET /wp-json/wp/v2/comments': json(200, []),
      'GET /wp-json/wp/v2/users/me': json(200, { id: 1 }),
      'GET /wp-json/wp/v2/tags': json(200, []),
      'GET /wp-json/wp/v2/categories': json(200, []),
      ...overrides,
    };
  };
  const ctxFor = (siteUrl: string): AdapterContext => ({
    organisationId: 'o1',
    channelId: 'c1',
    externalAccountId: siteUrl,
    credentials: { username: 'editor', applicationPassword: 'abcd efgh ijkl mnop qrst uvwx' },
    settings: { siteUrl },
  });
  const outcome = (p: Promise<unknown>) =>
    p.then(
      (value) => ({ resolved: value }),
      (err: Error) => ({ rejected: err.constructor.name, message: err.message }),
    );

  beforeAll(async () => {
    const site = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://site');
      seen.push(`${req.method} ${url.pathname}${url.search}`);
      req.resume();
      req.on('end', () => {
        const handler = routes[`${req.method} ${url.pathname}`];
        if (handler) handler(req, res);
        else json(404, { code: 'rest_no_route', message: 'No route' })(req, res);
      });
    });
    base = `http://127.0.0.1:${await listen(site)}`;
    const app = createSandbox({ wordpress: createWordPressState() });
    sandboxBase = `http://127.0.0.1:${await listen(createServer(app))}`;
    sandboxSite = (
      await request(app).post('/_sandbox/wordpress/sites').send({ site: 'riverside', role: 'editor' })
    ).body;
  });

  beforeEach(() => {
    seen = [];
    wordpress({});
  });

  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await Promise.all(servers.map((s) => new Promise<void>((r) => s.close(() => r()))));
  });

  it.each([301, 302, 303, 307, 308])(
    'reports a write answered %i as not sent (the site moved), never as published',
    async (status) => {
      wordpress({
        'POST /wp-json/wp/v2/posts': redirect(status, `${base}/moved/wp-json/wp/v2/posts`),
        // What following the redirect as a GET would read: the public list of posts.
        'GET /moved/wp-json/wp/v2/posts': json(200, []),
        'POST /moved/wp-json/wp/v2/posts': json(201, { id: 99, link: `${base}/moved/?p=99` }),
      });
      const result = await outcome(adapter.publish(ctxFor(base), { title: 'Hours', text: 'Open.' }));
      expect(result).toEqual({
        rejected: 'SiteMovedError',
        message: `The WordPress site moved to ${base}: update its address (reconnect the blog with the new address).`,
      });
      expect(seen.filter((r) => r.includes('/moved/'))).toEqual([]);
      await expect(adapter.publish(ctxFor(base), { text: 'x' })).rejects.toBeInstanceOf(InvalidContentError);
    },
  );

  it('treats a write answer without a numeric id as an unknown outcome (the request was sent)', async () => {
    const cases: Array<[string, Handler, () => Promise<unknown>]> = [
      ['POST /wp-json/wp/v2/posts', json(201, []), () => adapter.publish(ctxFor(base), { text: 'a' })],
      [
        'POST /wp-json/wp/v2/posts',
        json(201, { id: '7' }),
        () => adapter.publish(ctxFor(base), { text: 'a' }),
      ],
      ['POST /wp-json/wp/v2/posts', json(201, null), () => adapter.publish(ctxFor(base), { text: 'a' })],
      [
        'POST /wp-json/wp/v2/tags',
        json(201, { name: 'flu' }),
        () => adapter.publish(ctxFor(base), { text: 'a', tags: ['flu'] }),
      ],
      [
        'POST /wp-json/wp/v2/media',
        json(201, { id: 1.5 }),
        () =>
          adapter.publish(ctxFor(base), {
            text: 'a',
            images: [{ bytes: PNG, mimeType: 'image/png', altText: 'x' }],
          }),
      ],
      ['POST /wp-json/wp/v2/comments', json(201, {}), () => adapter.reply(ctxFor(base), '3:4', 'Thanks')],
    ];
    for (const [route, handler, act] of cases) {
      wordpress({ [route]: handler });
      const result = await outcome(act());
      expect([route, result]).toEqual([route, expect.objectContaining({ rejected: 'UnknownOutcomeError' })]);
    }
  });

  it('answers every failure at connect after finding the index with the one generic answer', async () => {
    const closed = await listen(createTcpServer());
    await new Promise<void>((r) => servers.pop()?.close(() => r()));
    const notHttp = await listen(createTcpServer((socket) => socket.end('SSH-2.0-OpenSSH_9.2\r\n')));
    const notWordPress = await listen(
      createServer((_req, res) =>
        res.writeHead(400, { 'content-type': 'application/json' }).end('{"message":"redis: NOAUTH"}'),
      ),
    );
    const failures: Handler[] = [
      redirect(302, `http://127.0.0.1:${closed}/`),
      redirect(302, `http://127.0.0.1:${notHttp}/`),
      redirect(302, `http://127.0.0.1:${notWordPress}/`),
      redirect(302, 'http://[zz/'),
      json(400, { code: 'rest_invalid', message: 'internal: db password is hunter2' }),
      raw(502, 'Bad gateway: upstream 10.0.0.7:8080 refused'),
      json(401, null),
      json(403, []),
      json(401, { code: 'incorrect_password', message: 'hunter2' }, {}),
    ];
    const answers = [];
    for (const [i, failure] of failures.entries()) {
      // The last one is on another page of the site: a 401 from elsewhere than the site's REST API.
      wordpress(
        i === failures.length - 1
          ? {
              'GET /wp-json/wp/v2/posts': redirect(302, `http://localhost:${new URL(base).port}/x`),
              'GET /x': failure,
            }
          : { 'GET /wp-json/wp/v2/posts': failure },
      );
      answers.push(await outcome(adapter.verifyCredentials(ctxFor(base))));
    }
    expect(answers).toEqual(
      Array(failures.length).fill({ rejected: 'InvalidContentError', message: UNREACHABLE_SITE }),
    );
    // A refusal that WordPress itself gives, from the site's own address, names what is wrong, in
    // Carecast's words only.
    wordpress({
      'GET /wp-json/wp/v2/posts': json(401, {
        code: 'incorrect_password',
        message: 'The provided password is an invalid application password. hunter2',
        data: { status: 401 },
      }),
    });
    const refused = await outcome(adapter.verifyCredentials(ctxFor(base)));
    expect(refused).toEqual({
      rejected: 'AuthError',
      message: 'WordPress refused the username or application password.',
    });
  });

  it('follows a site to its new address while finding it, then connects and stores that address', async () => {
    // The address typed is an old one (http:// forced to https://, a moved domain): every page
    // redirects to the site's new address, where the credentials work.
    wordpress({});
    routes = {};
    const moved: Handler = (req, res) =>
      redirect(301, `${sandboxBase}/wp/riverside${new URL(req.url ?? '/', 'http://x').pathname}`)(req, res);
    for (const route of ['GET /wp-json/', 'GET /wp-json/wp/v2/posts', 'GET /wp-json/wp/v2/comments'])
      routes[route] = moved;
    const verified = await adapter.verifyCredentials({ ...ctxFor(base), credentials: sandboxSite });
    expect(verified).toMatchObject({
      externalAccountId: `${sandboxBase}/wp/riverside`,
      settings: { siteUrl: `${sandboxBase}/wp/riverside` },
    });
  });

  it('answers a redirect to an address that cannot be read like any other unreachable site, never a 500', async () => {
    wordpress({ 'GET /wp-json/': redirect(302, 'http://[zz/') });
    await expect(outcome(adapter.verifyCredentials(ctxFor(base)))).resolves.toEqual({
      rejected: 'InvalidContentError',
      message: UNREACHABLE_SITE,
    });
    wordpress({ 'POST /wp-json/wp/v2/posts': redirect(302, 'http://[zz/') });
    await expect(adapter.publish(ctxFor(base), { text: 'x' })).rejects.toBeInstanceOf(InvalidContentError);
    wordpress({ 'GET /wp-json/wp/v2/posts': redirect(302, 'http://[zz/') });
    await expect(adapter.findRecent(ctxFor(base), new Date())).rejects.toBeInstanceOf(InvalidContentError);
  });

  it('reads an error answer that is not an object, or a list that is not a list, as a site fault', async () => {
    wordpress({ 'POST /wp-json/wp/v2/posts': json(401, null) });
    await expect(adapter.publish(ctxFor(base), { text: 'x' })).rejects.toBeInstanceOf(AuthError);
    wordpress({ 'POST /wp-json/wp/v2/posts': json(500, 'oops') });
    await expect(adapter.publish(ctxFor(base), { text: 'x' })).rejects.toBeInstanceOf(RetryableError);
    const cases: Array<[string, unknown, () => Promise<unknown>]> = [
      ['GET /wp-json/wp/v2/posts', {}, () => adapter.findRecent(ctxFor(base), new Date())],
      ['GET /wp-json/wp/v2/posts', [null], () => adapter.findRecent(ctxFor(base), new Date())],
      [
        'GET /wp-json/wp/v2/tags',
        { a: 1 },
        () => adapter.publish(ctxFor(base), { text: 'x', tags: ['flu'] }),
      ],
      ['GET /wp-json/wp/v2/tags', [7], () => adapter.publish(ctxFor(base), { text: 'x', tags: ['flu'] })],
      ['GET /wp-json/wp/v2/comments', 'x', () => adapter.fetchMentions(ctxFor(base), null)],
      ['GET /wp-json/wp/v2/comments', [{ id: 1 }], () => adapter.fetchMentions(ctxFor(base), null)],
      ['GET /wp-json/wp/v2/users/me', null, () => adapter.fetchMentions(ctxFor(base), null)],
      [
        'GET /wp-json/wp/v2/comments',
        { id: 3 },
        () => adapter.fetchMentions(ctxFor(base), JSON.stringify({ lastId: 5, held: ['1:3'] })),
      ],
    ];
    for (const [route, body, act] of cases) {
      wordpress({ [route]: json(200, body) });
      const result = await outcome(act());
      expect([route, body, result]).toEqual([
        route,
        body,
        expect.objectContaining({ rejected: 'RetryableError' }),
      ]);
    }
  });
});

describe('paragraphs', () => {
  it('turns plain text into escaped paragraphs', () => {
    expect(paragraphs('One <b>\nline two\n\n\nThree & "four"')).toBe(
      '<p>One &lt;b&gt;<br>line two</p>\n<p>Three &amp; &quot;four&quot;</p>',
    );
  });

  it('escapes apostrophes and reads \\r\\n and \\r as line breaks', () => {
    expect(paragraphs("a\r\n\r\nit's\r\nb\rc")).toBe('<p>a</p>\n<p>it&#39;s<br>b<br>c</p>');
  });
});
