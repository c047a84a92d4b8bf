// AuditService.verify and checkpoint against an in-memory chain: every way a rewritten,
// truncated or reordered chain must show, with the real keyed signer.
import { randomBytes } from 'node:crypto';
import type { AppConfig } from '@carecast/server/config';
import type { TransactionRunner } from '@carecast/server/database';
import { ManualClock } from '@carecast/server/testing';
import { KEYED_HMAC, UNKEYED_SHA256, type HashVersion } from './audit-hash';
import type { AuditCheckpointStore, SignedCheckpoint } from './audit-checkpoint.store';
import { AuditSigner } from './audit-signer';
import { hashedFieldsOf, type AuditRepository, type StoredEntry } from './audit.repository';
import { AuditService } from './audit.service';

const ORG = '11111111-1111-4111-8111-111111111111';
const T0 = new Date('2026-03-02T09:00:00.000Z');

const signerWith = (key: Buffer) => new AuditSigner({ audit: { hmacKey: key } } as unknown as AppConfig);

describe('audit chain verification', () => {
  let signer: AuditSigner;
  let chain: StoredEntry[];
  let lines: SignedCheckpoint[];
  let unreadable: number;
  let service: AuditService;
  let repository: { chainBatch: jest.Mock; head: jest.Mock; organisationsWithEntries: jest.Mock };
  let store: { read: jest.Mock; append: jest.Mock };

  /** Append a correctly hashed entry (of `version`) to the chain. */
  function append(version: HashVersion = KEYED_HMAC, over: Partial<StoredEntry> = {}): StoredEntry {
    const prev = chain[chain.length - 1];
    const seq = (prev?.seq ?? 0) + 1;
    const at = new Date(T0.getTime() + seq * 1000);
    const entry = {
      id: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
      organisationId: ORG,
      seq,
      at: at.toISOString(),
      atDate: at,
      action: 'auth.signed_in',
      actorUserId: 'user-1',
      actorLabel: 'marcus@riverside.example',
      entityType: 'user',
      entityId: 'user-1',
      diff: { roles: { from: ['viewer'], to: ['reviewer'] } },
      ip: '203.0.113.7',
      userAgent: 'Firefox',
      requestId: `req-${seq}`,
      prevHash: prev?.hash ?? null,
      hashVersion: version,
      hash: '',
      ...over,
    } as StoredEntry;
    entry.hash = rehash(entry);
    chain.push(entry);
    return entry;
  }

  function rehash(e: StoredEntry, by = signer): string {
    return by.entryHash(hashedFieldsOf(e));
  }

  function checkpointOf(entry: StoredEntry, reason = 'schedule', by = signer): SignedCheckpoint {
    const fields = { organisationId: ORG, seq: entry.seq, hash: entry.hash, at: T0.toISOString(), reason };
    return { ...fields, signature: by.checkpointSignature(fields) };
  }

  beforeEach(() => {
    signer = signerWith(randomBytes(32));
    chain = [];
    lines = [];
    unreadable = 0;
    repository = {
      chainBatch: jest.fn(async (_tx: unknown, org: string, afterSeq: number, limit: number) =>
        chain.filter((e) => e.organisationId === org && e.seq > afterSeq).slice(0, limit),
      ),
      head: jest.fn(async () => chain[chain.length - 1] ?? null),
      organisationsWithEntries: jest.fn(async () => (chain.length ? [ORG] : [])),
    };
    store = {
      read: jest.fn(async () => ({ checkpoints: lines, unreadable })),
      append: jest.fn(async (c: SignedCheckpoint) => {
        lines.push(c);
      }),
    };
    service = new AuditService(
      repository as unknown as AuditRepository,
      { manager: {} } as unknown as TransactionRunner,
      new ManualClock('2026-03-02T10:00:00.000Z'),
      signer,
      store as unknown as AuditCheckpointStore,
    );
  });

  const broken = async () => (await service.verify(ORG)).firstBroken;

  it('finds an intact chain intact, naming the checkpoint it compared with', async () => {
    for (let i = 0; i < 3; i++) append();
    lines.push(checkpointOf(chain[1]), checkpointOf(chain[2], 'export'));
    await expect(service.verify(ORG)).resolves.toEqual({
      intact: true,
      anchored: true,
      checked: 3,
      firstBroken: null,
      checkpoint: { seq: 3, hash: chain[2].hash, at: T0.toISOString() },
      verifiedAt: '2026-03-02T10:00:00.000Z',
    });
  });

  it('finds an empty chain intact, with no checkpoint', async () => {
    await expect(service.verify(ORG)).resolves.toMatchObject({
      intact: true,
      anchored: true,
      checked: 0,
      firstBroken: null,
      checkpoint: null,
    });
  });

  it('does not call a chain with entries but no signed checkpoint anchored (its tail could be gone)', async () => {
    for (let i = 0; i < 3; i++) append();
    await expect(service.verify(ORG)).resolves.toMatchObject({
      intact: true,
      anchored: false,
      checked: 3,
      firstBroken: null,
      checkpoint: null,
    });
    lines.push(checkpointOf(chain[1]));
    await expect(service.verify(ORG)).resolves.toMatchObject({ intact: true, anchored: true });
  });

  it('reads the chain in batches of 1,000, each after the last entry seen', async () => {
    for (let i = 0; i < 2_001; i++) append();
    await expect(service.verify(ORG)).resolves.toMatchObject({ intact: true, checked: 2_001 });
    expect(repository.chainBatch.mock.calls.map((c) => [c[1], c[2], c[3]])).toEqual([
      [ORG, 0, 1_000],
      [ORG, 1_000, 1_000],
      [ORG, 2_000, 1_000],
    ]);
  });

  it('stops after a batch of exactly 1,000 only when the next is empty', async () => {
    for (let i = 0; i < 1_000; i++) append();
    await expect(service.verify(ORG)).resolves.toMatchObject({ intact: true, checked: 1_000 });
    expect(repository.chainBatch).toHaveBeenCalledTimes(2);
  });

  it.each([
    ['action', { action: 'auth.sign_in_failed' }],
    ['actor', { actorLabel: 'someone@else.example' }],
    ['organisation', { organisationId: '22222222-2222-4222-8222-222222222222' }],
    ['user agent', { userAgent: 'curl/8' }],
    ['address', { ip: '198.51.100.1' }],
    ['request id', { requestId: 'req-x' }],
    ['changes', { diff: { roles: { from: ['viewer'], to: ['admin'] } } }],
    ['time', { atDate: new Date(T0.getTime() + 60_000) }],
    ['entity', { entityId: 'user-2' }],
  ])('names an entry whose %s was changed after it was written', async (_, change) => {
    for (let i = 0; i < 3; i++) append();
    Object.assign(chain[1], change);
    // the repository scopes by organisation; keep the changed entry in the chain read
    if ('organisationId' in change) repository.chainBatch.mockImplementation(async () => chain);
    expect(await broken()).toEqual({
      id: chain[1].id,
      seq: 2,
      at: chain[1].at,
      reason: 'its content was changed after it was written',
    });
    await expect(service.verify(ORG)).resolves.toMatchObject({ intact: false, checked: 1 });
  });

  it('names a forgery whose hash was recomputed without the key', async () => {
    for (let i = 0; i < 3; i++) append();
    chain[2].action = 'auth.signed_out';
    chain[2].hash = rehash(chain[2], signerWith(randomBytes(32)));
    expect((await broken())?.reason).toBe('its content was changed after it was written');
  });

  it('names a rewritten entry whose hash and link were both recomputed with the key', async () => {
    for (let i = 0; i < 3; i++) append();
    chain[1].action = 'auth.signed_out';
    chain[1].hash = rehash(chain[1]);
    expect(await broken()).toMatchObject({ seq: 3, reason: 'its link to the previous entry does not match' });
  });

  it('names an entry whose link was cut (first entry pointing somewhere)', async () => {
    append(KEYED_HMAC, { prevHash: 'f'.repeat(64) });
    expect(await broken()).toMatchObject({ seq: 1, reason: 'its link to the previous entry does not match' });
  });

  it('names one missing entry, and several, before the next one', async () => {
    for (let i = 0; i < 5; i++) append();
    chain.splice(1, 1);
    expect(await broken()).toMatchObject({ seq: 3, reason: 'entry 2 is missing before this one' });
    chain.splice(1, 2);
    expect(await broken()).toMatchObject({ seq: 5, reason: 'entries 2–4 are missing before this one' });
  });

  it('names a chain that does not start at 1', async () => {
    for (let i = 0; i < 3; i++) append();
    chain.shift();
    expect(await broken()).toMatchObject({ seq: 2, reason: 'entry 1 is missing before this one' });
  });

  it('names entries cut from the end, against the latest signed checkpoint', async () => {
    for (let i = 0; i < 5; i++) append();
    lines.push(checkpointOf(chain[2]), checkpointOf(chain[4]));
    chain.pop();
    await expect(service.verify(ORG)).resolves.toMatchObject({
      intact: false,
      checked: 4,
      firstBroken: {
        id: null,
        seq: 5,
        at: null,
        reason: 'entry 5 is missing: the latest signed checkpoint records the chain up to entry 5',
      },
      checkpoint: { seq: 5 },
    });
    chain.splice(2);
    expect(await broken()).toEqual({
      id: null,
      seq: 3,
      at: null,
      reason: 'entries 3–5 are missing: the latest signed checkpoint records the chain up to entry 5',
    });
  });

  it('names an entry whose hash differs from a signed checkpoint, even with a valid chain after', async () => {
    for (let i = 0; i < 3; i++) append();
    lines.push(checkpointOf(chain[1]));
    // The whole chain rewritten from entry 2 on, with the key: only the checkpoint tells.
    chain.splice(1);
    append(KEYED_HMAC, { action: 'auth.signed_out' });
    append();
    expect(await broken()).toMatchObject({
      seq: 2,
      reason: 'its hash differs from the one a signed checkpoint records',
    });
  });

  it('ignores a checkpoint whose signature does not hold, and says so in the log', async () => {
    for (let i = 0; i < 3; i++) append();
    const forged = checkpointOf(chain[2], 'schedule', signerWith(randomBytes(32)));
    lines.push(
      { ...forged, seq: 9 },
      { ...checkpointOf(chain[0]), hash: 'a'.repeat(64) },
      checkpointOf(chain[1]),
    );
    unreadable = 1;
    const warn = jest.spyOn((service as unknown as { logger: { warn: () => void } }).logger, 'warn');
    warn.mockImplementation(() => undefined);
    await expect(service.verify(ORG)).resolves.toMatchObject({ intact: true, checkpoint: { seq: 2 } });
    expect(warn).toHaveBeenCalledWith({
      msg: 'audit checkpoint lines without a valid signature ignored',
      organisationId: ORG,
      refused: 3,
    });
  });

  it('logs nothing when every checkpoint line holds', async () => {
    append();
    lines.push(checkpointOf(chain[0]));
    const warn = jest.spyOn((service as unknown as { logger: { warn: () => void } }).logger, 'warn');
    await expect(service.verify(ORG)).resolves.toMatchObject({ intact: true });
    expect(warn).not.toHaveBeenCalled();
  });

  it('takes the checkpoint with the highest entry as the latest, whatever the order of lines', async () => {
    for (let i = 0; i < 4; i++) append();
    lines.push(checkpointOf(chain[3]), checkpointOf(chain[1]));
    await expect(service.verify(ORG)).resolves.toMatchObject({
      intact: true,
      checkpoint: { seq: 4, hash: chain[3].hash },
    });
  });

  describe('entries from before the chain was keyed', () => {
    it('trusts unkeyed entries that keyed ones follow', async () => {
      append(UNKEYED_SHA256);
      append(UNKEYED_SHA256);
      append(KEYED_HMAC);
      await expect(service.verify(ORG)).resolves.toMatchObject({ intact: true, checked: 3 });
    });

    it('does not vouch for a chain of unkeyed entries only (anyone can recompute them)', async () => {
      append(UNKEYED_SHA256);
      append(UNKEYED_SHA256);
      expect(await broken()).toEqual({
        id: null,
        seq: 3,
        at: null,
        reason:
          'entries 1–2 carry the unkeyed hash of entries written before the chain was keyed, and no keyed entry follows them',
      });
    });

    it('names an unkeyed entry after keyed ones as rewritten', async () => {
      append(UNKEYED_SHA256);
      append(KEYED_HMAC);
      append(UNKEYED_SHA256);
      expect(await broken()).toMatchObject({
        seq: 3,
        reason: 'it carries an unkeyed hash after keyed entries: it was rewritten',
      });
    });
  });

  describe('checkpoint', () => {
    it("signs the head of the organisation's chain", async () => {
      for (let i = 0; i < 2; i++) append();
      const written = await service.checkpoint(ORG, 'export');
      expect(written).toEqual({
        organisationId: ORG,
        seq: 2,
        hash: chain[1].hash,
        at: '2026-03-02T10:00:00.000Z',
        reason: 'export',
        signature: signer.checkpointSignature({
          organisationId: ORG,
          seq: 2,
          hash: chain[1].hash,
          at: '2026-03-02T10:00:00.000Z',
          reason: 'export',
        }),
      });
      expect(store.append).toHaveBeenCalledWith(written);
    });

    it('signs nothing for an empty chain, or a head that does not verify', async () => {
      await expect(service.checkpoint(ORG, 'schedule')).resolves.toBeNull();
      append();
      chain[0].action = 'auth.signed_out';
      const warn = jest.spyOn((service as unknown as { logger: { warn: () => void } }).logger, 'warn');
      warn.mockImplementation(() => undefined);
      await expect(service.checkpoint(ORG, 'schedule')).resolves.toBeNull();
      expect(warn).toHaveBeenCalledWith({
        msg: 'audit chain head does not verify; no checkpoint signed',
        organisationId: ORG,
        seq: 1,
      });
      expect(store.append).not.toHaveBeenCalled();
    });

    it('signs a head rewritten under the same number again (its hash changed)', async () => {
      append();
      await service.checkpoint(ORG, 'schedule');
      chain.pop();
      append(KEYED_HMAC, { action: 'auth.signed_out' });
      await service.checkpoint(ORG, 'schedule');
      expect(store.append).toHaveBeenCalledTimes(2);
      expect(lines.map((c) => c.seq)).toEqual([1, 1]);
    });

    it('signs no head that carries the unkeyed hash of entries written before the chain was keyed', async () => {
      append(UNKEYED_SHA256);
      const warn = jest.spyOn((service as unknown as { logger: { warn: () => void } }).logger, 'warn');
      warn.mockImplementation(() => undefined);
      await expect(service.checkpoint(ORG, 'export')).resolves.toBeNull();
      expect(store.append).not.toHaveBeenCalled();
      expect(warn).toHaveBeenCalledWith(expect.objectContaining({ organisationId: ORG, seq: 1 }));
      append(KEYED_HMAC);
      await expect(service.checkpoint(ORG, 'export')).resolves.toMatchObject({ seq: 2 });
    });

    it('writes no second scheduled checkpoint of an unchanged head, but does on export', async () => {
      append();
      const first = await service.checkpoint(ORG, 'schedule');
      await expect(service.checkpoint(ORG, 'schedule')).resolves.toEqual(first);
      expect(store.append).toHaveBeenCalledTimes(1);
      await service.checkpoint(ORG, 'export');
      expect(store.append).toHaveBeenCalledTimes(2);
      append();
      await service.checkpoint(ORG, 'schedule');
      expect(store.append).toHaveBeenCalledTimes(3);
    });

    it('checkpoints every organisation with entries', async () => {
      append();
      await expect(service.checkpointAll()).resolves.toBe(1);
      expect(lines[0].reason).toBe('schedule');
    });
  });
});
