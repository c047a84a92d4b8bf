import { Test } from '@nestjs/testing';
import type { Queue } from 'bullmq';
import type { Client } from 'pg';
import { Mailer, type MailMessage } from '@carecast/server/identity';
import { NotificationMailService, NotifyService } from '@carecast/server/notify';
import { eventually } from '@carecast/server/testing';
import { JobName, QueueName, type Role } from '@carecast/shared/contracts';
import { startTestWorker, type TestWorker } from './test-worker.spec-helper';
import { WorkerModule } from './worker.module';

class Outbox extends Mailer {
  readonly sent: MailMessage[] = [];
  /** How many of the next sends fail, as an SMTP server that is away would. */
  failing = 0;
  async send(m: MailMessage): Promise<void> {
    if (this.failing > 0) {
      this.failing--;
      throw new Error('SMTP server unavailable');
    }
    this.sent.push(m);
  }
}

const POST_LINK = '/posts/3f2b8c1e-5d4a-4b6f-9c1d-2e7a8b9c0d1e';

describe('worker: notification emails on real PostgreSQL, Redis and BullMQ', () => {
  let started: TestWorker;
  let sql: Client;
  let queue: Queue;
  let count = 0;
  const outbox = new Outbox();

  beforeAll(async () => {
    started = await startTestWorker('worker-notification-mail', {
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

  async function organisation(name: string): Promise<string> {
    count += 1;
    const { rows } = await sql.query(`INSERT INTO organisation (slug, name) VALUES ($1, $2) RETURNING id`, [
      `practice-${count}-${Date.now()}`,
      name,
    ]);
    return rows[0].id;
  }

  async function member(organisationId: string, roles: Role[], status = 'active') {
    count += 1;
    const email = `person-${count}-${Date.now()}@practice.example`;
    const { rows } = await sql.query(
      `INSERT INTO app_user (email, display_name) VALUES ($1, $2) RETURNING id`,
      [email, `Person ${count}`],
    );
    await sql.query(
      `INSERT INTO membership (organisation_id, user_id, roles, status, joined_at) VALUES ($1, $2, $3, $4, now())`,
      [organisationId, rows[0].id, roles, status],
    );
    return { id: rows[0].id as string, email };
  }

  const statusOf = async (recipientId: string) =>
    (await sql.query(`SELECT email_status FROM notification WHERE recipient_id = $1`, [recipientId])).rows[0]
      ?.email_status;

  it('emails each person who wants it, once committed, saying only what happened and where', async () => {
    const org = await organisation('Riverside Family Medicine');
    const reviewer = await member(org, ['reviewer']);
    const emailOff = await member(org, ['reviewer']);
    await sql.query(
      `INSERT INTO notification_preference (organisation_id, user_id, kind, in_app, email) VALUES ($1, $2, 'review_requested', true, false)`,
      [org, emailOff.id],
    );
    await started.worker.get(NotifyService).notify(null, {
      organisationId: org,
      recipientPermission: 'review.decide',
      kind: 'review_requested',
      title: 'Post about Jane Doe, DOB 04/12/1961',
      body: 'Jane Doe, MRN 483920, is doing well after her visit',
      link: POST_LINK,
    });

    await eventually(async () => (await statusOf(reviewer.id)) === 'sent', "the reviewer's email");
    const mails = outbox.sent.filter((m) => m.to === reviewer.email);
    expect(mails).toEqual([
      {
        to: reviewer.email,
        subject: 'A post is waiting for your review (Carecast)',
        text: expect.stringContaining(
          `A post is waiting for your review in Riverside Family Medicine:\nhttp://127.0.0.1${POST_LINK}\n`,
        ),
      },
    ]);
    expect(mails[0].text).not.toMatch(/Jane|Doe|483920|1961/);
    expect(await statusOf(emailOff.id)).toBe('not_wanted');
    expect(outbox.sent.filter((m) => m.to === emailOff.email)).toEqual([]);
  });

  it('sends an email whose job was lost (Redis away when it was asked for) once the sweep runs, and only once', async () => {
    const org = await organisation('Brookside Clinic');
    const author = await member(org, ['marketer']);
    // As written by a notify whose job never reached Redis.
    const { rows } = await sql.query(
      `INSERT INTO notification (organisation_id, recipient_id, kind, title, body, link, in_app, email_status, created_at)
       VALUES ($1, $2, 'changes_requested', 'Changes requested', '', $3, true, 'pending', now() - interval '5 minutes')
       RETURNING id`,
      [org, author.id, POST_LINK],
    );
    await Promise.all([
      queue.add(JobName.NotificationMailSweep, { requestId: 'sweep-1' }),
      queue.add(JobName.NotificationMail, { requestId: 'duplicate', notificationId: rows[0].id }),
    ]);
    await eventually(async () => (await statusOf(author.id)) === 'sent', 'the swept email');
    await new Promise((r) => setTimeout(r, 500));
    expect(outbox.sent.filter((m) => m.to === author.email).map((m) => m.subject)).toEqual([
      'Changes were requested on your post (Carecast)',
    ]);
    // Swept once: a second sweep right after queues it again no sooner than the requeue interval.
    const second = await started.worker.get(NotificationMailService).sweep({ requestId: 'sweep-2' });
    expect(second.requeued).toBe(0);
  });

  it('keeps an email pending when the send fails (the job retries), and sends nothing to someone no longer a member', async () => {
    const org = await organisation('Hillside Pediatrics');
    const author = await member(org, ['marketer']);
    const gone = await member(org, ['marketer']);
    const mail = started.worker.get(NotificationMailService);
    const insert = async (recipientId: string) =>
      (
        await sql.query(
          `INSERT INTO notification (organisation_id, recipient_id, kind, title, body, link, in_app, email_status)
           VALUES ($1, $2, 'expired', 'Expired', '', $3, true, 'pending') RETURNING id`,
          [org, recipientId, POST_LINK],
        )
      ).rows[0].id as string;
    const id = await insert(author.id);
    outbox.failing = 1;
    await expect(mail.send({ requestId: 'r1', notificationId: id })).rejects.toThrow(
      'SMTP server unavailable',
    );
    expect(await statusOf(author.id)).toBe('pending');
    await expect(mail.send({ requestId: 'r2', notificationId: id })).resolves.toBe('sent');
    await expect(mail.send({ requestId: 'r3', notificationId: id })).resolves.toBe('skipped');
    expect(outbox.sent.filter((m) => m.to === author.email)).toHaveLength(1);

    const goneId = await insert(gone.id);
    await sql.query(`UPDATE membership SET status = 'deactivated' WHERE user_id = $1`, [gone.id]);
    await expect(mail.send({ requestId: 'r4', notificationId: goneId })).resolves.toBe('skipped');
    expect(await statusOf(gone.id)).toBe('abandoned');
    expect(outbox.sent.filter((m) => m.to === gone.email)).toEqual([]);
  });
});
