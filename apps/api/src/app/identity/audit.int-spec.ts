import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { unkeyedEntryHash } from '@carecast/server/audit';
import { APP_CONFIG, type AppConfig } from '@carecast/server/config';
import { startTestApi, type TestApi } from '../test-api.spec-helper';
import { FACTORY_PASSWORD, IdentityFactory } from './identity-factory.spec-helper';
import { Browser } from './session-client.spec-helper';

// The audit trail over HTTP, as a reviewer uses it and as an attacker with the database would
// try to bend it. The api connects as the role that owns nothing; tampering uses the owner.
describe('audit trail over HTTP: plain words, signed checkpoints, forgery', () => {
  let testApi: TestApi;
  let owner: Client;
  let make: IdentityFactory;
  let checkpointDir: string;

  beforeAll(async () => {
    testApi = await startTestApi('audit-http');
    checkpointDir = testApi.app.get<AppConfig>(APP_CONFIG).audit.checkpointDir;
    owner = new Client({ connectionString: testApi.db.url });
    await owner.connect();
    make = new IdentityFactory(owner);
  });

  afterAll(async () => {
    await owner?.end();
    await testApi?.close();
  });

  /** A practice of its own with a signed-in reviewer (the sign-in is its first entries). */
  async function reviewerOfNewPractice() {
    const organisation = await make.organisation();
    const user = await make.user([{ organisation, roles: ['reviewer'] }]);
    const browser = new Browser(testApi.app);
    expect((await browser.signIn(user.email, FACTORY_PASSWORD)).body.status).toBe('signed_in');
    return { organisation, user, browser };
  }

  async function tamper(sql: string, params: unknown[]): Promise<void> {
    await owner.query('BEGIN');
    await owner.query(`SET LOCAL session_replication_role = replica`);
    await owner.query(sql, params);
    await owner.query('COMMIT');
  }

  const seqs = async (organisationId: string) =>
    (
      await owner.query(`SELECT seq FROM audit_entry WHERE organisation_id = $1 ORDER BY seq`, [
        organisationId,
      ])
    ).rows.map((r) => Number(r.seq));

  it('finds "sign in" among the entries by their plain words; the export keeps the codes', async () => {
    const { browser } = await reviewerOfNewPractice();
    const found = await browser.get('/api/audit?action=sign%20in');
    expect(found.status).toBe(200);
    expect(found.body.entries.map((e: { action: string }) => e.action)).toEqual(['auth.signed_in']);
    const csv = await browser.get('/api/audit/export?action=sign%20in');
    expect(csv.text.split('\r\n')[1]).toMatch(/^1,[^,]+,auth\.signed_in,/);
  });

  it('signs a checkpoint on export, and names the entries deleted after it', async () => {
    const { organisation, browser } = await reviewerOfNewPractice();
    expect((await browser.get('/api/audit/export')).status).toBe(200);
    const head = Math.max(...(await seqs(organisation.id)));
    const lines = readFileSync(join(checkpointDir, `${organisation.id}.jsonl`), 'utf8')
      .trim()
      .split('\n');
    expect(JSON.parse(lines[lines.length - 1])).toMatchObject({ seq: head, reason: 'export' });

    await tamper(`DELETE FROM audit_entry WHERE organisation_id = $1 AND seq >= $2`, [
      organisation.id,
      head - 1,
    ]);
    const verified = await browser.send('post', '/api/audit/verify');
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({
      intact: false,
      checked: head - 2,
      firstBroken: { id: null, seq: head - 1, at: null },
      checkpoint: { seq: head },
    });
    expect(verified.body.firstBroken.reason).toMatch(new RegExp(`^entries ${head - 1}–${head} are missing`));
  });

  it.each([
    ['keeps its version', 2, 'its content was changed after it was written'],
    ['claims the unkeyed version', 1, 'it carries an unkeyed hash after keyed entries: it was rewritten'],
  ])(
    'reports the newest entry rewritten with its real recomputed SHA-256 as broken (it %s)',
    async (_, version, reason) => {
      const { organisation, browser } = await reviewerOfNewPractice();
      // A keyed entry before the one rewritten (the verification's own).
      expect((await browser.send('post', '/api/audit/verify')).status).toBe(200);
      const { rows } = await owner.query(
        `SELECT * FROM audit_entry WHERE organisation_id = $1 ORDER BY seq DESC LIMIT 1`,
        [organisation.id],
      );
      const newest = rows[0];
      // What an attacker without the key can do: rewrite the entry, then put in place the SHA-256
      // that entries carried before the chain was keyed, recomputed over the rewritten content.
      const forged = unkeyedEntryHash({
        id: newest.id,
        hashVersion: version as 1 | 2,
        prevHash: newest.prev_hash,
        organisationId: newest.organisation_id,
        seq: Number(newest.seq),
        at: newest.at,
        action: newest.action,
        actorUserId: newest.actor_user_id,
        actorLabel: newest.actor_label,
        entityType: newest.entity_type,
        entityId: newest.entity_id,
        diff: newest.diff,
        ip: '198.51.100.66',
        userAgent: newest.user_agent,
        requestId: newest.request_id,
      });
      expect(forged).toMatch(/^[0-9a-f]{64}$/);
      expect(forged).not.toBe(newest.hash);
      await tamper(
        `UPDATE audit_entry SET ip = '198.51.100.66', hash = $2, hash_version = $3 WHERE id = $1`,
        [newest.id, forged, version],
      );
      const verified = await browser.send('post', '/api/audit/verify');
      expect(verified.body).toMatchObject({
        intact: false,
        firstBroken: { seq: Number(newest.seq), reason },
      });
    },
  );

  it('checkpoints the head after an intact verification', async () => {
    const { organisation, browser } = await reviewerOfNewPractice();
    expect((await browser.send('post', '/api/audit/verify')).body).toMatchObject({
      intact: true,
      anchored: false,
      checkpoint: null,
    });
    const again = await browser.send('post', '/api/audit/verify');
    const head = Math.max(...(await seqs(organisation.id)));
    // The first verification's own entry is the head the checkpoint signed.
    expect(again.body).toMatchObject({ intact: true, anchored: true, checkpoint: { seq: head - 1 } });
  });

  it('does not call a chain anchored once its tail and its checkpoint file are both gone', async () => {
    const { organisation, browser } = await reviewerOfNewPractice();
    expect((await browser.get('/api/audit/export')).status).toBe(200);
    const head = Math.max(...(await seqs(organisation.id)));
    await tamper(`DELETE FROM audit_entry WHERE organisation_id = $1 AND seq = $2`, [organisation.id, head]);
    rmSync(join(checkpointDir, `${organisation.id}.jsonl`));
    const verified = await browser.send('post', '/api/audit/verify');
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({
      intact: true,
      anchored: false,
      checked: head - 1,
      firstBroken: null,
      checkpoint: null,
    });
  });

  describe('when the checkpoint folder cannot be used', () => {
    let broken: TestApi;

    beforeAll(async () => {
      // A folder inside a regular file: neither created nor read, whoever the tests run as.
      const file = join(checkpointDir, 'not-a-folder');
      mkdirSync(checkpointDir, { recursive: true });
      writeFileSync(file, '');
      const config = testApi.app.get<AppConfig>(APP_CONFIG);
      broken = await startTestApi('audit-http-unwritable', {
        db: testApi.db,
        redisPrefix: testApi.redisPrefix,
        config: { audit: { ...config.audit, checkpointDir: join(file, 'checkpoints') } },
      });
    });

    afterAll(async () => {
      await broken?.close();
    });

    it('answers the export 503 naming the problem, and keeps the entry of the export', async () => {
      const organisation = await make.organisation();
      const user = await make.user([{ organisation, roles: ['reviewer'] }]);
      const browser = new Browser(broken.app);
      expect((await browser.signIn(user.email, FACTORY_PASSWORD)).body.status).toBe('signed_in');
      const exported = await browser.get('/api/audit/export');
      expect(exported.status).toBe(503);
      expect(exported.body).toMatchObject({ error: 'dependency_unavailable' });
      expect(exported.body.message).toMatch(/checkpoint folder on the server cannot be (read|written)/);
      const { rows } = await owner.query(
        `SELECT action FROM audit_entry WHERE organisation_id = $1 ORDER BY seq DESC LIMIT 1`,
        [organisation.id],
      );
      expect(rows).toEqual([{ action: 'audit.exported' }]);
    });

    it('answers the verification 503 naming the problem', async () => {
      const organisation = await make.organisation();
      const user = await make.user([{ organisation, roles: ['reviewer'] }]);
      const browser = new Browser(broken.app);
      expect((await browser.signIn(user.email, FACTORY_PASSWORD)).body.status).toBe('signed_in');
      const verified = await browser.send('post', '/api/audit/verify');
      expect(verified.status).toBe(503);
      expect(verified.body).toMatchObject({ error: 'dependency_unavailable' });
      expect(verified.body.message).toMatch(/checkpoint folder on the server cannot be read/);
    });
  });
});
