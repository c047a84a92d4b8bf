import { randomBytes } from 'node:crypto';
import { generateSync } from 'otplib';
import { Client } from 'pg';
import { ChannelCredentialsService } from '@carecast/server/channels';
import { testAppConfig } from '@carecast/server/testing';
import { Browser } from './identity/session-client.spec-helper';
import { createSecretRotation } from './secret-rotation';
import { infra, startTestApi, type TestApi } from './test-api.spec-helper';

const k1 = randomBytes(32);

describe('secrets at rest: encrypted, and re-encrypted under a new key', () => {
  let testApi: TestApi;
  let sql: Client;

  beforeAll(async () => {
    testApi = await startTestApi('rotation', { encryption: { keys: { k1 }, activeKeyId: 'k1' } });
    sql = new Client({ connectionString: testApi.db.url });
    await sql.connect();
  });

  afterAll(async () => {
    await sql?.end();
    await testApi?.close();
  });

  it('stores channel tokens and MFA secrets only encrypted, and rotates them to the new key', async () => {
    const credentials = testApi.app.get(ChannelCredentialsService);
    // A channel with a platform token.
    const org = await sql.query(`SELECT id FROM organisation WHERE slug = 'riverside-family-medicine'`);
    const channel = await sql.query(
      `INSERT INTO channel (organisation_id, kind, display_name, external_account_id) VALUES ($1, 'x_account', '@riverside', '42') RETURNING id`,
      [org.rows[0].id],
    );
    const channelId = channel.rows[0].id as string;
    const token = 'x-access-token-THIS-MUST-NOT-LEAK';
    await credentials.store(channelId, { accessToken: token, refreshToken: 'refresh-THIS-MUST-NOT-LEAK' });
    // A user with MFA.
    const b = new Browser(testApi.app);
    await b.signIn('dana@riverside.example');
    const setup = await b.send('post', '/api/auth/mfa/setup');
    await b.send('post', '/api/auth/mfa/enable', { code: generateSync({ secret: setup.body.secret }) });

    const raw = async () => {
      const c = await sql.query(`SELECT credentials FROM channel WHERE id = $1`, [channelId]);
      const u = await sql.query(`SELECT mfa_secret FROM app_user WHERE email = 'dana@riverside.example'`);
      return { credentials: c.rows[0].credentials as string, mfa: u.rows[0].mfa_secret as string };
    };
    const before = await raw();
    expect(before.credentials).not.toContain('MUST-NOT-LEAK');
    expect(before.mfa).not.toContain(setup.body.secret);
    expect(before.credentials).toMatch(/^v1\.k1\./);
    expect(await credentials.load(channelId)).toEqual({
      accessToken: token,
      refreshToken: 'refresh-THIS-MUST-NOT-LEAK',
    });

    // Rotate: a new key first, the old one still listed.
    const base = testAppConfig({
      databaseUrl: testApi.db.url,
      redisUrl: infra.REDIS_URL,
      redisPrefix: testApi.redisPrefix,
    });
    const rotatedConfig = { ...base, encryption: { keys: { k2: randomBytes(32), k1 }, activeKeyId: 'k2' } };
    const result = await createSecretRotation(rotatedConfig);
    expect(result).toEqual({ mfaSecrets: 1, channelCredentials: 1 });
    const after = await raw();
    expect(after.credentials).toMatch(/^v1\.k2\./);
    expect(after.mfa).toMatch(/^v1\.k2\./);
    expect(after.credentials).not.toContain('MUST-NOT-LEAK');

    // The api, once restarted with the new key only, reads both back.
    const onlyNewKey = {
      ...rotatedConfig,
      encryption: { keys: { k2: rotatedConfig.encryption.keys.k2 }, activeKeyId: 'k2' },
    };
    const restarted = await startTestApi('rotation', {
      db: testApi.db,
      redisPrefix: testApi.redisPrefix,
      encryption: onlyNewKey.encryption,
    });
    try {
      expect(await restarted.app.get(ChannelCredentialsService).load(channelId)).toMatchObject({
        accessToken: token,
      });
      const signIn = await new Browser(restarted.app).signIn('dana@riverside.example');
      expect(signIn.body).toEqual({ status: 'mfa_required' });
    } finally {
      await restarted.close();
    }

    // Running it again finds nothing left to do.
    expect(await createSecretRotation(rotatedConfig)).toEqual({ mfaSecrets: 0, channelCredentials: 0 });
  });
});
