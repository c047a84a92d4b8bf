// Renewal (one worker at a time, renewed credentials never dropped) and key rotation of the
// encrypted channel credentials, against an in-memory credentials column.
import { Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import type { AppConfig } from '@carecast/server/config';
import { NotFoundError, SecretBox } from '@carecast/server/core';
import type { Tx } from '@carecast/server/database';
import { inlineTransactionRunner } from '@carecast/server/testing';
import type { ChannelCredentials } from './channel-adapter';
import type { ChannelCredentialsRepository } from './channel-credentials.repository';
import { ChannelCredentialsService } from './channel-credentials.service';

const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';
const TX = { tx: true } as unknown as Tx;
const k1 = randomBytes(32);
const k2 = randomBytes(32);
const config = (active: string) =>
  ({
    encryption: { keys: { k1, k2 }, activeKeyId: active },
    platforms: { xRequestTimeoutMs: 15_000 },
  }) as unknown as AppConfig;

describe('channel credentials renewal and rotation', () => {
  let rows: Map<string, string>;
  let repository: {
    get: jest.Mock;
    getForUpdate: jest.Mock;
    set: jest.Mock;
    replace: jest.Mock;
    all: jest.Mock;
  };
  let box: SecretBox;
  let service: ChannelCredentialsService;
  let warn: jest.SpyInstance;
  let error: jest.SpyInstance;

  const sealed = (channelId: string, credentials: ChannelCredentials, by = box) =>
    by.encrypt(JSON.stringify(credentials), `channel:${channelId}:credentials`);
  const opened = (channelId: string) =>
    JSON.parse(box.decrypt(rows.get(channelId) as string, `channel:${channelId}:credentials`));

  function make(active = 'k1') {
    box = new SecretBox(config(active));
    service = new ChannelCredentialsService(
      repository as unknown as ChannelCredentialsRepository,
      box,
      inlineTransactionRunner(TX),
      config(active),
    );
  }

  beforeEach(() => {
    rows = new Map();
    repository = {
      get: jest.fn(async (id: string) => rows.get(id) ?? null),
      getForUpdate: jest.fn(async (id: string) => rows.get(id) ?? null),
      set: jest.fn(async (id: string, envelope: string) => {
        rows.set(id, envelope);
      }),
      replace: jest.fn(async (id: string, replaced: string, envelope: string) => {
        if (rows.get(id) !== replaced) return false;
        rows.set(id, envelope);
        return true;
      }),
      all: jest.fn(async () => [...rows].map(([id, credentials]) => ({ id, credentials }))),
    };
    warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    error = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    make();
  });

  afterEach(() => jest.restoreAllMocks());

  it('locks the channel, waiting as long as a renewal can take, and keeps credentials that need none', async () => {
    rows.set(A, sealed(A, { accessToken: 'still-good' }));
    const renew = jest.fn(async (stored: ChannelCredentials) => stored);
    await expect(service.renew(A, renew)).resolves.toEqual({ accessToken: 'still-good' });
    expect(repository.getForUpdate).toHaveBeenCalledWith(A, TX, 20_000);
    expect(renew).toHaveBeenCalledWith({ accessToken: 'still-good' });
    expect(repository.set).not.toHaveBeenCalled();
  });

  it('stores renewed credentials encrypted for their channel, inside the lock, and answers them', async () => {
    rows.set(A, sealed(A, { accessToken: 'old', refreshToken: 'r1' }));
    const renewed = await service.renew(A, async () => ({ accessToken: 'new', refreshToken: 'r2' }));
    expect(renewed).toEqual({ accessToken: 'new', refreshToken: 'r2' });
    expect(repository.set).toHaveBeenCalledWith(A, expect.stringMatching(/^v1\.k1\./), TX);
    expect(rows.get(A)).not.toContain('new');
    expect(opened(A)).toEqual({ accessToken: 'new', refreshToken: 'r2' });
  });

  it('refuses a channel without credentials, asking for a reconnect, and renews nothing', async () => {
    const renew = jest.fn();
    await expect(service.renew(A, renew)).rejects.toThrow(
      new NotFoundError('This channel has no stored credentials: connect it again.'),
    );
    await expect(service.load(A)).rejects.toBeInstanceOf(NotFoundError);
    expect(renew).not.toHaveBeenCalled();
  });

  it('lets a failed renewal fail, storing nothing', async () => {
    rows.set(A, sealed(A, { accessToken: 'old' }));
    const before = rows.get(A);
    await expect(
      service.renew(A, async () => {
        throw new Error('X refused the refresh token');
      }),
    ).rejects.toThrow('X refused the refresh token');
    expect(rows.get(A)).toBe(before);
    expect(repository.replace).not.toHaveBeenCalled();
  });

  it('stores renewed credentials once more when the first write is rolled back, and answers them', async () => {
    rows.set(A, sealed(A, { accessToken: 'old' }));
    const replaced = rows.get(A);
    repository.set.mockRejectedValueOnce(new Error('deadlock detected'));
    await expect(service.renew(A, async () => ({ accessToken: 'new' }))).resolves.toEqual({
      accessToken: 'new',
    });
    expect(repository.replace).toHaveBeenCalledWith(A, replaced, expect.stringMatching(/^v1\.k1\./));
    expect(opened(A)).toEqual({ accessToken: 'new' });
    expect(warn).not.toHaveBeenCalled();
    expect(error).not.toHaveBeenCalled();
  });

  it('does not overwrite credentials that changed meanwhile (a reconnect), and says so', async () => {
    rows.set(A, sealed(A, { accessToken: 'old' }));
    repository.set.mockImplementationOnce(async () => {
      rows.set(A, sealed(A, { accessToken: 'reconnected' }));
      throw new Error('serialization failure');
    });
    await expect(service.renew(A, async () => ({ accessToken: 'new' }))).resolves.toEqual({
      accessToken: 'new',
    });
    expect(opened(A)).toEqual({ accessToken: 'reconnected' });
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0][0]).toBe(
      `Channel ${A}: renewed credentials not stored again, the stored ones are no longer those they replace ` +
        '(stored after all, or the channel was reconnected) (serialization failure).',
    );
  });

  it('logs renewed credentials it could not store at all, without their values', async () => {
    rows.set(A, sealed(A, { accessToken: 'old' }));
    repository.set.mockRejectedValueOnce(new Error('connection lost'));
    repository.replace.mockRejectedValueOnce('database gone');
    await expect(service.renew(A, async () => ({ accessToken: 'secret-new' }))).resolves.toEqual({
      accessToken: 'secret-new',
    });
    expect(error).toHaveBeenCalledTimes(1);
    expect(error.mock.calls[0][0]).toBe(
      `Channel ${A}: renewed credentials could not be stored (connection lost; then database gone); ` +
        'the platform may refuse the stored ones, and the channel then needs reconnecting.',
    );
    expect(JSON.stringify([warn.mock.calls, error.mock.calls])).not.toContain('secret-new');
  });

  it('re-encrypts under the active key only the credentials made with another, each for its channel', async () => {
    const old = new SecretBox(config('k1'));
    rows.set(A, sealed(A, { accessToken: 'a' }, old));
    make('k2');
    rows.set(B, sealed(B, { accessToken: 'b' }));
    const untouched = rows.get(B);
    await expect(service.rotate()).resolves.toBe(1);
    expect(repository.all).toHaveBeenCalledWith(TX);
    expect(repository.set).toHaveBeenCalledTimes(1);
    expect(repository.set).toHaveBeenCalledWith(A, expect.stringMatching(/^v1\.k2\./), TX);
    expect(rows.get(B)).toBe(untouched);
    await expect(service.load(A)).resolves.toEqual({ accessToken: 'a' });
  });
});
