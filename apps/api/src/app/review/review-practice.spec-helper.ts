import type { JobsOptions } from 'bullmq';
import type { Client } from 'pg';
import { ContentSettingsService } from '@carecast/server/content';
import {
  DEFAULT_CONTENT_SETTINGS,
  type JobPayloads,
  type PostDetail,
  type Role,
} from '@carecast/shared/contracts';
import type {
  FactoryOrganisation,
  FactoryUser,
  IdentityFactory,
} from '../identity/identity-factory.spec-helper';
import { Browser } from '../identity/session-client.spec-helper';
import type { TestApi } from '../test-api.spec-helper';

/** Keeps the jobs the api queues instead of sending them to Redis (the worker's half is called directly). */
export class QueuedJobs {
  readonly jobs: Array<{ name: string; data: unknown }> = [];
  async enqueue<N extends keyof JobPayloads>(
    name: N,
    data: JobPayloads[N],
    _opts?: JobsOptions,
  ): Promise<string> {
    this.jobs.push({ name, data });
    return `job-${this.jobs.length}`;
  }
}

/** A post text no check flags. */
export const CLEAN_TEXT = 'Flu shots are here. Walk in any weekday from 8 am.';

/** A practice of its own: its people (by the part they play), each signed in, and one X channel. */
export interface ReviewPractice<Person extends string> {
  organisation: FactoryOrganisation;
  people: Record<Person, FactoryUser>;
  as: Record<Person, Browser>;
  channelId: string;
}

/** Signs the person in on a browser of their own (200 expected). */
export async function signedIn(testApi: TestApi, user: FactoryUser): Promise<Browser> {
  const browser = new Browser(testApi.app);
  expect((await browser.signIn(user.email, user.password)).status).toBe(200);
  return browser;
}

/**
 * Makes a practice with one person per entry of `roles` (display name "The <key>"), the content
 * settings asked for (set by its administrator, `admin`) and an X channel.
 */
export async function reviewPractice<Roles extends Record<'admin' | 'author', Role[]>>(
  deps: { testApi: TestApi; sql: Client; factory: IdentityFactory },
  roles: Roles,
  settings: { approvals: number; fastPath: boolean },
): Promise<ReviewPractice<keyof Roles & string>> {
  type Person = keyof Roles & string;
  const { testApi, sql, factory } = deps;
  const organisation = await factory.organisation();
  const people = {} as Record<Person, FactoryUser>;
  const as = {} as Record<Person, Browser>;
  for (const [key, r] of Object.entries(roles) as Array<[Person, Role[]]>) {
    people[key] = await factory.user([{ organisation, roles: r }], { displayName: `The ${key}` });
    as[key] = await signedIn(testApi, people[key]);
  }
  const admin: FactoryUser = people['admin' as Person];
  await testApi.app.get(ContentSettingsService).update(
    {
      organisationId: organisation.id,
      actorUserId: admin.id,
      actorLabel: admin.email,
      ip: null,
      userAgent: null,
      requestId: null,
    },
    {
      ...DEFAULT_CONTENT_SETTINGS,
      requiredApprovals: { post: settings.approvals, health_alert: settings.approvals },
      allowEmergencyFastPath: settings.fastPath,
    },
  );
  const { rows } = await sql.query(
    `INSERT INTO channel (organisation_id, kind, display_name, external_account_id)
     VALUES ($1, 'x_account', '@practice', $2) RETURNING id`,
    [organisation.id, `x-${organisation.slug}`],
  );
  return { organisation, people, as, channelId: rows[0].id };
}

/** A draft written by the practice's author: CLEAN_TEXT for its channel unless `body` says otherwise. */
export async function draft(p: ReviewPractice<'author'>, body: object = {}): Promise<PostDetail> {
  const res = await p.as.author.send('post', '/api/posts', {
    kind: 'post',
    text: CLEAN_TEXT,
    variants: [{ channelId: p.channelId }],
    ...body,
  });
  expect(res.status).toBe(201);
  return res.body;
}

/** A draft (as `draft`) that its author has submitted for review. */
export async function submitted(p: ReviewPractice<'author'>, body: object = {}): Promise<PostDetail> {
  const post = await draft(p, body);
  const res = await p.as.author.send('post', `/api/posts/${post.id}/submit`);
  expect(res.body).toMatchObject({ state: 'in_review' });
  return post;
}
