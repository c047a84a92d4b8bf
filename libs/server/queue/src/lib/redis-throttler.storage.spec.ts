import { Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import type { AppConfig } from '@carecast/server/config';
import { RedisThrottlerStorage } from './redis-throttler.storage';

const config = { redis: { prefix: 'cc-test' } } as unknown as AppConfig;

function storage(evalResult: () => Promise<unknown>) {
  const redis = { eval: jest.fn(evalResult) };
  return { redis, store: new RedisThrottlerStorage(redis as unknown as Redis, config) };
}

describe('RedisThrottlerStorage', () => {
  let warn: jest.SpyInstance;

  beforeEach(() => {
    warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  });

  afterEach(() => {
    jest.useRealTimers();
    jest.restoreAllMocks();
  });

  it('counts under the prefixed key of the throttler and answers in whole seconds', async () => {
    const { redis, store } = storage(async () => [3, 59_001, 0]);
    await expect(store.increment('203.0.113.7', 60_000, 5, 30_000, 'sign-in')).resolves.toEqual({
      totalHits: 3,
      timeToExpire: 60,
      isBlocked: false,
      timeToBlockExpire: 0,
    });
    expect(redis.eval).toHaveBeenCalledWith(
      expect.any(String),
      2,
      'cc-test:throttle:sign-in:203.0.113.7:hits',
      'cc-test:throttle:sign-in:203.0.113.7:block',
      60_000,
      5,
      30_000,
    );
  });

  it('reports a block while one is running', async () => {
    const { store } = storage(async () => [6, 1_500, 29_200]);
    await expect(store.increment('k', 60_000, 5, 30_000, 'default')).resolves.toEqual({
      totalHits: 6,
      timeToExpire: 2,
      isBlocked: true,
      timeToBlockExpire: 30,
    });
  });

  it('never answers negative times (a key without expiry answers -1)', async () => {
    const { store } = storage(async () => [1, -1, -2]);
    await expect(store.increment('k', 60_000, 5, 30_000, 'default')).resolves.toMatchObject({
      timeToExpire: 0,
      isBlocked: false,
      timeToBlockExpire: 0,
    });
  });

  it('lets requests through while Redis is away, and says so at most once a minute', async () => {
    jest.useFakeTimers({ now: new Date('2026-03-01T09:00:00Z') });
    const { store } = storage(async () => {
      throw new Error('Connection is closed.');
    });
    const open = { totalHits: 0, timeToExpire: 0, isBlocked: false, timeToBlockExpire: 0 };

    await expect(store.increment('k', 60_000, 5, 30_000, 'default')).resolves.toEqual(open);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0][0]).toContain('Connection is closed.');

    jest.setSystemTime(new Date('2026-03-01T09:00:59Z'));
    await expect(store.increment('k', 60_000, 5, 30_000, 'default')).resolves.toEqual(open);
    expect(warn).toHaveBeenCalledTimes(1);

    jest.setSystemTime(new Date('2026-03-01T09:01:01Z'));
    await store.increment('k', 60_000, 5, 30_000, 'default');
    expect(warn).toHaveBeenCalledTimes(2);
  });
});
