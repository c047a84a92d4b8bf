import type { AuditService } from '@carecast/server/audit';
import type { AppConfig } from '@carecast/server/config';
import { type Clock, SecretBox } from '@carecast/server/core';
import type { TransactionRunner } from '@carecast/server/database';
import type { JobProducer } from '@carecast/server/queue';
import { JobName } from '@carecast/shared/contracts';
import type { CredentialRepository } from './credential.repository';
import type { IdentityRepository } from './identity.repository';
import type { User } from './identity.types';
import type { Mailer } from './mailer';
import type { PasswordService } from './password.service';
import { PasswordResetService } from './password-reset.service';
import type { SessionService } from './session.service';

const account: User = {
  id: '7f1c2b9e-0000-4000-8000-000000000001',
  email: 'known@practice.example',
  displayName: 'Known Person',
  passwordHash: '$argon2id$stored',
  mfaSecret: null,
  mfaEnabledAt: null,
  mfaLastUsedStep: null,
  lastSignInAt: null,
};
const meta = { ip: '203.0.113.9', userAgent: 'Browser/1.0', requestId: 'req-42' };
const config = {
  http: { publicUrl: 'https://carecast.example' },
  encryption: { keys: { k1: Buffer.alloc(32, 7) }, activeKeyId: 'k1' },
} as unknown as AppConfig;
const box = new SecretBox(config);
/** The address as the api seals it into a reset job. */
const sealed = (email: string) => box.encrypt(email, 'password-reset-mail:email');
/** The job the worker runs for a reset asked for this address (`resetKey` names the request). */
const linkJob = (email: string, more: { requestId?: string; resetKey?: string } = {}) => ({
  requestId: 'req-42',
  emailSealed: sealed(email),
  ip: null,
  userAgent: null,
  ...more,
});

function setUp(users: Record<string, User>) {
  const identity = {
    userByEmail: jest.fn(async (email: string) => users[email] ?? null),
    userById: jest.fn(async (id: string) => Object.values(users).find((u) => u.id === id) ?? null),
    activeOrganisationsOf: jest.fn(async () => [{ id: 'org-1' }]),
  };
  const created: Array<{ tokenHash: string; expiresAt: Date }> = [];
  const credentials = {
    voidTokens: jest.fn(),
    createToken: jest.fn(async (t: { tokenHash: string; expiresAt: Date }) => {
      created.push(t);
    }),
    tokenByHash: jest.fn(async (hash: string) => {
      const found = created.find((t) => t.tokenHash === hash);
      return found ? { id: 'token-1', expiresAt: found.expiresAt, usedAt: null } : null;
    }),
  };
  const mailer = { send: jest.fn() };
  const jobs = { enqueue: jest.fn().mockResolvedValue('job-1') };
  const audit = { record: jest.fn() };
  const db = { run: jest.fn((fn: (tx: unknown) => unknown) => fn({})) };
  const service = new PasswordResetService(
    identity as unknown as IdentityRepository,
    credentials as unknown as CredentialRepository,
    {} as PasswordService,
    {} as SessionService,
    audit as unknown as AuditService,
    mailer as unknown as Mailer,
    jobs as unknown as JobProducer,
    box,
    db as unknown as TransactionRunner,
    { now: () => new Date('2026-12-01T10:00:00Z') } as Clock,
    config,
  );
  return { service, identity, credentials, mailer, jobs, audit, db };
}

describe('PasswordResetService', () => {
  it('queues the same sealed job for a known and an unknown address, looking nothing up', async () => {
    const t = setUp({ [account.email]: account });
    await t.service.request(account.email, meta);
    await t.service.request('nobody@nowhere.example', meta);
    expect(t.jobs.enqueue).toHaveBeenCalledTimes(2);
    const [known, unknown] = t.jobs.enqueue.mock.calls.map((c) => c[1]);
    for (const call of t.jobs.enqueue.mock.calls) {
      expect(call[0]).toBe(JobName.PasswordResetMail);
      expect(call[2]).toEqual(expect.objectContaining({ attempts: expect.any(Number) }));
    }
    expect(known).toEqual({
      requestId: 'req-42',
      emailSealed: expect.any(String),
      ip: '203.0.113.9',
      userAgent: 'Browser/1.0',
      resetKey: expect.stringMatching(/^[A-Za-z0-9_-]{22,}$/),
    });
    expect(Object.keys(unknown).sort()).toEqual(Object.keys(known).sort());
    // The address never travels in plain text, and opens only as a reset job's address.
    expect(JSON.stringify(known)).not.toContain(account.email);
    expect(box.decrypt(known.emailSealed, 'password-reset-mail:email')).toBe(account.email);
    expect(() => box.decrypt(known.emailSealed, 'mfa-secret')).toThrow();
    expect(box.decrypt(unknown.emailSealed, 'password-reset-mail:email')).toBe('nobody@nowhere.example');
    expect(t.identity.userByEmail).not.toHaveBeenCalled();
    expect(t.mailer.send).not.toHaveBeenCalled();
    expect(t.credentials.createToken).not.toHaveBeenCalled();
    expect(t.audit.record).not.toHaveBeenCalled();
  });

  it('sends nothing from the worker for an unknown address, or one without a password', async () => {
    const invitedOnly = { ...account, id: 'u-2', email: 'invited@practice.example', passwordHash: null };
    const t = setUp({ [invitedOnly.email]: invitedOnly });
    const job = (email: string) => linkJob(email, { requestId: 'r' });
    await t.service.sendLink(job('nobody@nowhere.example'));
    await t.service.sendLink(job(invitedOnly.email));
    expect(t.identity.userByEmail.mock.calls.map((c) => c[0])).toEqual([
      'nobody@nowhere.example',
      invitedOnly.email,
    ]);
    expect(t.mailer.send).not.toHaveBeenCalled();
    expect(t.db.run).not.toHaveBeenCalled();
  });

  it('answers without waiting for the queue, and never fails because of it', async () => {
    const t = setUp({ [account.email]: account });
    t.jobs.enqueue.mockReturnValue(new Promise(() => undefined));
    await expect(t.service.request(account.email, meta)).resolves.toBeUndefined();
    t.jobs.enqueue.mockRejectedValue(new Error('Redis is away'));
    await expect(t.service.request(account.email, meta)).resolves.toBeUndefined();
  });

  it('makes a single-use link in the worker, records it and mails it', async () => {
    const t = setUp({ [account.email]: account });
    await t.service.sendLink(linkJob(account.email));
    expect(t.credentials.voidTokens).toHaveBeenCalledWith(
      account.id,
      'password_reset',
      null,
      expect.any(Date),
      {},
    );
    const stored = t.credentials.createToken.mock.calls[0][0];
    expect(stored).toMatchObject({
      purpose: 'password_reset',
      userId: account.id,
      tokenHash: expect.any(String),
    });
    expect(stored.expiresAt.toISOString()).toBe('2026-12-01T11:00:00.000Z');
    expect(t.audit.record).toHaveBeenCalledWith(
      expect.objectContaining({ organisationId: 'org-1', requestId: 'req-42' }),
      expect.objectContaining({ action: 'auth.password_reset_requested' }),
      {},
    );
    expect(t.mailer.send).toHaveBeenCalledTimes(1);
    const mail = t.mailer.send.mock.calls[0][0];
    expect(mail.to).toBe(account.email);
    const token = mail.text.match(/reset-password\?token=([A-Za-z0-9_-]+)/)?.[1];
    expect(token).toHaveLength(43);
    expect(stored.tokenHash).not.toContain(token);
  });

  it('on a retry of the same job, mails the same link again without a new token or audit entry', async () => {
    const t = setUp({ [account.email]: account });
    const job = linkJob(account.email, { resetKey: 'k-1' });
    t.mailer.send.mockRejectedValueOnce(new Error('SMTP is away'));
    await expect(t.service.sendLink(job)).rejects.toThrow('SMTP is away');
    await t.service.sendLink(job);
    expect(t.credentials.createToken).toHaveBeenCalledTimes(1);
    expect(t.credentials.voidTokens).toHaveBeenCalledTimes(1);
    expect(t.audit.record).toHaveBeenCalledTimes(1);
    const [first, second] = t.mailer.send.mock.calls.map((c) => c[0].text as string);
    expect(second).toBe(first);
    // Another request (another job) gets another link.
    await t.service.sendLink({ ...job, resetKey: 'k-2' });
    expect(t.credentials.createToken).toHaveBeenCalledTimes(2);
    expect(t.mailer.send.mock.calls[2][0].text).not.toBe(first);
  });

  it('sends nothing on a retry once the link was used or has expired', async () => {
    const t = setUp({ [account.email]: account });
    const job = linkJob(account.email, { resetKey: 'k-1' });
    await t.service.sendLink(job);
    t.credentials.tokenByHash.mockResolvedValueOnce({
      id: 'token-1',
      expiresAt: new Date('2026-12-01T11:00:00Z'),
      usedAt: new Date('2026-12-01T10:05:00Z'),
    } as never);
    await t.service.sendLink(job);
    expect(t.mailer.send).toHaveBeenCalledTimes(1);
    expect(t.credentials.createToken).toHaveBeenCalledTimes(1);
  });

  it('sends nothing for an account that is gone by the time the job runs (the job names only the address)', async () => {
    const t = setUp({});
    await t.service.sendLink(linkJob(account.email, { requestId: 'r' }));
    expect(t.mailer.send).not.toHaveBeenCalled();
    expect(t.credentials.createToken).not.toHaveBeenCalled();
  });
});
