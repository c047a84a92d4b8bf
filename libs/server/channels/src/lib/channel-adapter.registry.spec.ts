import type { ChannelAdapter } from './channel-adapter';
import { ChannelAdapterRegistry } from './channel-adapter.registry';
import { AuthError, DuplicateError, RetryableError, UnknownOutcomeError } from './channel-errors';

const adapter = (kind: ChannelAdapter['kind']): ChannelAdapter => ({
  kind,
  capabilities: {
    mentions: false,
    reply: false,
    hide: false,
    metrics: false,
    findRecent: false,
    maxImages: 0,
  },
  verifyCredentials: jest.fn(),
  publish: jest.fn(),
  delete: jest.fn(),
});

describe('ChannelAdapterRegistry', () => {
  it('finds each adapter by kind', () => {
    const x = adapter('x_account');
    const registry = new ChannelAdapterRegistry([x, adapter('facebook_page')]);
    expect(registry.get('x_account')).toBe(x);
    expect(registry.kinds()).toEqual(['x_account', 'facebook_page']);
  });

  it('says clearly when a kind has no adapter', () => {
    expect(() => new ChannelAdapterRegistry([]).get('wordpress_blog')).toThrow(
      'No channel adapter is registered for "wordpress_blog"',
    );
  });

  it('refuses two adapters for one kind', () => {
    expect(() => new ChannelAdapterRegistry([adapter('x_account'), adapter('x_account')])).toThrow(
      /Two channel adapters/,
    );
  });
});

describe('channel errors', () => {
  it('classify what the caller should do', () => {
    const rate = new RetryableError('X rate limit', 90_000, 'Too Many Requests');
    expect([rate.kind, rate.retryAfterMs, rate.platformMessage, rate.name]).toEqual([
      'retryable',
      90_000,
      'Too Many Requests',
      'RetryableError',
    ]);
    expect(new AuthError('token expired').kind).toBe('auth');
    expect(new DuplicateError('same text').kind).toBe('duplicate');
    expect(new UnknownOutcomeError('connection dropped after sending').kind).toBe('unknown_outcome');
  });
});
