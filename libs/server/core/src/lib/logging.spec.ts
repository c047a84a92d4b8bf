import { redactUrl } from './logging.module';

describe('request URLs in the logs', () => {
  it('hide one-time codes and tokens, and keep everything else', () => {
    expect(redactUrl('/api/channels/oauth/x_account/callback?state=abc&code=xyz')).toBe(
      '/api/channels/oauth/x_account/callback?state=%5Bredacted%5D&code=%5Bredacted%5D',
    );
    expect(
      redactUrl('/api/webhooks/facebook?hub.mode=subscribe&hub.verify_token=s3cret&hub.challenge=42'),
    ).toBe('/api/webhooks/facebook?hub.mode=subscribe&hub.verify_token=%5Bredacted%5D&hub.challenge=42');
    expect(redactUrl('/api/audit?action=channel.connected&cursor=10')).toBe(
      '/api/audit?action=channel.connected&cursor=10',
    );
    expect(redactUrl('/api/health/ready')).toBe('/api/health/ready');
  });
});
