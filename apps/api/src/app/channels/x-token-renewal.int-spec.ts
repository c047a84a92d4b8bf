import { Client } from 'pg';
import {
  type AuthError,
  ChannelAdapterRegistry,
  type ChannelCredentials,
  ChannelCredentialsService,
  ChannelsService,
} from '@carecast/server/channels';
import { SandboxProcess } from '@carecast/server/testing';
import { Browser } from '../identity/session-client.spec-helper';
import { startTestApi, type TestApi } from '../test-api.spec-helper';

/** How long a request to X may wait for an answer here (15 s in the product), so the tests stay fast. */
const X_REQUEST_TIMEOUT_MS = 1_000;

interface RefreshUse {
  accountId: string;
  accepted: boolean;
}

/**
 * X rotates its OAuth 2.0 pair on every refresh and refuses a refresh token used before, while
 * several workers hold the same channel's credentials: real PostgreSQL, the sandbox as a process.
 */
describe('X token renewal shared by several workers', () => {
  let sandbox: SandboxProcess;
  let testApi: TestApi;
  let admin: Browser;
  let organisationId: string;
  let channels: ChannelsService;
  let credentials: ChannelCredentialsService;
  let sql: Client;

  beforeAll(async () => {
    sandbox = await SandboxProcess.start();
    await sandbox.control('/_sandbox/x/oauth/clients', {
      clientId: 'carecast-test-client',
      clientSecret: 'carecast-test-secret',
    });
    testApi = await startTestApi('x_token_renewal', {
      platforms: {
        xApiBaseUrl: sandbox.url,
        xOAuth2: {
          clientId: 'carecast-test-client',
          clientSecret: 'carecast-test-secret',
          authorizeUrl: `${sandbox.url}/i/oauth2/authorize`,
        },
        xRequestTimeoutMs: X_REQUEST_TIMEOUT_MS,
      },
    });
    admin = new Browser(testApi.app);
    await admin.signIn('admin@riverside.example');
    organisationId = (await admin.get('/api/auth/me')).body.organisation.id;
    channels = testApi.app.get(ChannelsService);
    credentials = testApi.app.get(ChannelCredentialsService);
    sql = new Client({ connectionString: testApi.db.url });
    await sql.connect();
  });

  afterAll(async () => {
    await sql?.end();
    await testApi?.close();
    await sandbox?.stop();
  });

  /** Connect an X account through the sandbox's sign-in, as a person would. */
  async function connectX(username: string): Promise<{ accountId: string; channelId: string }> {
    const account = await sandbox.control<{ id: string }>('/_sandbox/x/accounts', {
      username,
      name: username,
    });
    const started = await admin.send('post', '/api/channels/oauth/x_account/start');
    const consent = new URLSearchParams(new URL(started.body.url).searchParams);
    consent.set('account', account.id);
    consent.set('decision', 'allow');
    const allowed = await fetch(`${sandbox.url}/i/oauth2/authorize`, {
      method: 'POST',
      body: consent,
      redirect: 'manual',
    });
    const back = new URL(allowed.headers.get('location') ?? '');
    const done = await admin.get(`${back.pathname}${back.search}`);
    expect(new URL(done.headers['location'], 'http://carecast.test').searchParams.get('connected')).toBe(
      `@${username}`,
    );
    const channel = (
      (await admin.get('/api/channels')).body as Array<{ id: string; displayName: string }>
    ).find((c) => c.displayName === `@${username}`);
    if (!channel) throw new Error(`@${username} is not listed`);
    return { accountId: account.id, channelId: channel.id };
  }

  /** The stored pair's access token expires, at X and in what is stored. */
  async function expireStoredPair(channelId: string): Promise<ChannelCredentials> {
    const current = await credentials.load(channelId);
    await sandbox.control('/_sandbox/x/tokens/expire', { token: current['accessToken'] });
    const stale = { ...current, expiresAt: new Date(0).toISOString() };
    await credentials.store(channelId, stale);
    return stale;
  }

  const refreshesOf = async (accountId: string) =>
    (await sandbox.control<{ data: RefreshUse[] }>(`/_sandbox/x/oauth/refreshes?account=${accountId}`)).data;

  const statusOf = async (channelId: string) =>
    (
      (await admin.get('/api/channels')).body as Array<{
        id: string;
        status: string;
        lastError: string | null;
      }>
    ).find((c) => c.id === channelId);

  it('lets two workers holding the same expired pair both publish, X seeing its refresh token used once', async () => {
    const { accountId, channelId } = await connectX('renewedonce');
    const stale = await expireStoredPair(channelId);
    const [one, two] = await Promise.all([
      channels.adapterFor(organisationId, channelId),
      channels.adapterFor(organisationId, channelId),
    ]);
    expect(one.ctx.credentials).toEqual(stale);
    expect(two.ctx.credentials).toEqual(stale);
    // X takes its time over the refresh, so both workers want to renew at the same moment.
    await sandbox.control('/_sandbox/x/failures', {
      path: 'POST /2/oauth2/token',
      kind: 'slow',
      delayMs: 400,
      account: accountId,
    });

    const posted = await Promise.all([
      one.adapter.publish(one.ctx, { text: 'Saturday hours: 8 to noon.' }),
      two.adapter.publish(two.ctx, { text: 'Flu shots: walk in any weekday.' }),
    ]);

    expect(posted).toEqual([
      expect.objectContaining({ externalId: expect.stringMatching(/^\d+$/) }),
      expect.objectContaining({ externalId: expect.stringMatching(/^\d+$/) }),
    ]);
    expect(await refreshesOf(accountId)).toEqual([expect.objectContaining({ accountId, accepted: true })]);
    const stored = await credentials.load(channelId);
    expect(stored['refreshToken']).not.toBe(stale['refreshToken']);
    expect(stored['accessToken']).not.toBe(stale['accessToken']);
    expect(one.ctx.credentials).toEqual(stored);
    expect(two.ctx.credentials).toEqual(stored);
    expect(await statusOf(channelId)).toMatchObject({ status: 'connected', lastError: null });

    // The stored pair is the newest X issued: its refresh token renews it again.
    const later = await channels.adapterFor(organisationId, channelId);
    later.ctx.credentials = { ...later.ctx.credentials, expiresAt: new Date(0).toISOString() };
    await expect(later.adapter.verifyCredentials(later.ctx)).resolves.toMatchObject({
      displayName: '@renewedonce',
    });
    expect(await refreshesOf(accountId)).toEqual([
      expect.objectContaining({ accepted: true }),
      expect.objectContaining({ accepted: true }),
    ]);
    expect((await credentials.load(channelId))['refreshToken']).toBe(later.ctx.credentials['refreshToken']);
  });

  it('uses the pair another worker stored when X refuses an access token that has not yet expired', async () => {
    const { accountId, channelId } = await connectX('refusedthenreread');
    const held = await channels.adapterFor(organisationId, channelId);
    // Another worker renewed the pair meanwhile; X refuses the access token this one holds.
    const other = await channels.adapterFor(organisationId, channelId);
    other.ctx.credentials = { ...other.ctx.credentials, expiresAt: new Date(0).toISOString() };
    await other.adapter.verifyCredentials(other.ctx);
    await sandbox.control('/_sandbox/x/tokens/expire', { token: held.ctx.credentials['accessToken'] });

    await expect(held.adapter.publish(held.ctx, { text: 'New patients welcome.' })).resolves.toMatchObject({
      externalId: expect.stringMatching(/^\d+$/),
    });
    expect(held.ctx.credentials).toEqual(await credentials.load(channelId));
    expect(await refreshesOf(accountId)).toEqual([expect.objectContaining({ accepted: true })]);
  });

  it('still ends in needs_reconnect when X refuses the stored refresh token, leaving the stored pair as it was', async () => {
    const { accountId, channelId } = await connectX('revokedpair');
    const stale = await expireStoredPair(channelId);
    // The refresh token is spent elsewhere (nothing stores the pair that X gave for it): X refuses it now.
    const registry = testApi.app.get(ChannelAdapterRegistry);
    await registry
      .get('x_account')
      .verifyCredentials({ organisationId, credentials: { ...stale }, settings: {} });

    const worker = await channels.adapterFor(organisationId, channelId);
    const refused = await worker.adapter
      .publish(worker.ctx, { text: 'This must not go out.' })
      .catch((err: unknown) => err);

    expect(refused).toMatchObject({
      kind: 'auth',
      message: 'X no longer accepts this connection: reconnect the account.',
    });
    expect(await credentials.load(channelId)).toEqual(stale);
    expect(await refreshesOf(accountId)).toEqual([
      expect.objectContaining({ accepted: true }),
      expect.objectContaining({ accountId, accepted: false }),
    ]);
    expect(
      (await sandbox.control<{ data: unknown[] }>(`/_sandbox/x/accounts/${accountId}/tweets`)).data,
    ).toEqual([]);
    await channels.markNeedsReconnect(organisationId, channelId, refused as AuthError);
    expect(await statusOf(channelId)).toMatchObject({
      status: 'needs_reconnect',
      lastError: 'X no longer accepts this connection: reconnect the account.',
    });
  });

  it('keeps the pair X issued when storing it with the channel locked fails', async () => {
    const { accountId, channelId } = await connectX('savefailed');
    const stale = await expireStoredPair(channelId);
    // The first write of this channel's credentials from now on fails, after X has rotated the pair.
    await sql.query(`CREATE SEQUENCE credential_writes`);
    await sql.query(
      `CREATE FUNCTION fail_first_credential_write() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
       BEGIN
         IF nextval('credential_writes') = 1 THEN RAISE EXCEPTION 'could not extend file: No space left on device'; END IF;
         RETURN NEW;
       END $$`,
    );
    await sql.query(
      `CREATE TRIGGER fail_first_credential_write BEFORE UPDATE OF credentials ON channel FOR EACH ROW
       WHEN (NEW.id = '${channelId}'::uuid) EXECUTE FUNCTION fail_first_credential_write()`,
    );
    try {
      const worker = await channels.adapterFor(organisationId, channelId);
      await expect(worker.adapter.publish(worker.ctx, { text: 'Closed on Monday.' })).resolves.toMatchObject({
        externalId: expect.stringMatching(/^\d+$/),
      });

      expect((await sql.query(`SELECT last_value FROM credential_writes`)).rows[0].last_value).toBe('2');
      const stored = await credentials.load(channelId);
      expect(stored['refreshToken']).not.toBe(stale['refreshToken']);
      expect(stored).toEqual(worker.ctx.credentials);
      expect(await refreshesOf(accountId)).toEqual([expect.objectContaining({ accepted: true })]);
    } finally {
      await sql.query(`DROP TRIGGER fail_first_credential_write ON channel`);
      await sql.query(`DROP FUNCTION fail_first_credential_write()`);
      await sql.query(`DROP SEQUENCE credential_writes`);
    }

    // What was stored is what X issued last: a later worker renews with it.
    const later = await channels.adapterFor(organisationId, channelId);
    later.ctx.credentials = { ...later.ctx.credentials, expiresAt: new Date(0).toISOString() };
    await expect(later.adapter.verifyCredentials(later.ctx)).resolves.toMatchObject({
      displayName: '@savefailed',
    });
    expect(await statusOf(channelId)).toMatchObject({ status: 'connected' });
  });

  it('gives up on a token endpoint that does not answer, releasing the channel lock (retry later)', async () => {
    const { accountId, channelId } = await connectX('hungtokens');
    const stale = await expireStoredPair(channelId);
    await sandbox.control('/_sandbox/x/failures', {
      path: 'POST /2/oauth2/token',
      kind: 'slow',
      delayMs: 20 * X_REQUEST_TIMEOUT_MS,
      account: accountId,
    });
    const worker = await channels.adapterFor(organisationId, channelId);

    const started = Date.now();
    const failed = await worker.adapter
      .publish(worker.ctx, { text: 'Not now.' })
      .catch((err: unknown) => err);

    expect(failed).toMatchObject({ kind: 'retryable' });
    expect(Date.now() - started).toBeLessThan(5 * X_REQUEST_TIMEOUT_MS);
    // Nothing holds the channel row any longer, and the stored pair is the one there was.
    await sql.query('BEGIN');
    try {
      await expect(
        sql.query(`SELECT id FROM channel WHERE id = $1 FOR NO KEY UPDATE NOWAIT`, [channelId]),
      ).resolves.toMatchObject({ rowCount: 1 });
    } finally {
      await sql.query('ROLLBACK');
    }
    expect(await credentials.load(channelId)).toEqual(stale);
    expect(
      (await sandbox.control<{ data: unknown[] }>(`/_sandbox/x/accounts/${accountId}/tweets`)).data,
    ).toEqual([]);
  });

  it('waits a bounded time for a channel another worker holds locked, then asks to retry later', async () => {
    const { channelId } = await connectX('lockedchannel');
    await expireStoredPair(channelId);
    const worker = await channels.adapterFor(organisationId, channelId);
    const holder = new Client({ connectionString: testApi.db.url });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query(`SELECT id FROM channel WHERE id = $1 FOR NO KEY UPDATE`, [channelId]);

      const failed = await worker.adapter.verifyCredentials(worker.ctx).catch((err: unknown) => err);

      expect(failed).toMatchObject({ kind: 'retryable', message: expect.stringMatching(/try again/i) });
    } finally {
      await holder.query('ROLLBACK');
      await holder.end();
    }
  });
});
