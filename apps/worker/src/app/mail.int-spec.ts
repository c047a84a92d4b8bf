import { createHash } from 'node:crypto';
import { Test } from '@nestjs/testing';
import type { Queue } from 'bullmq';
import type { Client } from 'pg';
import { SecretBox } from '@carecast/server/core';
import { Mailer, type MailMessage } from '@carecast/server/identity';
import { JobName, QueueName, type PasswordResetMailJobData } from '@carecast/shared/contracts';
import { eventually } from '@carecast/server/testing';
import { startTestWorker, type TestWorker } from './test-worker.spec-helper';
import { WorkerModule } from './worker.module';

class Outbox extends Mailer {
  readonly sent: MailMessage[] = [];
  /** Every message handed over, including those refused. */
  readonly tried: MailMessage[] = [];
  /** How many of the next sends fail, as an SMTP server that is away would. */
  failing = 0;
  async send(m: MailMessage): Promise<void> {
    this.tried.push(m);
    if (this.failing > 0) {
      this.failing--;
      throw new Error('SMTP server unavailable');
    }
    this.sent.push(m);
  }
}

describe('worker: the mail queue on real PostgreSQL, Redis and BullMQ', () => {
  let started: TestWorker;
  let sql: Client;
  let queue: Queue;
  const outbox = new Outbox();

  beforeAll(async () => {
    // The worker connects as the role that owns nothing, like in production; the test's own SQL is the owner's.
    started = await startTestWorker('worker-mail', {
      start: async (config) => {
        const worker = await Test.createTestingModule({ imports: [WorkerModule.forRoot(config)] })
          .overrideProvider(Mailer)
          .useValue(outbox)
          .compile();
        return worker.init();
      },
    });
    ({ sql } = started);
    queue = started.queue(QueueName.Mail);
  });

  afterAll(async () => {
    await started?.close();
  });

  /** An address sealed the way the api seals it into a reset job. */
  const sealed = (email: string) =>
    started.worker.get(SecretBox, { strict: false }).encrypt(email, 'password-reset-mail:email');

  /** An account with a password, member of one organisation. */
  const account = async (label: string) => {
    const org = await sql.query(`INSERT INTO organisation (slug, name) VALUES ($1, $1) RETURNING id`, [
      `${label}-${Date.now()}`,
    ]);
    const user = await sql.query(
      `INSERT INTO app_user (email, display_name, password_hash) VALUES ($1, $2, 'stored-hash') RETURNING id, email`,
      [`${label}-${Date.now()}@practice.example`, label],
    );
    await sql.query(`INSERT INTO membership (organisation_id, user_id, roles) VALUES ($1, $2, '{viewer}')`, [
      org.rows[0].id,
      user.rows[0].id,
    ]);
    return {
      organisationId: org.rows[0].id as string,
      id: user.rows[0].id as string,
      email: user.rows[0].email as string,
    };
  };

  it('makes and mails a single-use reset link for the account of a password-reset job', async () => {
    const user = await account('reset');
    const data: PasswordResetMailJobData = {
      requestId: `req-reset-${Date.now()}`,
      emailSealed: sealed(user.email),
      ip: '203.0.113.7',
      userAgent: 'Browser/2.0',
    };
    const job = await queue.add(JobName.PasswordResetMail, data);
    await eventually(async () => (await job.getState()) === 'completed', 'the reset mail job to complete');
    const mails = outbox.sent.filter((m) => m.to === user.email);
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toBe('Reset your Carecast password');
    const token = mails[0].text.match(/\/reset-password\?token=([A-Za-z0-9_-]+)/)?.[1] as string;
    expect(token).toHaveLength(43);
    const { rows } = await sql.query(
      `SELECT token_hash, used_at, expires_at - created_at AS valid FROM one_time_token
       WHERE purpose = 'password_reset' AND user_id = $1`,
      [user.id],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].token_hash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(rows[0].used_at).toBeNull();
    expect(rows[0].valid).toMatchObject({ hours: 1 });
    const audit = await sql.query(
      `SELECT request_id, ip, user_agent FROM audit_entry WHERE action = 'auth.password_reset_requested' AND organisation_id = $1`,
      [user.organisationId],
    );
    expect(audit.rows).toEqual([
      { request_id: data.requestId, ip: '203.0.113.7', user_agent: 'Browser/2.0' },
    ]);
  });

  it('mails the same link again when a retry follows a failed send, with one token and one audit entry', async () => {
    const user = await account('retry');
    outbox.failing = 1;
    const job = await queue.add(
      JobName.PasswordResetMail,
      {
        requestId: `req-retry-${Date.now()}`,
        emailSealed: sealed(user.email),
        ip: null,
        userAgent: null,
        resetKey: 'retry-key-1',
      },
      { attempts: 3, backoff: { type: 'fixed', delay: 10 } },
    );
    await eventually(async () => (await job.getState()) === 'completed', 'the retried reset mail job');
    const tried = outbox.tried.filter((m) => m.to === user.email);
    expect(tried).toHaveLength(2);
    expect(tried[1].text).toBe(tried[0].text);
    const tokens = await sql.query(
      `SELECT used_at FROM one_time_token WHERE purpose = 'password_reset' AND user_id = $1`,
      [user.id],
    );
    expect(tokens.rows).toEqual([{ used_at: null }]);
    const audit = await sql.query(
      `SELECT count(*)::int AS n FROM audit_entry WHERE action = 'auth.password_reset_requested' AND organisation_id = $1`,
      [user.organisationId],
    );
    expect(audit.rows[0].n).toBe(1);
  });

  it('sends nothing, and does not retry, for an address without an account', async () => {
    const before = outbox.sent.length;
    const job = await queue.add(
      JobName.PasswordResetMail,
      { requestId: 'req-gone', emailSealed: sealed('nobody@nowhere.example'), ip: null, userAgent: null },
      { attempts: 3 },
    );
    await eventually(async () => (await job.getState()) === 'completed', 'the job for an unknown address');
    expect(outbox.sent.length).toBe(before);
  });
});
