import { Test, type TestingModule } from '@nestjs/testing';
import { Client } from 'pg';
import { ConfigModule, loadTestInfraConfig } from '@carecast/server/config';
import { CoreModule } from '@carecast/server/core';
import { DatabaseModule } from '@carecast/server/database';
import { createTestDatabase, testAppConfig, type TestDatabase } from '@carecast/server/testing';
import { AuditModule } from './audit.module';
import { AuditService, csvCell } from './audit.service';
import type { AuditContext } from './audit.types';

const infra = loadTestInfraConfig();

describe('audit trail on real PostgreSQL', () => {
  let db: TestDatabase;
  let moduleRef: TestingModule;
  let audit: AuditService;
  let sql: Client;
  let ctx: AuditContext;
  let otherCtx: AuditContext;

  beforeAll(async () => {
    db = await createTestDatabase(infra.DATABASE_URL, 'audit');
    const config = testAppConfig({ databaseUrl: db.url, redisUrl: infra.REDIS_URL, redisPrefix: 'unused' });
    moduleRef = await Test.createTestingModule({
      imports: [ConfigModule.forRoot(config), CoreModule, DatabaseModule, AuditModule],
    }).compile();
    await moduleRef.init();
    audit = moduleRef.get(AuditService);
    sql = new Client({ connectionString: db.url });
    await sql.connect();
    const orgs = await sql.query(
      `INSERT INTO organisation (slug, name) VALUES ('riverside', 'Riverside'), ('lakeside', 'Lakeside') RETURNING id`,
    );
    const base = {
      actorUserId: null,
      actorLabel: 'marcus@riverside.test',
      ip: '203.0.113.7',
      userAgent: 'jest',
      requestId: 'req-a',
    };
    ctx = { ...base, organisationId: orgs.rows[0].id };
    otherCtx = { ...base, organisationId: orgs.rows[1].id };
  });

  afterAll(async () => {
    await sql?.end();
    await moduleRef?.close();
    await db?.drop();
  });

  it('chains entries per organisation and verifies them intact', async () => {
    await audit.record(ctx, {
      action: 'user.invited',
      entityType: 'user',
      entityId: 'u1',
      after: { roles: ['viewer'] },
    });
    await audit.record(otherCtx, { action: 'user.invited', entityType: 'user', entityId: 'u9' });
    const second = await audit.record(ctx, {
      action: 'user.roles_changed',
      entityType: 'user',
      entityId: 'u1',
      before: { roles: ['viewer'], email: 'a@x' },
      after: { roles: ['viewer', 'reviewer'], email: 'a@x' },
    });
    expect(second.seq).toBe(2);
    expect(second.diff).toEqual({ roles: { from: ['viewer'], to: ['viewer', 'reviewer'] } });
    const result = await audit.verify(ctx.organisationId as string);
    expect(result).toMatchObject({ intact: true, checked: 2, firstBroken: null });
  });

  it('keeps the chain whole under concurrent writers', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        audit.record(ctx, { action: 'test.concurrent', entityId: String(i) }),
      ),
    );
    const { rows } = await sql.query(`SELECT seq FROM audit_entry WHERE organisation_id = $1 ORDER BY seq`, [
      ctx.organisationId,
    ]);
    expect(rows.map((r) => Number(r.seq))).toEqual(Array.from({ length: 22 }, (_, i) => i + 1));
    expect((await audit.verify(ctx.organisationId as string)).intact).toBe(true);
  });

  it('refuses updates, deletes and truncation through the application', async () => {
    await expect(sql.query(`UPDATE audit_entry SET action = 'x'`)).rejects.toThrow(
      /append-only \(UPDATE refused\)/,
    );
    await expect(sql.query(`DELETE FROM audit_entry`)).rejects.toThrow(/append-only \(DELETE refused\)/);
    await expect(sql.query(`TRUNCATE audit_entry`)).rejects.toThrow(/append-only/);
  });

  it('pages newest first with a cursor, and filters', async () => {
    const first = await audit.list(ctx.organisationId as string, { action: 'test.' }, null, 15);
    expect(first.entries).toHaveLength(15);
    expect(first.entries[0].seq).toBe(22);
    const second = await audit.list(ctx.organisationId as string, { action: 'test.' }, first.nextCursor, 15);
    expect(second.entries.map((e) => e.seq)).toEqual([7, 6, 5, 4, 3]);
    expect(second.nextCursor).toBeNull();
    const other = await audit.list(otherCtx.organisationId as string, {}, null, 50);
    expect(other.entries.map((e) => e.entityId)).toEqual(['u9']);
  });

  it('exports CSV, oldest first', async () => {
    const { csv, rows } = await audit.exportCsv(ctx.organisationId as string, { entityType: 'user' });
    expect(rows).toBe(2);
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toMatch(/^seq,at,action,actor,/);
    expect(lines[1]).toMatch(/^1,.*,user\.invited,marcus@riverside\.test,/);
    expect(lines[2]).toContain('"{""roles"":{""from"":[""viewer""],""to"":[""viewer"",""reviewer""]}}"');
  });

  it('names the first tampered entry when a superuser rewrites one through SQL', async () => {
    await sql.query('BEGIN');
    await sql.query(`SET LOCAL session_replication_role = replica`);
    await sql.query(
      `UPDATE audit_entry SET actor_label = 'someone else' WHERE organisation_id = $1 AND seq = 5`,
      [ctx.organisationId],
    );
    await sql.query('COMMIT');
    const result = await audit.verify(ctx.organisationId as string);
    expect(result.intact).toBe(false);
    expect(result.checked).toBe(4);
    expect(result.firstBroken).toMatchObject({
      seq: 5,
      reason: 'its content was changed after it was written',
    });
    // The other organisation's chain is untouched.
    expect((await audit.verify(otherCtx.organisationId as string)).intact).toBe(true);
  });

  it('notices an entry deleted from the middle of the other chain', async () => {
    await audit.record(otherCtx, { action: 'x.one' });
    await audit.record(otherCtx, { action: 'x.two' });
    await sql.query('BEGIN');
    await sql.query(`SET LOCAL session_replication_role = replica`);
    await sql.query(`DELETE FROM audit_entry WHERE organisation_id = $1 AND seq = 2`, [
      otherCtx.organisationId,
    ]);
    await sql.query('COMMIT');
    const result = await audit.verify(otherCtx.organisationId as string);
    expect(result.firstBroken).toMatchObject({ seq: 3, reason: 'entries 2–2 are missing before this one' });
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
