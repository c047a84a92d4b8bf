// What an entry's hash covers and how the data is put in canonical form, pinned exactly: a
// change here is a change of the stored chain format.
import { createHmac, randomBytes } from 'node:crypto';
import type { AppConfig } from '@carecast/server/config';
import {
  canonicalJson,
  diffOf,
  KEYED_HMAC,
  keyedEntryMaterial,
  unkeyedEntryHash,
  UNKEYED_SHA256,
  type HashedFields,
} from './audit-hash';
import { AuditSigner } from './audit-signer';

const fields: HashedFields = {
  id: '00000000-0000-4000-8000-000000000001',
  hashVersion: KEYED_HMAC,
  prevHash: null,
  organisationId: '11111111-1111-4111-8111-111111111111',
  seq: 1,
  at: new Date('2026-03-02T09:00:00.000Z'),
  action: 'auth.signed_in',
  actorUserId: 'user-1',
  actorLabel: 'marcus@riverside.example',
  entityType: 'user',
  entityId: 'user-1',
  diff: { roles: { from: ['viewer'], to: ['reviewer'] } },
  ip: '203.0.113.7',
  userAgent: 'Firefox',
  requestId: 'req-1',
};

describe('canonical JSON', () => {
  it('writes absent values as null, dates as ISO strings, and keys sorted at every level', () => {
    expect(canonicalJson(undefined)).toBe('null');
    expect(canonicalJson(new Date('2026-03-02T09:00:00Z'))).toBe('"2026-03-02T09:00:00.000Z"');
    expect(canonicalJson({ b: 1, a: undefined, c: [undefined, { z: 1, y: { x: null } }] })).toBe(
      '{"b":1,"c":[null,{"y":{"x":null},"z":1}]}',
    );
    expect(canonicalJson({ at: new Date(0) })).toBe('{"at":"1970-01-01T00:00:00.000Z"}');
  });
});

describe('entry material', () => {
  it('starts the keyed material with its own label and version, then every column in order', () => {
    expect(keyedEntryMaterial(fields)).toBe(
      canonicalJson([
        'carecast.audit.entry',
        2,
        fields.id,
        null,
        fields.organisationId,
        1,
        '2026-03-02T09:00:00.000Z',
        'auth.signed_in',
        'user-1',
        'marcus@riverside.example',
        'user',
        'user-1',
        fields.diff,
        '203.0.113.7',
        'Firefox',
        'req-1',
      ]),
    );
  });

  it('hashes unkeyed entries exactly as they were written before the chain was keyed', () => {
    expect(unkeyedEntryHash({ ...fields, hashVersion: UNKEYED_SHA256 })).toBe(
      '6dfb9b4f264adbd0c2523c69fba4f1559e4a5f3eb0f18d0d016e2cb27faf41e7',
    );
    expect(
      unkeyedEntryHash({
        ...fields,
        hashVersion: UNKEYED_SHA256,
        prevHash: 'ab'.repeat(32),
        diff: undefined,
      }),
    ).toBe('920bee8e361be13d8f5519a694e64d14776f78c0d0c75c766b0abd6353605634');
  });

  it('hashes unkeyed entries by their content: a change of any field changes the hash', () => {
    const base = unkeyedEntryHash({ ...fields, hashVersion: UNKEYED_SHA256 });
    expect(base).toMatch(/^[0-9a-f]{64}$/);
    expect(unkeyedEntryHash({ ...fields, hashVersion: UNKEYED_SHA256 })).toBe(base);
    expect(unkeyedEntryHash({ ...fields, action: 'auth.signed_out' })).not.toBe(base);
    expect(unkeyedEntryHash({ ...fields, diff: { roles: { from: [], to: ['admin'] } } })).not.toBe(base);
    expect(unkeyedEntryHash({ ...fields, diff: undefined })).toBe(
      unkeyedEntryHash({ ...fields, diff: null }),
    );
    expect(unkeyedEntryHash({ ...fields, diff: undefined })).not.toBe(base);
  });
});

describe('checkpoint signatures', () => {
  it('are the HMAC of a labelled statement of the head, under the audit key', () => {
    const key = randomBytes(32);
    const signer = new AuditSigner({ audit: { hmacKey: key } } as unknown as AppConfig);
    const c = {
      organisationId: 'org-1',
      seq: 7,
      hash: 'ab'.repeat(32),
      at: '2026-03-02T09:00:00.000Z',
      reason: 'export',
    };
    const material = canonicalJson(['carecast.audit.checkpoint', 1, 'org-1', 7, c.hash, c.at, 'export']);
    expect(signer.checkpointSignature(c)).toBe(createHmac('sha256', key).update(material).digest('hex'));
    expect(signer.entryHash(fields)).toBe(
      createHmac('sha256', key).update(keyedEntryMaterial(fields)).digest('hex'),
    );
  });
});

describe('diffOf', () => {
  it('is nothing when there is nothing on either side, or nothing changed', () => {
    expect(diffOf(undefined, undefined)).toBeNull();
    expect(diffOf(null, null)).toBeNull();
    expect(diffOf({ a: 1 }, { a: 1 })).toBeNull();
  });

  it('names what a removal took away, and what a creation set', () => {
    expect(diffOf({ roles: ['viewer'] }, null)).toEqual({ roles: { from: ['viewer'], to: null } });
    expect(diffOf(undefined, { roles: ['viewer'] })).toEqual({ roles: { from: null, to: ['viewer'] } });
  });

  it('lists the changed fields in name order', () => {
    const diff = diffOf({ b: 1, a: 1, c: 1 }, { b: 2, a: 2, c: 1 });
    expect(Object.keys(diff ?? {})).toEqual(['a', 'b']);
  });
});
