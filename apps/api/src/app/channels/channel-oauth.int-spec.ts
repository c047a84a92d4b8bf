import { type AuthError, ChannelsService, ChannelAdapterRegistry } from '@carecast/server/channels';
import { SandboxProcess } from '@carecast/server/testing';
import { Browser } from '../identity/session-client.spec-helper';
import { startTestApi, type TestApi } from '../test-api.spec-helper';

/** Connecting through the platforms' own sign-in, against the sandbox's OAuth pages (a real process). */
describe('channels connected with OAuth (X OAuth 2.0 + PKCE, Facebook Login + page choice)', () => {
  let sandbox: SandboxProcess;
  let testApi: TestApi;
  let admin: Browser;
  let organisationId: string;

  beforeAll(async () => {
    sandbox = await SandboxProcess.start();
    await sandbox.control('/_sandbox/x/oauth/clients', {
      clientId: 'carecast-test-client',
      clientSecret: 'carecast-test-secret',
    });
    testApi = await startTestApi('channel-oauth', {
      platforms: {
        xApiBaseUrl: sandbox.url,
        facebookGraphBaseUrl: `${sandbox.url}/graph/v24.0`,
        xOAuth2: {
          clientId: 'carecast-test-client',
          clientSecret: 'carecast-test-secret',
          authorizeUrl: `${sandbox.url}/i/oauth2/authorize`,
        },
        facebookApp: {
          appId: '1234567890',
          appSecret: 'facebook-app-secret',
          dialogUrl: `${sandbox.url}/facebook/v24.0/dialog/oauth`,
        },
      },
    });
    admin = new Browser(testApi.app);
    await admin.signIn('admin@riverside.example');
    organisationId = (await admin.get('/api/auth/me')).body.organisation.id;
  });

  afterAll(async () => {
    await testApi?.close();
    await sandbox?.stop();
  });

  /** Play the person on the platform's consent page: open it, then submit its form. */
  async function consent(url: string, fields: Record<string, string>): Promise<URL> {
    const page = await fetch(url);
    expect(page.status).toBe(200);
    const html = await page.text();
    const form = new URLSearchParams();
    const entities: Record<string, string> = {
      '&amp;': '&',
      '&quot;': '"',
      '&#39;': "'",
      '&lt;': '<',
      '&gt;': '>',
    };
    const unescape = (s: string) => s.replace(/&(amp|quot|#39|lt|gt);/g, (e) => entities[e] ?? e);
    for (const [, name, value] of html.matchAll(
      /<input type="hidden" name="([^"]+)" value="([^"]*)"\s*\/?>/g,
    )) {
      form.set(name, unescape(value));
    }
    for (const [k, v] of Object.entries(fields)) form.set(k, v);
    const action = new URL(/<form method="post" action="([^"]+)"/.exec(html)?.[1] ?? '', url);
    const answer = await fetch(action, { method: 'POST', body: form, redirect: 'manual' });
    expect(answer.status).toBe(302);
    return new URL(answer.headers.get('location') ?? '');
  }

  const back = (url: URL) => admin.get(`${url.pathname}${url.search}`);
  const outcome = (location: string) => new URL(location, 'http://carecast.test').searchParams;

  it('offers the sign-in for X and Facebook when their apps are configured', async () => {
    const options = (await admin.get('/api/channels/connect-options')).body as Array<{
      kind: string;
      oauth: boolean;
    }>;
    expect(options).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'x_account', oauth: true }),
        expect.objectContaining({ kind: 'facebook_page', oauth: true }),
        expect.objectContaining({ kind: 'wordpress_blog', oauth: false }),
      ]),
    );
  });

  it('connects X with OAuth 2.0 + PKCE, then renews the token when it expires', async () => {
    const account = await sandbox.control<{ id: string }>('/_sandbox/x/accounts', {
      username: 'riversideoauth',
      name: 'Riverside OAuth',
    });
    const started = await admin.send('post', '/api/channels/oauth/x_account/start');
    expect(started.status).toBe(200);
    const authorize = new URL(started.body.url);
    expect(authorize.pathname).toBe('/i/oauth2/authorize');
    expect(authorize.searchParams.get('code_challenge_method')).toBe('s256');
    expect(authorize.searchParams.get('scope')).toContain('offline.access');
    expect(authorize.searchParams.get('redirect_uri')).toMatch(
      /\/api\/channels\/oauth\/x_account\/callback$/,
    );
    // The verifier never travels to the browser: only its challenge does.
    expect(started.body.url).not.toMatch(/code_verifier/);

    const redirect = await consent(started.body.url, { account: account.id, decision: 'allow' });
    const done = await back(redirect);
    expect(done.status).toBe(303);
    expect(outcome(done.headers['location']).get('connected')).toBe('@riversideoauth');
    // The callback cannot be replayed.
    const replay = await back(redirect);
    expect(outcome(replay.headers['location']).get('error')).toMatch(
      /took too long or was started elsewhere/,
    );

    const channels = (await admin.get('/api/channels')).body as Array<{
      id: string;
      kind: string;
      displayName: string;
    }>;
    const channel = channels.find((c) => c.displayName === '@riversideoauth');
    if (!channel) throw new Error('X channel not listed');
    const service = testApi.app.get(ChannelsService);
    const first = await service.adapterFor(organisationId, channel.id);
    expect(first.ctx.credentials).toEqual({
      accessToken: expect.any(String),
      refreshToken: expect.any(String),
      expiresAt: expect.any(String),
    });

    // X refuses the expired token (401); the adapter renews it once and stores the new pair.
    const original = { ...first.ctx.credentials };
    await sandbox.control('/_sandbox/x/tokens/expire', { token: original['accessToken'] });
    const posted = await first.adapter.publish(first.ctx, { text: 'Flu shots every weekday this month.' });
    expect(posted.externalId).toMatch(/^\d+$/);
    const renewed = await service.adapterFor(organisationId, channel.id);
    expect(renewed.ctx.credentials['accessToken']).not.toBe(original['accessToken']);
    expect(renewed.ctx.credentials['refreshToken']).not.toBe(original['refreshToken']);

    // A token about to expire is renewed before the call.
    const stale = {
      ...renewed.ctx,
      credentials: { ...renewed.ctx.credentials, expiresAt: new Date(0).toISOString() },
    };
    await expect(renewed.adapter.verifyCredentials(stale)).resolves.toMatchObject({
      displayName: '@riversideoauth',
    });
    const latest = await service.adapterFor(organisationId, channel.id);
    expect(latest.ctx.credentials['refreshToken']).not.toBe(renewed.ctx.credentials['refreshToken']);

    // The rotated-out refresh token no longer works: the channel must be reconnected.
    const registry = testApi.app.get(ChannelAdapterRegistry);
    await sandbox.control('/_sandbox/x/tokens/expire', { token: renewed.ctx.credentials['accessToken'] });
    const refused = await registry
      .get('x_account')
      .verifyCredentials({ ...renewed.ctx, saveCredentials: undefined, renewCredentials: undefined })
      .catch((err: unknown) => err);
    expect(refused).toMatchObject({ kind: 'auth' });

    // The channel then says it needs reconnecting, and why; connecting again clears it.
    await service.markNeedsReconnect(organisationId, channel.id, refused as AuthError);
    const listed = (await admin.get('/api/channels')).body.find((c: { id: string }) => c.id === channel.id);
    expect(listed).toMatchObject({
      status: 'needs_reconnect',
      lastError: 'X no longer accepts this connection: reconnect the account.',
    });
    const again = await admin.send('post', '/api/channels/oauth/x_account/start');
    await back(await consent(again.body.url, { account: account.id, decision: 'allow' }));
    const reconnected = (await admin.get('/api/channels')).body.find(
      (c: { id: string }) => c.id === channel.id,
    );
    expect(reconnected).toMatchObject({ status: 'connected', lastError: null });
  });

  it('says plainly when the person cancels on X, and connects nothing', async () => {
    const before = ((await admin.get('/api/channels')).body as unknown[]).length;
    const started = await admin.send('post', '/api/channels/oauth/x_account/start');
    const redirect = await consent(started.body.url, { decision: 'deny' });
    expect(redirect.searchParams.get('error')).toBe('access_denied');
    const done = await back(redirect);
    expect(outcome(done.headers['location']).get('error')).toMatch(/cancelled, so nothing was connected/);
    expect(((await admin.get('/api/channels')).body as unknown[]).length).toBe(before);
  });

  it('connects Facebook pages the person chooses, refusing one where their role cannot post', async () => {
    const owner = await sandbox.control<{ userId: string; userToken: string; pageId: string }>(
      '/_sandbox/facebook/pages',
      { name: 'Riverside Pediatrics' },
    );
    const analystOnly = await sandbox.control<{ pageId: string }>('/_sandbox/facebook/pages', {
      name: 'Riverside Foundation',
      tasks: ['ANALYZE'],
      userToken: owner.userToken,
    });
    const started = await admin.send('post', '/api/channels/oauth/facebook_page/start');
    expect(started.status).toBe(200);
    expect(new URL(started.body.url).searchParams.get('scope')).toContain('pages_manage_posts');
    const redirect = await consent(started.body.url, { user: owner.userId, decision: 'allow' });
    const done = await back(redirect);
    const choiceId = outcome(done.headers['location']).get('choose');
    expect(choiceId).toBeTruthy();

    const offered = await admin.get(`/api/channels/oauth-choices/${choiceId}`);
    expect(offered.status).toBe(200);
    expect(JSON.stringify(offered.body)).not.toContain(owner.userToken);
    expect(offered.body.choices).toEqual(
      expect.arrayContaining([
        {
          id: owner.pageId,
          name: 'Riverside Pediatrics',
          unavailableReason: null,
          sharedWithAnotherOrganisation: false,
        },
        {
          id: analystOnly.pageId,
          name: 'Riverside Foundation',
          unavailableReason: expect.stringMatching(/CREATE_CONTENT/),
          sharedWithAnotherOrganisation: false,
        },
      ]),
    );
    expect(
      (await admin.send('post', `/api/channels/oauth-choices/${choiceId}`, { ids: ['nope'] })).status,
    ).toBe(422);
    const chosen = await admin.send('post', `/api/channels/oauth-choices/${choiceId}`, {
      ids: [owner.pageId, analystOnly.pageId],
    });
    expect(chosen.status).toBe(200);
    expect(chosen.body.connected.map((c: { displayName: string }) => c.displayName)).toEqual([
      'Riverside Pediatrics',
    ]);
    expect(chosen.body.refused).toEqual([
      {
        id: analystOnly.pageId,
        name: 'Riverside Foundation',
        message: expect.stringMatching(/does not allow creating posts/),
      },
    ]);
    // A choice is used once.
    expect((await admin.get(`/api/channels/oauth-choices/${choiceId}`)).status).toBe(422);
  });

  it('warns in the account choice when another organisation has the account, and connects only when confirmed', async () => {
    const page = await sandbox.control<{ userId: string; userToken: string; pageId: string }>(
      '/_sandbox/facebook/pages',
      { name: 'Shared Pediatrics' },
    );
    const xAccount = await sandbox.control<{ id: string }>('/_sandbox/x/accounts', {
      username: 'sharedpeds',
      name: 'Shared Pediatrics',
    });
    // Riverside has both connected.
    const fbStart = await admin.send('post', '/api/channels/oauth/facebook_page/start');
    const fbBack = await back(await consent(fbStart.body.url, { user: page.userId, decision: 'allow' }));
    const riversideChoice = outcome(fbBack.headers['location']).get('choose');
    expect(
      (await admin.send('post', `/api/channels/oauth-choices/${riversideChoice}`, { ids: [page.pageId] }))
        .body.connected,
    ).toHaveLength(1);
    const xStart = await admin.send('post', '/api/channels/oauth/x_account/start');
    const xBack = await back(await consent(xStart.body.url, { account: xAccount.id, decision: 'allow' }));
    expect(outcome(xBack.headers['location']).get('connected')).toBe('@sharedpeds');

    // The same person, now working for Lakeside, signs in with the same accounts.
    const lakeside = (await admin.get('/api/auth/me')).body.organisations.find(
      (o: { name: string }) => o.name === 'Lakeside Pediatrics',
    );
    expect(
      (await admin.send('post', '/api/auth/switch-organisation', { organisationId: lakeside.id })).status,
    ).toBe(200);
    const lakesideChannels = async () => ((await admin.get('/api/channels')).body as unknown[]).length;
    try {
      for (const [kind, fields, id, name] of [
        ['facebook_page', { user: page.userId, decision: 'allow' }, page.pageId, 'Shared Pediatrics'],
        ['x_account', { account: xAccount.id, decision: 'allow' }, xAccount.id, '@sharedpeds'],
      ] as const) {
        const started = await admin.send('post', `/api/channels/oauth/${kind}/start`);
        const done = await back(await consent(started.body.url, fields));
        const choiceId = outcome(done.headers['location']).get('choose');
        expect(choiceId).toBeTruthy();
        const offered = await admin.get(`/api/channels/oauth-choices/${choiceId}`);
        expect(offered.body.choices).toContainEqual({
          id,
          name,
          unavailableReason: null,
          sharedWithAnotherOrganisation: true,
        });
        const warned = await admin.send('post', `/api/channels/oauth-choices/${choiceId}`, { ids: [id] });
        expect(warned.status).toBe(409);
        expect(warned.body.message).toMatch(/already connected to another organisation/);
        expect(warned.body.message).not.toMatch(/Riverside/);
        expect(await lakesideChannels()).toBe(kind === 'facebook_page' ? 0 : 1);
        const confirmed = await admin.send('post', `/api/channels/oauth-choices/${choiceId}`, {
          ids: [id],
          confirmSharedAccount: true,
        });
        expect(confirmed.status).toBe(200);
        expect(confirmed.body.connected.map((c: { displayName: string }) => c.displayName)).toEqual([name]);
      }
      expect(await lakesideChannels()).toBe(2);
    } finally {
      const riverside = (await admin.get('/api/auth/me')).body.organisations.find(
        (o: { name: string }) => o.name === 'Riverside Family Medicine',
      );
      await admin.send('post', '/api/auth/switch-organisation', { organisationId: riverside.id });
    }
  });

  it('keeps the sign-in to the person who started it, and to managers of channels', async () => {
    const started = await admin.send('post', '/api/channels/oauth/x_account/start');
    const account = await sandbox.control<{ id: string }>('/_sandbox/x/accounts', {
      username: 'someoneelse',
      name: 'x',
    });
    const redirect = await consent(started.body.url, { account: account.id, decision: 'allow' });
    const priya = new Browser(testApi.app);
    await priya.signIn('priya@riverside.example');
    expect((await priya.get(`${redirect.pathname}${redirect.search}`)).status).toBe(403);
    expect((await priya.send('post', '/api/channels/oauth/x_account/start')).status).toBe(403);
    expect((await admin.send('post', '/api/channels/oauth/not_a_kind/start')).status).toBe(422);
  });
});
