import { ConfigError, loadSandboxConfig } from '@carecast/server/config';
import { createFacebookState } from './app/facebook';
import { subscribeWebhook } from './app/facebook/facebook-subscription';
import { createSandbox } from './app/sandbox';
import { XState } from './app/x/x-emulator';

try {
  const config = loadSandboxConfig();
  const facebook = createFacebookState();
  subscribeWebhook(facebook, config.facebookWebhook);
  const x = new XState();
  if (config.xClient) x.oauth.registerClient(config.xClient.clientId, config.xClient.clientSecret);
  const server = createSandbox({ facebook, x }).listen(config.port, config.host, () => {
    console.log(`Carecast sandbox listening on http://${config.host}:${config.port}`);
    if (config.facebookWebhook) {
      console.log(`Facebook webhook notifications of new comments go to ${config.facebookWebhook.url}`);
    }
  });
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => server.close(() => process.exit(0)));
  }
} catch (err) {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
}
