import { Test, type TestingModule } from '@nestjs/testing';
import { Client } from 'pg';
import { ConfigModule, loadTestInfraConfig } from '@carecast/server/config';
import { CoreModule, SecretDecryptionError } from '@carecast/server/core';
import { DatabaseModule, TransactionRunner } from '@carecast/server/database';
import { createTestDatabase, testAppConfig, type TestDatabase } from '@carecast/server/testing';
import { ChannelCredentialsRepository } from './channel-credentials.repository';
import { ChannelCredentialsService } from './channel-credentials.service';
import { ChannelRepository, type ChannelRecord } from './channel.repository';

const infra = loadTestInfraConfig();
const CAPABILITIES = {
  mentions: true,
  reply: true,
  hide: false,
  metrics: false,
  findRecent: true,
  maxImages: 4,
};

describe('channel repository and credentials on real PostgreSQL', () => {
  let db: TestDatabase;
  let moduleRef: TestingModule;
  let channels: ChannelRepository;
  let credentials: ChannelCredentialsService;
  let runner: TransactionRunner;
  let sql: Client;
  let riverside: string;
  let lakeside: string;
  let ours: ChannelRecord;
  let theirs: ChannelRecord;

  beforeAll(async () => {
    db = await createTestDatabase(infra.DATABASE_URL, 'channel_repo');
    const config = testAppConfig({ databaseUrl: db.url, redisUrl: infra.REDIS_URL, redisPrefix: 'unused' });
    moduleRef = await Test.createTestingModule({
      imports: [ConfigModule.forRoot(config), CoreModule, DatabaseModule],
      providers: [ChannelRepository, ChannelCredentialsRepository, ChannelCredentialsService],
    }).compile();
    await moduleRef.init();
    channels = moduleRef.get(ChannelRepository);
    credentials = moduleRef.get(ChannelCredentialsService);
    runner = moduleRef.get(TransactionRunner);
    sql = new Client({ connectionString: db.url });
    await sql.connect();
    const orgs = await sql.query(
      `INSERT INTO organisation (slug, name) VALUES ('riverside', 'Riverside'), ('lakeside', 'Lakeside') RETURNING id`,
    );
    [riverside, lakeside] = orgs.rows.map((r) => r.id as string);
    const connect = (organisationId: string, externalAccountId: string) =>
      runner.run((tx) =>
        channels.upsert(
          {
            organisationId,
            kind: 'x_account',
            displayName: `@${externalAccountId}`,
            externalAccountId,
            capabilities: CAPABILITIES,
            settings: {},
            connectedBy: null,
          },
          tx,
        ),
      );
    ours = await connect(riverside, 'riverside');
    theirs = await connect(lakeside, 'lakeside');
  });

  afterAll(async () => {
    await sql?.end();
    await moduleRef?.close();
    await db?.drop();
  });

  const statusOf = async (id: string) =>
    (await sql.query(`SELECT status FROM channel WHERE id = $1`, [id])).rows[0]?.status as string | undefined;

  it("scopes every read and write by organisation: another organisation's channel is out of reach", async () => {
    expect((await channels.list(riverside)).map((c) => c.id)).toEqual([ours.id]);
    expect(await channels.get(riverside, theirs.id)).toBeNull();
    expect(await channels.get(lakeside, theirs.id)).toMatchObject({
      id: theirs.id,
      organisationId: lakeside,
    });

    await channels.setStatus(riverside, theirs.id, 'disabled', 'not yours');
    expect(await statusOf(theirs.id)).toBe('connected');
    expect(await runner.run((tx) => channels.remove(riverside, theirs.id, tx))).toBe(false);
    expect(await statusOf(theirs.id)).toBe('connected');

    await channels.setStatus(lakeside, theirs.id, 'disabled', null);
    expect(await statusOf(theirs.id)).toBe('disabled');
    await channels.setStatus(riverside, theirs.id, 'connected', null);
    expect(await statusOf(theirs.id)).toBe('disabled');
  });

  it("refuses channel A's encrypted credentials copied onto channel B", async () => {
    await credentials.store(ours.id, { accessToken: 'riverside-token' });
    await credentials.store(theirs.id, { accessToken: 'lakeside-token' });
    await sql.query(
      `UPDATE channel SET credentials = (SELECT credentials FROM channel WHERE id = $1) WHERE id = $2`,
      [ours.id, theirs.id],
    );
    await expect(credentials.load(theirs.id)).rejects.toBeInstanceOf(SecretDecryptionError);
    await expect(credentials.load(ours.id)).resolves.toEqual({ accessToken: 'riverside-token' });
  });

  it('reads a channel in full; capabilities stored without a value read as none', async () => {
    expect(await channels.get(riverside, ours.id)).toEqual({
      id: ours.id,
      organisationId: riverside,
      kind: 'x_account',
      displayName: '@riverside',
      externalAccountId: 'riverside',
      status: 'connected',
      lastError: null,
      capabilities: { mentions: true, reply: true, hide: false, maxImages: 4 },
      settings: {},
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/),
      updatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/),
    });
    const bare = await sql.query(
      `INSERT INTO channel (organisation_id, kind, display_name, external_account_id, capabilities, settings)
       VALUES ($1, 'x_account', '@bare', 'bare', '{}', '{}') RETURNING id`,
      [riverside],
    );
    expect((await channels.get(riverside, bare.rows[0].id))?.capabilities).toEqual({
      mentions: false,
      reply: false,
      hide: false,
      maxImages: 0,
    });
    await sql.query(`DELETE FROM channel WHERE id = $1`, [bare.rows[0].id]);
  });

  it('removes a channel of its own organisation, once', async () => {
    const gone = await runner.run((tx) =>
      channels.upsert(
        {
          organisationId: riverside,
          kind: 'x_account',
          displayName: '@leaving',
          externalAccountId: 'leaving',
          capabilities: CAPABILITIES,
          settings: {},
          connectedBy: null,
        },
        tx,
      ),
    );
    expect(await runner.run((tx) => channels.remove(riverside, gone.id, tx))).toBe(true);
    expect(await statusOf(gone.id)).toBeUndefined();
    expect(await runner.run((tx) => channels.remove(riverside, gone.id, tx))).toBe(false);
  });

  it('tells whether an account is connected by another organisation only, and nothing more', async () => {
    expect(await channels.wouldBeShared(riverside, 'x_account', 'lakeside')).toBe(true);
    expect(await channels.wouldBeShared(lakeside, 'x_account', 'lakeside')).toBe(false);
    expect(await channels.wouldBeShared(riverside, 'x_account', 'nobody')).toBe(false);
    expect(await channels.wouldBeShared(riverside, 'facebook_page', 'lakeside')).toBe(false);
  });

  it("holds a platform account's lock until the transaction ends, whichever organisation asks", async () => {
    const other = new Client({ connectionString: db.url });
    await other.connect();
    const tryLock = async () =>
      (
        await other.query(
          `SELECT pg_try_advisory_xact_lock(hashtext('channel-account:' || $1 || ':' || $2)) AS got`,
          ['x_account', 'shared-account'],
        )
      ).rows[0].got as boolean;
    try {
      await runner.run(async (tx) => {
        await channels.lockAccount('x_account', 'shared-account', tx);
        expect(await tryLock()).toBe(false);
      });
      expect(await tryLock()).toBe(true);
    } finally {
      await other.end();
    }
  });
});
