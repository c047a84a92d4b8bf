import { Client } from 'pg';
import { SandboxProcess } from '@carecast/server/testing';
import { Browser } from '../identity/session-client.spec-helper';
import { startTestApi, type TestApi } from '../test-api.spec-helper';

const UNREACHABLE = 'Could not reach a WordPress site there. Check the site address.';

describe('connecting a WordPress blog: site address and credential checks', () => {
  let sandbox: SandboxProcess;
  let testApi: TestApi;
  let admin: Browser;
  let sql: Client;
  let site: { username: string; applicationPassword: string };

  beforeAll(async () => {
    sandbox = await SandboxProcess.start();
    // No private address allowed: as in production.
    testApi = await startTestApi('wordpress-connect', { platforms: { wordpressAllowedPrivateHosts: [] } });
    admin = new Browser(testApi.app);
    await admin.signIn('admin@riverside.example');
    sql = new Client({ connectionString: testApi.db.url });
    await sql.connect();
    const created = await sandbox.control<{ username: string; applicationPassword: string }>(
      '/_sandbox/wordpress/sites',
      { site: 'riverside', role: 'editor' },
    );
    site = { username: created.username, applicationPassword: created.applicationPassword };
  });

  afterAll(async () => {
    await sql?.end();
    await testApi?.close();
    await sandbox?.stop();
  });

  const channels = async () =>
    (await sql.query(`SELECT count(*)::int AS n FROM channel`)).rows[0].n as number;

  it('refuses a site on a loopback or metadata address with the one generic answer, storing nothing', async () => {
    const before = await channels();
    for (const siteUrl of [
      `${sandbox.url}/wp/riverside`,
      sandbox.url.replace('127.0.0.1', 'localhost') + '/wp/riverside',
      'http://169.254.169.254/latest/meta-data',
      'http://[::1]:22',
    ]) {
      const res = await admin.send('post', '/api/channels', {
        kind: 'wordpress_blog',
        credentials: site,
        settings: { siteUrl },
      });
      expect(res.status).toBe(422);
      expect(res.body.message).toBe(UNREACHABLE);
    }
    expect(await channels()).toBe(before);
  });

  it.each([
    [
      'a number',
      { username: 'editor', applicationPassword: 12345 },
      'credentials.applicationPassword must be a string.',
    ],
    [
      'an object',
      { username: 'editor', applicationPassword: { raw: 'x' } },
      'credentials.applicationPassword must be a string.',
    ],
    [
      'null',
      { username: 'editor', applicationPassword: null },
      'credentials.applicationPassword must be a string.',
    ],
    [
      'an array as username',
      { username: ['editor'], applicationPassword: 'abcd efgh' },
      'credentials.username must be a string.',
    ],
    [
      'a missing password',
      { username: 'editor' },
      'credentials.applicationPassword is required for wordpress_blog.',
    ],
    [
      'a field of another kind',
      { username: 'editor', applicationPassword: 'x', accessToken: 'y' },
      'credentials.accessToken is not taken for wordpress_blog (it takes username, applicationPassword).',
    ],
  ])(
    'answers WordPress credentials with %s with a 400 naming the field',
    async (_case, credentials, message) => {
      const res = await admin.send('post', '/api/channels', {
        kind: 'wordpress_blog',
        credentials,
        settings: { siteUrl: 'https://blog.example.org' },
      });
      expect(res.status).toBe(400);
      expect(res.body.details).toContainEqual({ field: 'credentials', rule: 'fitsChannelKind', message });
    },
  );

  it('type-checks the credentials and settings of the other kinds too', async () => {
    const cases: Array<[object, string]> = [
      [{ kind: 'x_account', credentials: { accessToken: 42 } }, 'credentials.accessToken must be a string.'],
      [
        { kind: 'x_account', credentials: { oauth1Token: 'a' } },
        'credentials for x_account need accessToken, or oauth1Token and oauth1Secret.',
      ],
      [
        { kind: 'facebook_page', credentials: { userAccessToken: 't' }, settings: { pageId: 7 } },
        'settings.pageId must be a string.',
      ],
      [
        { kind: 'carecast_blog', credentials: { token: 'x' } },
        'credentials.token is not taken for carecast_blog (it takes nothing).',
      ],
      [
        {
          kind: 'wordpress_blog',
          credentials: { username: 'a', applicationPassword: 'b' },
          settings: { siteUrl: ['https://a.example'] },
        },
        'settings.siteUrl must be a string.',
      ],
      [
        { kind: 'wordpress_blog', credentials: { username: 'a', applicationPassword: 'b' } },
        'settings.siteUrl is required for wordpress_blog.',
      ],
      [
        { kind: 'wordpress_blog', credentials: { username: 'a', applicationPassword: 'b' }, settings: null },
        'settings must be an object.',
      ],
    ];
    for (const [body, message] of cases) {
      const res = await admin.send('post', '/api/channels', body);
      expect(res.status).toBe(400);
      expect(res.body.details.map((d: { message: string }) => d.message)).toContain(message);
    }
  });
});
