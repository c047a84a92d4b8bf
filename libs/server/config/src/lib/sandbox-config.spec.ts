import { ConfigError, loadSandboxConfig } from './load';

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  throw new Error('expected a ConfigError');
}

describe('loadSandboxConfig', () => {
  it('needs no variables and sends no webhooks by default', () => {
    expect(loadSandboxConfig({})).toEqual({
      host: '127.0.0.1',
      port: 3100,
      facebookWebhook: null,
      xClient: null,
    });
  });

  it('reads the X app the emulated X knows, confidential or public', () => {
    expect(
      loadSandboxConfig({ SANDBOX_X_CLIENT_ID: 'carecast', SANDBOX_X_CLIENT_SECRET: 's3cret' }).xClient,
    ).toEqual({ clientId: 'carecast', clientSecret: 's3cret' });
    expect(loadSandboxConfig({ SANDBOX_X_CLIENT_ID: 'carecast' }).xClient).toEqual({
      clientId: 'carecast',
      clientSecret: null,
    });
  });

  it('reads the Facebook webhook subscription', () => {
    const config = loadSandboxConfig({
      SANDBOX_FACEBOOK_WEBHOOK_URL: 'http://127.0.0.1:3000/api/webhooks/facebook',
      SANDBOX_FACEBOOK_APP_SECRET: 'sandbox-app-secret',
    });
    expect(config.facebookWebhook).toEqual({
      url: 'http://127.0.0.1:3000/api/webhooks/facebook',
      appSecret: 'sandbox-app-secret',
    });
  });

  it('needs the app secret with the URL, and an http(s) URL', () => {
    expect(
      problemsOf(() => loadSandboxConfig({ SANDBOX_FACEBOOK_WEBHOOK_URL: 'http://127.0.0.1:3000/hook' })),
    ).toEqual([
      expect.stringMatching(/^SANDBOX_FACEBOOK_APP_SECRET is required when SANDBOX_FACEBOOK_WEBHOOK_URL/),
    ]);
    expect(
      problemsOf(() =>
        loadSandboxConfig({ SANDBOX_FACEBOOK_WEBHOOK_URL: 'ftp://x/hook', SANDBOX_FACEBOOK_APP_SECRET: 's' }),
      ),
    ).toEqual([
      expect.stringMatching(/^SANDBOX_FACEBOOK_WEBHOOK_URL invalid: expected an absolute http\(s\) URL/),
    ]);
  });
});
