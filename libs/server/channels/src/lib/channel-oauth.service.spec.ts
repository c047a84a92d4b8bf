import { randomBytes } from 'node:crypto';
import { Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import type { AppConfig } from '@carecast/server/config';
import { ConflictError, DependencyUnavailableError, SecretBox, ValidationError } from '@carecast/server/core';
import type { ChannelAdapter, OAuthConnector } from './channel-adapter';
import { ChannelAdapterRegistry } from './channel-adapter.registry';
import { ChannelOAuthService } from './channel-oauth.service';
import { PendingOAuthStore } from './pending-oauth.store';
import { SharedAccountError } from './shared-account-error';
import type { ChannelsService } from './channels.service';

const config = {
  http: { publicUrl: 'https://carecast.example/' },
  redis: { prefix: 'cc' },
  encryption: { keys: { k1: randomBytes(32) }, activeKeyId: 'k1' },
} as unknown as AppConfig;

const connector = (available: boolean): OAuthConnector => ({
  available,
  start: (redirectUri) => ({
    url: `https://x.example/authorize?r=${redirectUri}`,
    state: 'st',
    secret: 'verifier',
  }),
  finish: jest.fn(),
});

const adapter = (kind: ChannelAdapter['kind'], oauth?: OAuthConnector): ChannelAdapter => ({
  kind,
  capabilities: {
    mentions: false,
    reply: false,
    hide: false,
    metrics: false,
    findRecent: false,
    maxImages: 0,
  },
  ...(oauth ? { oauth } : {}),
  verifyCredentials: jest.fn(),
  publish: jest.fn(),
  delete: jest.fn(),
});

const ctx = {
  organisationId: 'o1',
  actorUserId: 'u1',
  actorLabel: 'a@example.org',
  ip: null,
  userAgent: null,
  requestId: null,
};

function service(redis: Partial<Redis>) {
  const registry = new ChannelAdapterRegistry([
    adapter('x_account', connector(true)),
    adapter('facebook_page', connector(false)),
    adapter('wordpress_blog'),
  ]);
  return new ChannelOAuthService(
    registry,
    {} as ChannelsService,
    new SecretBox(config),
    new PendingOAuthStore(redis as Redis, config),
    config,
  );
}

describe('ChannelOAuthService', () => {
  it('offers the sign-in only where an adapter has a configured connector', () => {
    expect(
      service({})
        .options()
        .map((o) => [o.kind, o.oauth]),
    ).toEqual([
      ['x_account', true],
      ['facebook_page', false],
      ['wordpress_blog', false],
    ]);
  });

  it('keeps the verifier server-side (encrypted) and sends back to PUBLIC_URL', async () => {
    const set = jest.fn().mockResolvedValue('OK');
    const started = await service({ set }).start(ctx, 'x_account');
    expect(started.url).toBe(
      'https://x.example/authorize?r=https://carecast.example/api/channels/oauth/x_account/callback',
    );
    const [key, value, , ttl] = set.mock.calls[0];
    expect(key).toBe('cc:channel-oauth:state:st');
    expect(ttl).toBe(600);
    expect(value).not.toContain('verifier');
    expect(JSON.parse(value)).toMatchObject({ organisationId: 'o1', userId: 'u1', kind: 'x_account' });
  });

  it('refuses kinds without a configured sign-in, naming the field', async () => {
    await expect(service({}).start(ctx, 'facebook_page')).rejects.toMatchObject({
      violations: [expect.objectContaining({ field: 'kind', rule: 'oauthUnavailable' })],
    });
    await expect(service({}).start(ctx, 'wordpress_blog')).rejects.toBeInstanceOf(ValidationError);
  });

  it('says the sign-in is unavailable for a moment while Redis is away', async () => {
    const down = jest.fn().mockRejectedValue(new Error("Stream isn't writeable"));
    await expect(service({ set: down }).start(ctx, 'x_account')).rejects.toBeInstanceOf(
      DependencyUnavailableError,
    );
    await expect(
      service({ getdel: down }).finish(ctx, 'x_account', { state: 'st', code: 'c' }),
    ).rejects.toBeInstanceOf(DependencyUnavailableError);
  });

  it("says so in plain words without Redis's own, which go to the log", async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    try {
      const down = jest.fn().mockRejectedValue(new Error('connect ECONNREFUSED 10.0.3.7:6379'));
      for (const attempt of [
        () => service({ set: down }).start(ctx, 'x_account'),
        () => service({ getdel: down }).finish(ctx, 'x_account', { state: 'st', code: 'c' }),
        () => service({ get: down }).pendingChoice(ctx, 'choice-1'),
      ]) {
        const failed = await attempt().catch((err: unknown) => err);
        expect(failed).toBeInstanceOf(DependencyUnavailableError);
        expect((failed as Error).message).toBe(
          'Sign-in with X or Facebook is unavailable for a moment: try again shortly.',
        );
      }
      expect(warn).toHaveBeenCalledTimes(3);
      expect(warn).toHaveBeenCalledWith(expect.stringContaining('connect ECONNREFUSED 10.0.3.7:6379'));
    } finally {
      warn.mockRestore();
    }
  });

  it('refuses a sign-in that another person started', async () => {
    const stored = JSON.stringify({
      organisationId: 'o1',
      userId: 'someone-else',
      kind: 'x_account',
      secret: 'x',
    });
    const getdel = jest.fn().mockResolvedValue(stored);
    await expect(service({ getdel }).finish(ctx, 'x_account', { state: 'st', code: 'c' })).rejects.toThrow(
      /took too long or was started elsewhere/,
    );
  });

  describe('a choice of accounts', () => {
    /** Redis with its real answers for the commands the store uses, in memory. */
    class MemoryRedis {
      readonly values = new Map<string, string>();
      set = jest.fn(async (key: string, value: string) => {
        this.values.set(key, value);
        return 'OK';
      });
      get = jest.fn(async (key: string) => this.values.get(key) ?? null);
      getdel = jest.fn(async (key: string) => {
        const value = this.values.get(key) ?? null;
        this.values.delete(key);
        return value;
      });
      del = jest.fn(async (key: string) => Number(this.values.delete(key)));
    }

    async function offered(shared: boolean, sharedSince = false) {
      const redis = new MemoryRedis();
      const secrets = new SecretBox(config);
      // `sharedSince`: another organisation connected the page after it was offered.
      const connect = jest.fn(
        async (
          _ctx: unknown,
          request: { settings?: Record<string, string>; confirmSharedAccount?: boolean },
        ) => {
          if (sharedSince && !request.confirmSharedAccount) throw new SharedAccountError('facebook_page');
          return { displayName: request.settings?.['pageId'] };
        },
      );
      const oauth = new ChannelOAuthService(
        new ChannelAdapterRegistry([adapter('facebook_page', connector(true))]),
        { connect } as unknown as ChannelsService,
        secrets,
        new PendingOAuthStore(redis as unknown as Redis, config),
        config,
      );
      const id = 'choice-1';
      await redis.set(
        `cc:channel-oauth:choice:${id}`,
        JSON.stringify({
          organisationId: 'o1',
          userId: 'u1',
          kind: 'facebook_page',
          credentials: secrets.encrypt(JSON.stringify({ userAccessToken: 't' }), `oauth-choice:${id}`),
          choices: [
            {
              id: 'p1',
              name: 'Riverside',
              unavailableReason: null,
              settings: { pageId: 'p1' },
              sharedWithAnotherOrganisation: shared,
            },
          ],
        }),
      );
      return { oauth, connect, redis, id };
    }

    it('is used once, read and deleted in one step: two submits at once connect once', async () => {
      const { oauth, connect, redis, id } = await offered(false);
      const results = await Promise.allSettled([
        oauth.choose(ctx, id, ['p1']),
        oauth.choose(ctx, id, ['p1']),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
      expect(connect).toHaveBeenCalledTimes(1);
      expect(redis.getdel).toHaveBeenCalledWith(`cc:channel-oauth:choice:${id}`);
      await expect(oauth.pendingChoice(ctx, id)).rejects.toThrow(/expired/);
    });

    it('warns about an account another organisation has connected (409) and keeps the choice until confirmed', async () => {
      const { oauth, connect, id } = await offered(true);
      expect((await oauth.pendingChoice(ctx, id)).choices[0].sharedWithAnotherOrganisation).toBe(true);
      const warned = await oauth.choose(ctx, id, ['p1']).catch((e: unknown) => e);
      expect(warned).toBeInstanceOf(ConflictError);
      expect((warned as Error).message).toMatch(/already connected to another organisation/);
      expect(connect).not.toHaveBeenCalled();
      const result = await oauth.choose(ctx, id, ['p1'], true);
      expect(result.connected).toHaveLength(1);
      expect(connect).toHaveBeenCalledWith(ctx, expect.objectContaining({ confirmSharedAccount: true }));
    });

    it('keeps the choice for the confirmation when the account became shared after it was offered', async () => {
      const { oauth, connect, id } = await offered(false, true);
      const warned = await oauth.choose(ctx, id, ['p1']).catch((e: unknown) => e);
      expect(warned).toBeInstanceOf(ConflictError);
      expect((warned as Error).message).toMatch(/already connected to another organisation/);
      // The choice is still there, and now says the account is shared.
      expect((await oauth.pendingChoice(ctx, id)).choices).toEqual([
        expect.objectContaining({ id: 'p1', sharedWithAnotherOrganisation: true }),
      ]);
      const result = await oauth.choose(ctx, id, ['p1'], true);
      expect(result).toEqual({ connected: [{ displayName: 'p1' }], refused: [] });
      expect(connect).toHaveBeenLastCalledWith(ctx, expect.objectContaining({ confirmSharedAccount: true }));
      await expect(oauth.pendingChoice(ctx, id)).rejects.toThrow(/expired/);
    });
  });
});
