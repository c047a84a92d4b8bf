import { createHash } from 'node:crypto';
import type { AppConfig } from '@carecast/server/config';
import { canonicalJson, diffOf, keyedEntryMaterial, unkeyedEntryHash, type HashedFields } from './audit-hash';
import { AuditSigner } from './audit-signer';

const entry: HashedFields = {
  id: '0b6c3f1e-0000-4000-8000-00000000000a',
  hashVersion: 2,
  prevHash: 'c'.repeat(64),
  organisationId: '6f1f3d0e-0000-4000-8000-000000000001',
  seq: 1,
  at: new Date('2026-03-02T09:00:00.123Z'),
  action: 'member.roles_changed',
  actorUserId: '6f1f3d0e-0000-4000-8000-0000000000aa',
  actorLabel: 'admin@example.org',
  entityType: 'user',
  entityId: 'u1',
  diff: { roles: { from: ['viewer'], to: ['viewer', 'reviewer'] } },
  ip: '203.0.113.9',
  userAgent: 'Firefox',
  requestId: 'req-1',
};

const signerWith = (key: Buffer) => new AuditSigner({ audit: { hmacKey: key } } as AppConfig);
const signer = signerWith(Buffer.alloc(32, 7));

describe('canonicalJson', () => {
  it('sorts keys at every level and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: undefined } })).toBe(
      '{"a":{"d":[2,{"y":2,"z":1}]},"b":1}',
    );
  });
});

describe('the keyed entry hash (HMAC-SHA256)', () => {
  it('is stable for equal content whatever the key order of the diff', () => {
    const reordered = {
      ...entry,
      diff: JSON.parse('{"roles":{"to":["viewer","reviewer"],"from":["viewer"]}}'),
    };
    expect(signer.entryHash(reordered)).toBe(signer.entryHash(entry));
    expect(signer.entryHash(entry)).toMatch(/^[0-9a-f]{64}$/);
  });

  // Every column but the hash itself: a change to any one of them must show.
  const changes: Array<[keyof HashedFields, unknown]> = [
    ['id', '0b6c3f1e-0000-4000-8000-00000000000b'],
    ['prevHash', 'a'.repeat(64)],
    ['prevHash', null],
    ['organisationId', '6f1f3d0e-0000-4000-8000-000000000002'],
    ['organisationId', null],
    ['seq', 2],
    ['at', new Date('2026-03-02T09:00:00.124Z')],
    ['action', 'member.deactivated'],
    ['actorUserId', '6f1f3d0e-0000-4000-8000-0000000000bb'],
    ['actorUserId', null],
    ['actorLabel', 'someone else'],
    ['entityType', 'channel'],
    ['entityType', null],
    ['entityId', 'u2'],
    ['entityId', null],
    ['diff', { roles: { from: ['viewer'], to: ['admin'] } }],
    ['diff', null],
    ['ip', '198.51.100.1'],
    ['ip', null],
    ['userAgent', 'Chrome'],
    ['userAgent', null],
    ['requestId', 'req-2'],
    ['requestId', null],
  ];
  it.each(changes)('changes when %s becomes %p', (field, value) => {
    expect(signer.entryHash({ ...entry, [field]: value })).not.toBe(signer.entryHash(entry));
  });

  it('covers every field of an entry', () => {
    const covered = new Set(changes.map(([field]) => field));
    const all = Object.keys(entry).filter((k) => k !== 'hashVersion');
    expect(all.filter((k) => !covered.has(k as keyof HashedFields))).toEqual([]);
  });

  it('cannot be recomputed without the key', () => {
    const plain = createHash('sha256').update(keyedEntryMaterial(entry), 'utf8').digest('hex');
    expect(signer.entryHash(entry)).not.toBe(plain);
    expect(signer.entryHash(entry)).not.toBe(unkeyedEntryHash(entry));
    expect(signerWith(Buffer.alloc(32, 8)).entryHash(entry)).not.toBe(signer.entryHash(entry));
  });

  it('keeps the plain SHA-256 for entries written before the chain was keyed', () => {
    const legacy = { ...entry, hashVersion: 1 as const };
    expect(signer.entryHash(legacy)).toBe(unkeyedEntryHash(legacy));
    expect(signerWith(Buffer.alloc(32, 8)).entryHash(legacy)).toBe(signer.entryHash(legacy));
  });
});

describe('checkpoint signatures', () => {
  const checkpoint = {
    organisationId: entry.organisationId as string,
    seq: 12,
    hash: 'd'.repeat(64),
    at: '2026-03-02T09:05:00.000Z',
    reason: 'schedule',
  };

  it.each<[keyof typeof checkpoint, unknown]>([
    ['organisationId', '6f1f3d0e-0000-4000-8000-000000000002'],
    ['seq', 11],
    ['hash', 'e'.repeat(64)],
    ['at', '2026-03-02T09:06:00.000Z'],
    ['reason', 'export'],
  ])('changes when %s changes', (field, value) => {
    expect(signer.checkpointSignature({ ...checkpoint, [field]: value })).not.toBe(
      signer.checkpointSignature(checkpoint),
    );
  });

  it('is not the signature of an entry and needs the key', () => {
    expect(signerWith(Buffer.alloc(32, 8)).checkpointSignature(checkpoint)).not.toBe(
      signer.checkpointSignature(checkpoint),
    );
  });

  it('compares digests of different lengths as different', () => {
    expect(signer.same('ab', 'abc')).toBe(false);
    expect(signer.same('ab', 'ab')).toBe(true);
  });
});

describe('diffOf', () => {
  it('lists only the changed fields', () => {
    expect(diffOf({ roles: ['viewer'], email: 'a@x' }, { roles: ['admin'], email: 'a@x' })).toEqual({
      roles: { from: ['viewer'], to: ['admin'] },
    });
  });

  it('shows every field of a creation, and nothing for no change', () => {
    expect(diffOf(null, { status: 'invited' })).toEqual({ status: { from: null, to: 'invited' } });
    expect(diffOf({ a: 1 }, { a: 1 })).toBeNull();
    expect(diffOf()).toBeNull();
  });
});
