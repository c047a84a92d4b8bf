import { canonicalJson, diffOf, entryHash, type HashedFields } from './audit-hash';

const entry: HashedFields = {
  prevHash: null,
  organisationId: '6f1f3d0e-0000-4000-8000-000000000001',
  seq: 1,
  at: new Date('2026-03-02T09:00:00.123Z'),
  action: 'user.roles_changed',
  actorUserId: null,
  actorLabel: 'admin@example.org',
  entityType: 'user',
  entityId: 'u1',
  diff: { roles: { from: ['viewer'], to: ['viewer', 'reviewer'] } },
  ip: '203.0.113.9',
  userAgent: 'Firefox',
  requestId: 'req-1',
};

describe('canonicalJson', () => {
  it('sorts keys at every level and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: undefined } })).toBe(
      '{"a":{"d":[2,{"y":2,"z":1}]},"b":1}',
    );
  });
});

describe('entryHash', () => {
  it('is stable for equal content whatever the key order of the diff', () => {
    const reordered = {
      ...entry,
      diff: JSON.parse('{"roles":{"to":["viewer","reviewer"],"from":["viewer"]}}'),
    };
    expect(entryHash(reordered)).toBe(entryHash(entry));
    expect(entryHash(entry)).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each<[keyof HashedFields, unknown]>([
    ['prevHash', 'a'.repeat(64)],
    ['seq', 2],
    ['at', new Date('2026-03-02T09:00:00.124Z')],
    ['action', 'user.deactivated'],
    ['actorLabel', 'someone else'],
    ['entityId', 'u2'],
    ['diff', { roles: { from: ['viewer'], to: ['admin'] } }],
    ['ip', '198.51.100.1'],
    ['requestId', 'req-2'],
  ])('changes when %s changes', (field, value) => {
    expect(entryHash({ ...entry, [field]: value })).not.toBe(entryHash(entry));
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
