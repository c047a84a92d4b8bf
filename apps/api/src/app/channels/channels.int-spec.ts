import { Client } from 'pg';
import request from 'supertest';
import { ChannelsService } from '@carecast/server/channels';
import { SandboxProcess } from '@carecast/server/testing';
import { Browser } from '../identity/session-client.spec-helper';
import { startTestApi, type TestApi } from '../test-api.spec-helper';

describe('channels API against the platform sandbox (a real process)', () => {
  let sandbox: SandboxProcess;
  let testApi: TestApi;
  let admin: Browser;
  let sql: Client;

  beforeAll(async () => {
    sandbox = await SandboxProcess.start();
    testApi = await startTestApi('channels', {
      platforms: { xApiBaseUrl: sandbox.url, facebookGraphBaseUrl: `${sandbox.url}/graph/v24.0` },
    });
    admin = new Browser(testApi.app);
    await admin.signIn('admin@riverside.example');
    sql = new Client({ connectionString: testApi.db.url });
    await sql.connect();
  });

  /** A channel of Riverside's own, connected for one test (each test sets up what it reads). */
  async function connectX(username: string): Promise<{ id: string }> {
    const account = await sandbox.control<{ accessToken: string }>('/_sandbox/x/accounts', {
      username,
      name: username,
    });
    const res = await admin.send('post', '/api/channels', {
      kind: 'x_account',
      credentials: { accessToken: account.accessToken },
    });
    expect(res.status).toBe(201);
    return res.body;
  }

  afterAll(async () => {
    await sql?.end();
    await testApi?.close();
    await sandbox?.stop();
  });

  it('connects X, Facebook and WordPress after the platform verified the credentials', async () => {
    const x = await sandbox.control<{ accessToken: string }>('/_sandbox/x/accounts', {
      username: 'riversidefm',
      name: 'Riverside',
    });
    const fb = await sandbox.control<{ pageId: string; userToken: string }>('/_sandbox/facebook/pages', {
      name: 'Riverside Family Medicine',
    });
    const wp = await sandbox.control<{ siteUrl: string; username: string; applicationPassword: string }>(
      '/_sandbox/wordpress/sites',
      {
        site: 'riverside',
        username: 'editor',
        role: 'editor',
      },
    );
    const connected = [
      await admin.send('post', '/api/channels', {
        kind: 'x_account',
        credentials: { accessToken: x.accessToken },
      }),
      await admin.send('post', '/api/channels', {
        kind: 'facebook_page',
        credentials: { userAccessToken: fb.userToken },
        settings: { pageId: fb.pageId },
      }),
      await admin.send('post', '/api/channels', {
        kind: 'wordpress_blog',
        credentials: { username: wp.username, applicationPassword: wp.applicationPassword },
        settings: { siteUrl: `${sandbox.url}/wp/riverside` },
      }),
    ];
    expect(connected.map((r) => r.status)).toEqual([201, 201, 201]);
    expect(connected.map((r) => r.body.displayName)).toEqual([
      '@riversidefm',
      'Riverside Family Medicine',
      expect.any(String),
    ]);
    const ids = connected.map((r) => r.body.id as string);
    const list = await admin.get('/api/channels');
    const mine = list.body.filter((c: { id: string }) => ids.includes(c.id));
    expect(mine.map((c: { kind: string; status: string }) => `${c.kind}:${c.status}`).sort()).toEqual([
      'facebook_page:connected',
      'wordpress_blog:connected',
      'x_account:connected',
    ]);
    // Credentials never leave the server, and are not stored in plain text.
    expect(JSON.stringify(list.body)).not.toContain(x.accessToken);
    expect(JSON.stringify(list.body)).not.toContain(wp.applicationPassword);
    const raw = await sql.query(`SELECT credentials FROM channel WHERE id = ANY($1)`, [ids]);
    expect(raw.rows).toHaveLength(3);
    for (const row of raw.rows) {
      expect(row.credentials).toMatch(/^v1\./);
      expect(row.credentials).not.toContain(x.accessToken);
    }
  });

  it('offers pasting credentials only, when no platform app is configured for the sign-in', async () => {
    const options = (await admin.get('/api/channels/connect-options')).body as Array<{ oauth: boolean }>;
    expect(options.length).toBeGreaterThanOrEqual(3);
    expect(options.every((o) => !o.oauth)).toBe(true);
    const start = await admin.send('post', '/api/channels/oauth/x_account/start');
    expect(start.status).toBe(422);
    expect(start.body.message).toMatch(/not configured/);
  });

  it('refuses bad credentials with a clear message and saves nothing', async () => {
    const before = (await sql.query(`SELECT count(*)::int AS n FROM channel`)).rows[0].n;
    const wrongToken = await admin.send('post', '/api/channels', {
      kind: 'x_account',
      credentials: { accessToken: 'not-a-token' },
    });
    expect(wrongToken.status).toBe(422);
    expect(wrongToken.body.details[0]).toMatchObject({ field: 'credentials', rule: 'auth' });
    const notWordPress = await admin.send('post', '/api/channels', {
      kind: 'wordpress_blog',
      credentials: { username: 'a', applicationPassword: 'b' },
      settings: { siteUrl: `${sandbox.url}/wp/not-a-site` },
    });
    expect(notWordPress.status).toBe(422);
    expect(notWordPress.body.message).toMatch(/Could not reach a WordPress site there/);
    const unmanaged = await admin.send('post', '/api/channels', {
      kind: 'facebook_page',
      credentials: { userAccessToken: 'expired-or-unknown' },
      settings: { pageId: '1' },
    });
    expect(unmanaged.status).toBe(422);
    expect(JSON.stringify([wrongToken.body, notWordPress.body, unmanaged.body])).not.toMatch(
      /not-a-token|expired-or-unknown/,
    );
    expect((await sql.query(`SELECT count(*)::int AS n FROM channel`)).rows[0].n).toBe(before);
  });

  it('says a pasted X token was refused on a first connect, not that the connection must be renewed', async () => {
    const res = await admin.send('post', '/api/channels', {
      kind: 'x_account',
      credentials: { accessToken: 'AAAA-pasted-only-half' },
    });
    expect(res.status).toBe(422);
    expect(res.body.message).toBe('X refused this token: check that you pasted the whole access token.');
    expect(res.body.details).toEqual([{ field: 'credentials', rule: 'auth', message: res.body.message }]);
    expect(JSON.stringify(res.body)).not.toMatch(/no longer accepts|reconnect/);
  });

  it("refuses another organisation's administrator: listing, disabling, enabling and removing answer as if the channel did not exist", async () => {
    await connectX('riversidecross');
    const riverside = (await admin.get('/api/channels')).body as Array<{ id: string; status: string }>;
    expect(riverside.length).toBeGreaterThan(0);
    const lakesideId = (await sql.query(`SELECT id FROM organisation WHERE slug = 'lakeside-pediatrics'`))
      .rows[0].id;
    const lakesideAdmin = new Browser(testApi.app);
    await lakesideAdmin.signIn('admin@riverside.example');
    const switched = await lakesideAdmin.send('post', '/api/auth/switch-organisation', {
      organisationId: lakesideId,
    });
    expect(switched.status).toBe(200);
    const lakesideIds = ((await lakesideAdmin.get('/api/channels')).body as Array<{ id: string }>).map(
      (c) => c.id,
    );
    for (const channel of riverside) expect(lakesideIds).not.toContain(channel.id);
    const stateOf = async () =>
      (await sql.query(`SELECT id, status, credentials FROM channel ORDER BY id`)).rows as unknown[];
    const auditCount = async () =>
      (await sql.query(`SELECT count(*)::int AS n FROM audit_entry WHERE entity_type = 'channel'`)).rows[0]
        .n as number;
    const before = await stateOf();
    const audited = await auditCount();
    for (const channel of riverside) {
      for (const action of ['disable', 'enable']) {
        const res = await lakesideAdmin.send('post', `/api/channels/${channel.id}/${action}`);
        expect(res.status).toBe(404);
        expect(res.body.message).toBe('No such channel.');
      }
      expect((await lakesideAdmin.send('delete', `/api/channels/${channel.id}`)).status).toBe(404);
    }
    expect(await stateOf()).toEqual(before);
    expect(await auditCount()).toBe(audited);
    // The same person, back in Riverside, can.
    const own = await admin.send('post', `/api/channels/${riverside[0].id}/disable`);
    expect(own.body.status).toBe('disabled');
    expect((await admin.send('post', `/api/channels/${riverside[0].id}/enable`)).body.status).toBe(
      'connected',
    );
  });

  it('disables, enables and removes channels; audited; managers cannot', async () => {
    const channel = await connectX('riversideremoved');
    expect((await admin.send('post', `/api/channels/${channel.id}/disable`)).body.status).toBe('disabled');
    expect((await admin.send('post', `/api/channels/${channel.id}/enable`)).body.status).toBe('connected');
    const priya = new Browser(testApi.app);
    await priya.signIn('priya@riverside.example');
    expect((await priya.get('/api/channels')).status).toBe(200);
    expect((await priya.send('delete', `/api/channels/${channel.id}`)).status).toBe(403);
    expect((await admin.send('delete', `/api/channels/${channel.id}`)).status).toBe(204);
    expect((await admin.send('delete', `/api/channels/${channel.id}`)).status).toBe(404);
    const actions = (
      await sql.query(
        `SELECT action FROM audit_entry WHERE entity_type = 'channel' AND entity_id = $1 ORDER BY seq`,
        [channel.id],
      )
    ).rows.map((r) => r.action);
    expect(actions).toEqual(['channel.connected', 'channel.disabled', 'channel.enabled', 'channel.removed']);
    expect((await request(testApi.app.getHttpServer()).get('/api/channels')).status).toBe(401);
  });

  it('warns before connecting an account another organisation has connected, and connects it only when confirmed', async () => {
    const x = await sandbox.control<{ id: string; accessToken: string }>('/_sandbox/x/accounts', {
      username: 'sharedclinic',
      name: 'Shared Clinic',
    });
    const fb = await sandbox.control<{ pageId: string; userToken: string }>('/_sandbox/facebook/pages', {
      name: 'Shared Clinic Page',
    });
    const xRequest = { kind: 'x_account', credentials: { accessToken: x.accessToken } };
    const fbRequest = {
      kind: 'facebook_page',
      credentials: { userAccessToken: fb.userToken },
      settings: { pageId: fb.pageId },
    };
    expect((await admin.send('post', '/api/channels', xRequest)).status).toBe(201);
    expect((await admin.send('post', '/api/channels', fbRequest)).status).toBe(201);
    // Reconnecting in the same organisation is not sharing.
    expect((await admin.send('post', '/api/channels', xRequest)).status).toBe(201);

    const lakesideId = (await sql.query(`SELECT id FROM organisation WHERE slug = 'lakeside-pediatrics'`))
      .rows[0].id;
    const lakeside = new Browser(testApi.app);
    await lakeside.signIn('admin@riverside.example');
    await lakeside.send('post', '/api/auth/switch-organisation', { organisationId: lakesideId });
    const count = async () =>
      (await sql.query(`SELECT count(*)::int AS n FROM channel WHERE organisation_id = $1`, [lakesideId]))
        .rows[0].n as number;
    for (const [req, what] of [
      [xRequest, 'X account'],
      [fbRequest, 'Facebook Page'],
    ] as const) {
      const warned = await lakeside.send('post', '/api/channels', req);
      expect(warned.status).toBe(409);
      expect(warned.body).toMatchObject({
        error: 'conflict',
        message: expect.stringContaining(`This ${what} is already connected to another organisation`),
      });
      expect(warned.body.message).not.toMatch(/Riverside/i);
      expect(await count()).toBe(0);
      const refused = await lakeside.send('post', '/api/channels', { ...req, confirmSharedAccount: 'yes' });
      expect(refused.status).toBe(400);
      expect(await count()).toBe(0);
    }
    const confirmed = await lakeside.send('post', '/api/channels', {
      ...xRequest,
      confirmSharedAccount: true,
    });
    expect(confirmed.status).toBe(201);
    expect(confirmed.body).toMatchObject({ displayName: '@sharedclinic', status: 'connected' });
    expect(await count()).toBe(1);
    const audited = await sql.query(
      `SELECT diff FROM audit_entry WHERE organisation_id = $1 AND action = 'channel.connected'`,
      [lakesideId],
    );
    expect(JSON.stringify(audited.rows.map((r) => r.diff))).toContain('sharedWithAnotherOrganisation');
    expect(audited.rows.map((r) => r.diff)).toHaveLength(1);
  });

  /** Riverside's administrator, signed in again and acting in Lakeside Pediatrics. */
  async function lakesideAdmin(): Promise<{ browser: Browser; organisationId: string }> {
    const organisationId = (await sql.query(`SELECT id FROM organisation WHERE slug = 'lakeside-pediatrics'`))
      .rows[0].id as string;
    const browser = new Browser(testApi.app);
    await browser.signIn('admin@riverside.example');
    await browser.send('post', '/api/auth/switch-organisation', { organisationId });
    return { browser, organisationId };
  }

  const channelsOfAccount = async (externalAccountId: string) =>
    (
      await sql.query(`SELECT organisation_id FROM channel WHERE external_account_id = $1`, [
        externalAccountId,
      ])
    ).rows;

  it('lets only one of two organisations connecting the same account at the same moment go without the warning', async () => {
    const x = await sandbox.control<{ id: string; accessToken: string }>('/_sandbox/x/accounts', {
      username: 'racedclinic',
      name: 'Raced Clinic',
    });
    const lakeside = await lakesideAdmin();
    // X takes its time verifying the token, so both checks see the account unconnected.
    await sandbox.control('/_sandbox/x/failures', {
      path: 'GET /2/users/me',
      kind: 'slow',
      delayMs: 300,
      account: x.id,
      times: 2,
    });
    const connect = { kind: 'x_account', credentials: { accessToken: x.accessToken } };

    const answers = await Promise.all([
      admin.send('post', '/api/channels', connect),
      lakeside.browser.send('post', '/api/channels', connect),
    ]);

    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
    expect(answers.find((a) => a.status === 409)?.body.message).toMatch(
      /already connected to another organisation/,
    );
    expect(await channelsOfAccount(x.id)).toHaveLength(1);
  });

  it('checks the sharing again when storing: an account connected elsewhere since the check needs the confirmation', async () => {
    const x = await sandbox.control<{ id: string; accessToken: string }>('/_sandbox/x/accounts', {
      username: 'latecomer',
      name: 'Latecomer',
    });
    const lakeside = await lakesideAdmin();
    const channels = testApi.app.get(ChannelsService);
    const ctx = {
      organisationId: lakeside.organisationId,
      actorUserId: (await sql.query(`SELECT id FROM app_user WHERE email = 'admin@riverside.example'`))
        .rows[0].id as string,
      actorLabel: 'admin@riverside.example',
      ip: null,
      userAgent: null,
      requestId: null,
    };
    const connect = { kind: 'x_account' as const, credentials: { accessToken: x.accessToken } };
    const checked = await channels.check(ctx, connect);
    expect(checked.sharedWithAnotherOrganisation).toBe(false);
    // Riverside connects it between Lakeside's check and its write.
    expect((await admin.send('post', '/api/channels', connect)).status).toBe(201);

    await expect(channels.connectChecked(ctx, connect, checked)).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/already connected to another organisation/),
    });
    expect(await channelsOfAccount(x.id)).toHaveLength(1);
    await expect(
      channels.connectChecked(ctx, { ...connect, confirmSharedAccount: true }, checked),
    ).resolves.toMatchObject({ displayName: '@latecomer' });
    expect(await channelsOfAccount(x.id)).toHaveLength(2);
  });
});
