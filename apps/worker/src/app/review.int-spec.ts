import { createHash, randomBytes } from 'node:crypto';
import { Test } from '@nestjs/testing';
import type { Client } from 'pg';
import { APP_CONFIG, type AppConfig } from '@carecast/server/config';
import { derivedToken, Mailer, type MailMessage } from '@carecast/server/identity';
import { eventually } from '@carecast/server/testing';
import { JobName, QueueName, type OutsideReviewMailJobData } from '@carecast/shared/contracts';
import { POST_EXPIRY_SCHEDULER_ID } from './post-expiry.scheduler';
import { startTestWorker, type TestWorker } from './test-worker.spec-helper';
import { WorkerModule } from './worker.module';

class Outbox extends Mailer {
  readonly sent: MailMessage[] = [];
  async send(m: MailMessage): Promise<void> {
    this.sent.push(m);
  }
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('worker: the review jobs on real PostgreSQL, Redis and BullMQ', () => {
  let started: TestWorker;
  let sql: Client;
  const outbox = new Outbox();

  beforeAll(async () => {
    started = await startTestWorker('worker-review', {
      start: async (config) => {
        const worker = await Test.createTestingModule({ imports: [WorkerModule.forRoot(config)] })
          .overrideProvider(Mailer)
          .useValue(outbox)
          .compile();
        return worker.init();
      },
    });
    ({ sql } = started);
  });

  afterAll(async () => {
    await started?.close();
  });

  /** An organisation with an author, and a post of theirs in `state`, scheduled `minutes` from now. */
  async function postOf(state: string, minutes: number | null) {
    const label = randomBytes(4).toString('hex');
    const org = await sql.query(`INSERT INTO organisation (slug, name) VALUES ($1, $2) RETURNING id`, [
      `review-${label}`,
      `Practice ${label}`,
    ]);
    const organisationId = org.rows[0].id as string;
    const user = await sql.query(
      `INSERT INTO app_user (email, display_name, password_hash) VALUES ($1, 'Dana', 'stored-hash') RETURNING id`,
      [`dana-${label}@practice.example`],
    );
    const authorId = user.rows[0].id as string;
    await sql.query(
      `INSERT INTO membership (organisation_id, user_id, roles, joined_at) VALUES ($1, $2, '{marketer}', now())`,
      [organisationId, authorId],
    );
    const post = await sql.query(
      `INSERT INTO post (organisation_id, author_id, kind, state, text, scheduled_at, content_hash)
       VALUES ($1, $2, 'post', $3, 'Flu shots on Saturday.', $4, 'hash-1') RETURNING id`,
      [organisationId, authorId, state, minutes === null ? null : new Date(Date.now() + minutes * 60_000)],
    );
    return { organisationId, authorId, postId: post.rows[0].id as string };
  }

  const stateOf = async (postId: string) =>
    (await sql.query(`SELECT state FROM post WHERE id = $1`, [postId])).rows[0].state as string;

  it('schedules the expiry sweep once, and the sweep expires the posts in review past their time, telling their authors', async () => {
    const queue = started.queue(QueueName.Review);
    expect((await queue.getJobSchedulers()).map((s) => s.key)).toEqual([POST_EXPIRY_SCHEDULER_ID]);
    const late = await postOf('in_review', -5);
    const lateApproved = await postOf('approved', -1);
    const onTime = await postOf('in_review', 60);
    const draft = await postOf('draft', -5);
    const scheduled = await postOf('scheduled', -5);

    const job = await queue.add(JobName.PostExpirySweep, { requestId: 'req-sweep-test' });
    await eventually(async () => (await job.getState()) === 'completed', 'the sweep job to complete');
    expect(await stateOf(late.postId)).toBe('expired');
    expect(await stateOf(lateApproved.postId)).toBe('expired');
    expect(await stateOf(onTime.postId)).toBe('in_review');
    // Only the states the workflow table expires from: a draft waits for its author, a scheduled
    // post for publishing.
    expect(await stateOf(draft.postId)).toBe('draft');
    expect(await stateOf(scheduled.postId)).toBe('scheduled');

    const audit = await sql.query(
      `SELECT action, actor_label, request_id FROM audit_entry WHERE entity_id = $1`,
      [late.postId],
    );
    expect(audit.rows).toEqual([
      { action: 'post.expired', actor_label: 'system', request_id: 'req-sweep-test' },
    ]);
    const told = await sql.query(`SELECT kind, post_id FROM notification WHERE recipient_id = $1`, [
      late.authorId,
    ]);
    expect(told.rows).toEqual([{ kind: 'expired', post_id: late.postId }]);
  });

  it('mails an outside approver the link derived from the job’s key, again on a second job, and nothing for a key that does not give it', async () => {
    const { organisationId, authorId, postId } = await postOf('in_review', null);
    const config = started.worker.get<AppConfig>(APP_CONFIG, { strict: false });
    const linkKey = randomBytes(32).toString('base64url');
    const token = derivedToken(
      config.encryption.keys[config.encryption.activeKeyId],
      'outside-review',
      linkKey,
    );
    const link = await sql.query(
      `INSERT INTO outside_review_link (organisation_id, post_id, token_hash, name, email, revision, content_hash,
         requested_by, created_at, expires_at)
       VALUES ($1, $2, $3, 'Dr. Ana Ruiz', 'ana@physicians.example', 1, 'hash-1', $4, now(), now() + interval '72 hours')
       RETURNING id`,
      [organisationId, postId, sha256(token), authorId],
    );
    const queue = started.queue(QueueName.Mail);
    const data: OutsideReviewMailJobData = {
      requestId: 'req-outside',
      organisationId,
      linkId: link.rows[0].id,
      linkKey,
    };
    for (const job of [
      await queue.add(JobName.OutsideReviewMail, data),
      await queue.add(JobName.OutsideReviewMail, data),
    ])
      await eventually(async () => (await job.getState()) === 'completed', 'the outside review mail job');
    const mails = outbox.sent.filter((m) => m.to === 'ana@physicians.example');
    expect(mails).toHaveLength(2);
    expect(mails[0].text).toContain(`/outside-review/${token}`);
    expect(mails[1].text).toBe(mails[0].text);

    const forged = await queue.add(JobName.OutsideReviewMail, { ...data, linkKey: 'someone-elses-key' });
    await eventually(async () => (await forged.getState()) === 'completed', 'the forged job');
    expect(outbox.sent.filter((m) => m.to === 'ana@physicians.example')).toHaveLength(2);

    await sql.query(`UPDATE outside_review_link SET used_at = now() WHERE id = $1`, [data.linkId]);
    const afterUse = await queue.add(JobName.OutsideReviewMail, data);
    await eventually(async () => (await afterUse.getState()) === 'completed', 'the job after use');
    expect(outbox.sent.filter((m) => m.to === 'ana@physicians.example')).toHaveLength(2);
  });
});
