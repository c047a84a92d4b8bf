import { mkdtempSync, readFileSync, rmSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Test, type TestingModule } from '@nestjs/testing';
import { Client } from 'pg';
import { ConfigModule, loadTestInfraConfig } from '@carecast/server/config';
import { CoreModule } from '@carecast/server/core';
import { DatabaseModule, TransactionRunner } from '@carecast/server/database';
import { createTestDatabase, testAppConfig, type TestDatabase } from '@carecast/server/testing';
import type { AuditAction } from '@carecast/shared/contracts';
import { unkeyedEntryHash, type HashedFields } from './audit-hash';
import { AuditSigner } from './audit-signer';
import { AuditModule } from './audit.module';
import { AuditRepository, hashedFieldsOf, type StoredEntry } from './audit.repository';
import { AuditService, csvCell } from './audit.service';
import type { AuditContext } from './audit.types';

const infra = loadTestInfraConfig();

describe('audit trail on real PostgreSQL', () => {
  let db: TestDatabase;
  let moduleRef: TestingModule;
  let audit: AuditService;
  /** The schema's owner, a superuser: what an attacker with the database would have. */
  let owner: Client;
  let checkpointDir: string;
  let orgCount = 0;

  beforeAll(async () => {
    db = await createTestDatabase(infra.DATABASE_URL, 'audit');
    checkpointDir = mkdtempSync(join(tmpdir(), 'carecast-audit-spec-'));
    const config = testAppConfig({
      databaseUrl: db.appUrl,
      redisUrl: infra.REDIS_URL,
      redisPrefix: 'unused',
      auditCheckpointDir: checkpointDir,
    });
    moduleRef = await Test.createTestingModule({
      imports: [ConfigModule.forRoot(config), CoreModule, DatabaseModule, AuditModule],
    }).compile();
    await moduleRef.init();
    audit = moduleRef.get(AuditService);
    owner = new Client({ connectionString: db.url });
    await owner.connect();
  });

  afterAll(async () => {
    await owner?.end();
    await moduleRef?.close();
    await db?.drop();
    rmSync(checkpointDir, { recursive: true, force: true });
  });

  /** A new organisation for each test, so every test stands alone. */
  async function organisation(): Promise<AuditContext & { organisationId: string }> {
    const n = ++orgCount;
    const { rows } = await owner.query(`INSERT INTO organisation (slug, name) VALUES ($1, $2) RETURNING id`, [
      `practice-${n}`,
      `Practice ${n}`,
    ]);
    return {
      organisationId: rows[0].id,
      actorUserId: null,
      actorLabel: 'marcus@riverside.test',
      ip: '203.0.113.7',
      userAgent: 'jest',
      requestId: `req-${n}`,
    };
  }

  async function chain(ctx: AuditContext, count: number, action: AuditAction = 'member.added') {
    for (let i = 0; i < count; i++)
      await audit.record(ctx, { action, entityType: 'user', entityId: `u${i}` });
  }

  /** Run SQL as the owner with the append-only trigger out of the way. */
  async function tamper(sql: string, params: unknown[]): Promise<void> {
    await owner.query('BEGIN');
    await owner.query(`SET LOCAL session_replication_role = replica`);
    await owner.query(sql, params);
    await owner.query('COMMIT');
  }

  /** One stored entry, read the way the service reads the chain. */
  async function row(organisationId: string, seq: number): Promise<StoredEntry> {
    const [entry] = await moduleRef
      .get(TransactionRunner)
      .run((tx) => moduleRef.get(AuditRepository).chainBatch(tx, organisationId, seq - 1, 1));
    return entry;
  }

  it('chains entries per organisation and verifies them intact', async () => {
    const ctx = await organisation();
    const other = await organisation();
    await audit.record(ctx, {
      action: 'member.invited',
      entityType: 'user',
      entityId: 'u1',
      after: { roles: ['viewer'] },
    });
    await audit.record(other, { action: 'member.invited', entityType: 'user', entityId: 'u9' });
    const second = await audit.record(ctx, {
      action: 'member.roles_changed',
      entityType: 'user',
      entityId: 'u1',
      before: { roles: ['viewer'], email: 'a@x' },
      after: { roles: ['viewer', 'reviewer'], email: 'a@x' },
    });
    expect(second.seq).toBe(2);
    expect(second.diff).toEqual({ roles: { from: ['viewer'], to: ['viewer', 'reviewer'] } });
    expect(await audit.verify(ctx.organisationId)).toMatchObject({
      intact: true,
      checked: 2,
      firstBroken: null,
      checkpoint: null,
    });
    expect(await audit.verify(other.organisationId)).toMatchObject({ intact: true, checked: 1 });
  });

  it('keeps the chain whole under concurrent writers', async () => {
    const ctx = await organisation();
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        audit.record(ctx, { action: 'channel.enabled', entityId: String(i) }),
      ),
    );
    const { rows } = await owner.query(
      `SELECT seq FROM audit_entry WHERE organisation_id = $1 ORDER BY seq`,
      [ctx.organisationId],
    );
    expect(rows.map((r) => Number(r.seq))).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect((await audit.verify(ctx.organisationId)).intact).toBe(true);
  });

  it('refuses updates, deletes and truncation even to the owner while the trigger stands', async () => {
    const ctx = await organisation();
    await chain(ctx, 1);
    await expect(owner.query(`UPDATE audit_entry SET action = 'x'`)).rejects.toThrow(
      /append-only \(UPDATE refused\)/,
    );
    await expect(owner.query(`DELETE FROM audit_entry`)).rejects.toThrow(/append-only \(DELETE refused\)/);
    await expect(owner.query(`TRUNCATE audit_entry`)).rejects.toThrow(/append-only/);
  });

  it('pages newest first with a cursor, and filters', async () => {
    const ctx = await organisation();
    const other = await organisation();
    await chain(ctx, 2, 'member.invited');
    await chain(ctx, 20, 'channel.enabled');
    await audit.record(other, { action: 'member.invited', entityId: 'u9' });
    const first = await audit.list(ctx.organisationId, { action: 'channel.' }, null, 15);
    expect(first.entries).toHaveLength(15);
    expect(first.entries[0].seq).toBe(22);
    const second = await audit.list(ctx.organisationId, { action: 'channel.' }, first.nextCursor, 15);
    expect(second.entries.map((e) => e.seq)).toEqual([7, 6, 5, 4, 3]);
    expect(second.nextCursor).toBeNull();
    const others = await audit.list(other.organisationId, {}, null, 50);
    expect(others.entries.map((e) => e.entityId)).toEqual(['u9']);
  });

  it('finds actions by their plain words as well as by their codes', async () => {
    const ctx = await organisation();
    for (const action of [
      'auth.signed_in',
      'auth.sign_in_failed',
      'auth.signed_out',
      'member.invited',
    ] as const) {
      await audit.record(ctx, { action });
    }
    const actions = async (search: string) =>
      (await audit.list(ctx.organisationId, { action: search }, null, 50)).entries.map((e) => e.action);
    expect(await actions('sign in')).toEqual(['auth.sign_in_failed', 'auth.signed_in']);
    expect(await actions('Signed in')).toEqual(['auth.signed_in']);
    expect(await actions('signed out')).toEqual(['auth.signed_out']);
    expect(await actions('invited')).toEqual(['member.invited']);
    expect(await actions('auth.')).toEqual(['auth.signed_out', 'auth.sign_in_failed', 'auth.signed_in']);
    expect(await actions('auth.signed_in')).toEqual(['auth.signed_in']);
    // LIKE's wildcards are searched for as themselves.
    expect(await actions('%')).toEqual([]);
    expect(await actions('_uth.')).toEqual([]);
    const { csv } = await audit.exportCsv(ctx.organisationId, { action: 'sign in' });
    expect(csv).toContain(',auth.signed_in,');
    expect(csv).toContain(',auth.sign_in_failed,');
    expect(csv).not.toContain('signed_out');
  });

  it('exports CSV, oldest first, with the action codes', async () => {
    const ctx = await organisation();
    await audit.record(ctx, { action: 'member.invited', entityType: 'user', entityId: 'u1' });
    await audit.record(ctx, { action: 'channel.connected', entityType: 'channel', entityId: 'c1' });
    await audit.record(ctx, {
      action: 'member.roles_changed',
      entityType: 'user',
      entityId: 'u1',
      before: { roles: ['viewer'] },
      after: { roles: ['viewer', 'reviewer'] },
    });
    const { csv, rows } = await audit.exportCsv(ctx.organisationId, { entityType: 'user' });
    expect(rows).toBe(2);
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toMatch(/^seq,at,action,actor,/);
    expect(lines[1]).toMatch(/^1,.*,member\.invited,marcus@riverside\.test,/);
    expect(lines[2]).toMatch(/^3,.*,member\.roles_changed,/);
    expect(lines[2]).toContain('"{""roles"":{""from"":[""viewer""],""to"":[""viewer"",""reviewer""]}}"');
  });

  it('names the first tampered entry when a superuser rewrites one through SQL', async () => {
    const ctx = await organisation();
    const other = await organisation();
    await chain(ctx, 7);
    await chain(other, 2);
    await tamper(
      `UPDATE audit_entry SET actor_label = 'someone else' WHERE organisation_id = $1 AND seq = 5`,
      [ctx.organisationId],
    );
    const result = await audit.verify(ctx.organisationId);
    expect(result.intact).toBe(false);
    expect(result.checked).toBe(4);
    expect(result.firstBroken).toMatchObject({
      seq: 5,
      reason: 'its content was changed after it was written',
    });
    // The other organisation's chain is untouched.
    expect((await audit.verify(other.organisationId)).intact).toBe(true);
  });

  it('notices an entry deleted from the middle of a chain', async () => {
    const ctx = await organisation();
    await chain(ctx, 3);
    await tamper(`DELETE FROM audit_entry WHERE organisation_id = $1 AND seq = 2`, [ctx.organisationId]);
    const result = await audit.verify(ctx.organisationId);
    expect(result.firstBroken).toMatchObject({ seq: 3, reason: 'entry 2 is missing before this one' });
  });

  describe('signed checkpoints and forgery', () => {
    const checkpointLines = (organisationId: string) =>
      readFileSync(join(checkpointDir, `${organisationId}.jsonl`), 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));

    it('signs the chain head into a file outside the database, once per change on schedule', async () => {
      const ctx = await organisation();
      await chain(ctx, 3);
      const first = await audit.checkpoint(ctx.organisationId, 'schedule');
      expect(first).toMatchObject({ organisationId: ctx.organisationId, seq: 3, reason: 'schedule' });
      expect(await audit.checkpoint(ctx.organisationId, 'schedule')).toEqual(first);
      await chain(ctx, 1);
      await audit.checkpoint(ctx.organisationId, 'export');
      const lines = checkpointLines(ctx.organisationId);
      expect(lines.map((l) => [l.seq, l.reason])).toEqual([
        [3, 'schedule'],
        [4, 'export'],
      ]);
      expect(lines[1].hash).toBe((await row(ctx.organisationId, 4)).hash);
      expect(await audit.verify(ctx.organisationId)).toMatchObject({
        intact: true,
        checked: 4,
        checkpoint: { seq: 4, hash: lines[1].hash, at: lines[1].at },
      });
    });

    it('names the entries missing after the checkpoint when the newest are deleted', async () => {
      const ctx = await organisation();
      await chain(ctx, 5);
      await audit.checkpoint(ctx.organisationId, 'schedule');
      await tamper(`DELETE FROM audit_entry WHERE organisation_id = $1 AND seq >= 4`, [ctx.organisationId]);
      const result = await audit.verify(ctx.organisationId);
      expect(result.intact).toBe(false);
      expect(result.checked).toBe(3);
      expect(result.firstBroken).toMatchObject({ id: null, seq: 4, at: null });
      expect(result.firstBroken?.reason).toMatch(
        /^entries 4–5 are missing: the latest signed checkpoint records the chain up to entry 5$/,
      );

      await tamper(`DELETE FROM audit_entry WHERE organisation_id = $1 AND seq = 3`, [ctx.organisationId]);
      expect((await audit.verify(ctx.organisationId)).firstBroken?.reason).toMatch(
        /^entries 3–5 are missing/,
      );
    });

    it('notices new entries written over a deleted tail, by the checkpoint hash', async () => {
      const ctx = await organisation();
      await chain(ctx, 4);
      await audit.checkpoint(ctx.organisationId, 'schedule');
      await tamper(`DELETE FROM audit_entry WHERE organisation_id = $1 AND seq = 4`, [ctx.organisationId]);
      await audit.record(ctx, { action: 'member.deactivated' });
      const result = await audit.verify(ctx.organisationId);
      expect(result.firstBroken).toMatchObject({ seq: 4 });
      expect(result.firstBroken?.reason).toMatch(
        /^its hash differs from the one a signed checkpoint records$/,
      );
    });

    it('refuses the newest entry rewritten with a recomputed plain SHA-256', async () => {
      const ctx = await organisation();
      await chain(ctx, 3);
      const newest = await row(ctx.organisationId, 3);
      const forged = { ...hashedFieldsOf(newest), actorLabel: 'someone else' };
      await tamper(`UPDATE audit_entry SET actor_label = $2, hash = $3 WHERE id = $1`, [
        newest.id,
        forged.actorLabel,
        unkeyedEntryHash(forged),
      ]);
      expect((await audit.verify(ctx.organisationId)).firstBroken).toMatchObject({
        seq: 3,
        reason: 'its content was changed after it was written',
      });

      // Claiming the unkeyed version of entries written before the chain was keyed does not help.
      await tamper(`UPDATE audit_entry SET hash_version = 1 WHERE id = $1`, [newest.id]);
      expect((await audit.verify(ctx.organisationId)).firstBroken).toMatchObject({
        seq: 3,
        reason: 'it carries an unkeyed hash after keyed entries: it was rewritten',
      });
    });

    it('refuses a whole chain rewritten with plain SHA-256 hashes', async () => {
      const ctx = await organisation();
      await chain(ctx, 2);
      let prevHash: string | null = null;
      for (const seq of [1, 2]) {
        const r = await row(ctx.organisationId, seq);
        const forged: HashedFields = {
          ...hashedFieldsOf(r),
          hashVersion: 1,
          prevHash,
          actorLabel: 'someone else',
        };
        prevHash = unkeyedEntryHash(forged);
        await tamper(
          `UPDATE audit_entry SET hash_version = 1, actor_label = $2, prev_hash = $3, hash = $4 WHERE id = $1`,
          [r.id, forged.actorLabel, forged.prevHash, prevHash],
        );
      }
      const result = await audit.verify(ctx.organisationId);
      expect(result.intact).toBe(false);
      expect(result.firstBroken?.reason).toMatch(/carry the unkeyed hash .* no keyed entry follows them/);
    });

    it('checks each link: an entry re-signed with the key still breaks its successor', async () => {
      const ctx = await organisation();
      await chain(ctx, 4);
      const signer = moduleRef.get(AuditSigner);
      const target = await row(ctx.organisationId, 2);
      const forged = { ...hashedFieldsOf(target), actorLabel: 'someone else' };
      await tamper(`UPDATE audit_entry SET actor_label = $2, hash = $3 WHERE id = $1`, [
        target.id,
        forged.actorLabel,
        signer.entryHash(forged),
      ]);
      const result = await audit.verify(ctx.organisationId);
      expect(result.checked).toBe(2);
      expect(result.firstBroken).toMatchObject({
        seq: 3,
        reason: 'its link to the previous entry does not match',
      });
    });

    it('catches a chain re-signed with the key after a checkpoint, by the checkpoint', async () => {
      const ctx = await organisation();
      await chain(ctx, 3);
      await audit.checkpoint(ctx.organisationId, 'export');
      const signer = moduleRef.get(AuditSigner);
      let prevHash: string | null = (await row(ctx.organisationId, 1)).hash;
      for (const seq of [2, 3]) {
        const r = await row(ctx.organisationId, seq);
        const forged: HashedFields = { ...hashedFieldsOf(r), prevHash, actorLabel: 'someone else' };
        prevHash = signer.entryHash(forged);
        await tamper(`UPDATE audit_entry SET actor_label = $2, prev_hash = $3, hash = $4 WHERE id = $1`, [
          r.id,
          forged.actorLabel,
          forged.prevHash,
          prevHash,
        ]);
      }
      const result = await audit.verify(ctx.organisationId);
      expect(result.firstBroken).toMatchObject({ seq: 3 });
      expect(result.firstBroken?.reason).toMatch(/signed checkpoint/);
    });

    it('ignores checkpoint lines whose signature does not hold', async () => {
      const ctx = await organisation();
      await chain(ctx, 2);
      await audit.checkpoint(ctx.organisationId, 'schedule');
      const [real] = checkpointLines(ctx.organisationId);
      appendFileSync(
        join(checkpointDir, `${ctx.organisationId}.jsonl`),
        `${JSON.stringify({ ...real, seq: 9 })}\nnot json\n`,
      );
      expect(await audit.verify(ctx.organisationId)).toMatchObject({
        intact: true,
        checkpoint: { seq: 2 },
      });
    });

    it('signs nothing when the head itself does not verify', async () => {
      const ctx = await organisation();
      await chain(ctx, 2);
      await tamper(`UPDATE audit_entry SET actor_label = 'x' WHERE organisation_id = $1 AND seq = 2`, [
        ctx.organisationId,
      ]);
      expect(await audit.checkpoint(ctx.organisationId, 'schedule')).toBeNull();
    });
  });

  describe('entries written before the chain was keyed', () => {
    async function insertUnkeyed(
      ctx: AuditContext & { organisationId: string },
      seq: number,
      prevHash: string | null,
    ) {
      const fields: HashedFields = {
        id: crypto.randomUUID(),
        hashVersion: 1,
        prevHash,
        organisationId: ctx.organisationId,
        seq,
        at: new Date(Date.UTC(2026, 0, 1, 9, 0, seq)),
        action: 'auth.signed_in',
        actorUserId: null,
        actorLabel: 'dana@riverside.test',
        entityType: null,
        entityId: null,
        diff: null,
        ip: null,
        userAgent: 'Firefox',
        requestId: null,
      };
      const hash = unkeyedEntryHash(fields);
      await owner.query(
        `INSERT INTO audit_entry (id, organisation_id, seq, at, action, actor_label, user_agent, prev_hash, hash, hash_version)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 1)`,
        [
          fields.id,
          ctx.organisationId,
          seq,
          fields.at,
          fields.action,
          fields.actorLabel,
          fields.userAgent,
          prevHash,
          hash,
        ],
      );
      return hash;
    }

    it('verifies them by their SHA-256 once a keyed entry follows them', async () => {
      const ctx = await organisation();
      const h1 = await insertUnkeyed(ctx, 1, null);
      await insertUnkeyed(ctx, 2, h1);
      expect((await audit.verify(ctx.organisationId)).intact).toBe(false);
      const next = await audit.record(ctx, { action: 'audit.verified' });
      expect(next).toMatchObject({ seq: 3 });
      expect(await audit.verify(ctx.organisationId)).toMatchObject({ intact: true, checked: 3 });
    });
  });
});

describe('csvCell', () => {
  it('quotes separators and defuses spreadsheet formulas', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell(null)).toBe('');
    expect(csvCell(7)).toBe('7');
  });
});
