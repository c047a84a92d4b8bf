import type { AuditService } from '@carecast/server/audit';
import { NotFoundError, UnauthenticatedError } from '@carecast/server/core';
import type { Tx } from '@carecast/server/database';
import { inlineTransactionRunner, ManualClock, rejectionOf } from '@carecast/server/testing';
import type { IdentityRepository } from './identity.repository';
import type { Membership, Organisation, SessionRow, User } from './identity.types';
import { SESSION_LIFETIME_MS, SessionService, idleTimeoutMinutes } from './session.service';
import type { SessionRepository } from './session.repository';
import { tokenHash } from './tokens';

const T0 = new Date('2026-03-02T09:00:00.000Z');
const MINUTE = 60_000;
const TX = { tx: true } as unknown as Tx;

const riverside: Organisation = {
  id: 'org-1',
  slug: 'riverside',
  name: 'Riverside Family Medicine',
  timeZone: 'America/New_York',
  mfaRequired: false,
  idleTimeoutPrivilegedMinutes: 15,
  idleTimeoutStandardMinutes: 30,
};
const dana: User = {
  id: 'user-1',
  email: 'dana@riverside.example',
  displayName: 'Dana Reyes',
  passwordHash: 'hash',
  mfaSecret: null,
  mfaEnabledAt: null,
  mfaLastUsedStep: null,
  lastSignInAt: null,
};
const marketer: Membership = {
  organisationId: 'org-1',
  userId: 'user-1',
  roles: ['marketer'],
  status: 'active',
  joinedAt: T0,
};

function row(over: Partial<SessionRow> = {}): SessionRow {
  return {
    id: 'session-1',
    userId: 'user-1',
    organisationId: 'org-1',
    stage: 'active',
    csrfHash: 'csrf-hash',
    createdAt: T0,
    lastSeenAt: T0,
    expiresAt: new Date(T0.getTime() + SESSION_LIFETIME_MS),
    revokedAt: null,
    ip: '203.0.113.7',
    userAgent: 'Firefox',
    ...over,
  };
}

describe('SessionService', () => {
  let clock: ManualClock;
  let sessions: Record<keyof SessionRepository, jest.Mock>;
  let identity: { userById: jest.Mock; organisation: jest.Mock; membership: jest.Mock };
  let audit: { record: jest.Mock };
  let service: SessionService;

  const meta = { ip: '198.51.100.9', userAgent: 'Safari', requestId: 'req-7' };
  const refusal = (promise: Promise<unknown>) => rejectionOf(promise, UnauthenticatedError);

  beforeEach(() => {
    clock = new ManualClock(T0);
    sessions = {
      create: jest.fn(async (r: Omit<SessionRow, 'id' | 'revokedAt'>) => ({
        ...r,
        id: 'session-9',
        revokedAt: null,
      })),
      byTokenHash: jest.fn(async () => row()),
      lastOrganisationOf: jest.fn(async () => 'org-1'),
      byId: jest.fn(async () => row()),
      touch: jest.fn(async () => undefined),
      update: jest.fn(async () => undefined),
      revoke: jest.fn(async () => undefined),
      revokeAllOf: jest.fn(async () => 3),
      liveOf: jest.fn(async () => [row()]),
    } as unknown as Record<keyof SessionRepository, jest.Mock>;
    identity = {
      userById: jest.fn(async () => dana),
      organisation: jest.fn(async () => riverside),
      membership: jest.fn(async () => marketer),
    };
    audit = { record: jest.fn(async () => undefined) };
    service = new SessionService(
      sessions as unknown as SessionRepository,
      identity as unknown as IdentityRepository,
      clock,
      audit as unknown as AuditService,
      inlineTransactionRunner(TX),
    );
  });

  describe('issue', () => {
    it('stores only hashes of fresh tokens, and ends the session 12 hours from now', async () => {
      const issued = await service.issue('user-1', 'org-1', 'mfa_pending', {
        ip: '203.0.113.7',
        userAgent: 'u'.repeat(450),
        requestId: 'r',
      });
      expect(issued.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(issued.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(issued.token).not.toBe(issued.csrfToken);
      expect(issued.sessionId).toBe('session-9');
      expect(issued.expiresAt).toEqual(new Date('2026-03-02T21:00:00.000Z'));
      expect(sessions.create).toHaveBeenCalledWith(
        {
          tokenHash: tokenHash(issued.token),
          csrfHash: tokenHash(issued.csrfToken),
          userId: 'user-1',
          organisationId: 'org-1',
          stage: 'mfa_pending',
          createdAt: T0,
          lastSeenAt: T0,
          expiresAt: new Date('2026-03-02T21:00:00.000Z'),
          ip: '203.0.113.7',
          userAgent: 'u'.repeat(400),
        },
        undefined,
      );
    });

    it('stores no user agent when there is none, inside the given transaction', async () => {
      await service.issue('user-1', 'org-1', 'active', { ip: null, userAgent: null, requestId: null }, TX);
      expect(sessions.create).toHaveBeenCalledWith(
        expect.objectContaining({ ip: null, userAgent: null }),
        TX,
      );
    });
  });

  describe('authenticate', () => {
    it('refuses a missing token without looking it up', async () => {
      const err = await refusal(service.authenticate(undefined));
      expect(err.message).toBe('Sign in to continue.');
      expect(await refusal(service.authenticate(''))).toMatchObject({ message: 'Sign in to continue.' });
      expect(sessions.byTokenHash).not.toHaveBeenCalled();
    });

    it('looks the session up by the hash of its token', async () => {
      await service.authenticate('the-token');
      expect(sessions.byTokenHash).toHaveBeenCalledWith(tokenHash('the-token'));
    });

    it('refuses an unknown or revoked session', async () => {
      sessions.byTokenHash.mockResolvedValueOnce(null);
      expect((await refusal(service.authenticate('t'))).message).toBe(
        'Your session has ended. Sign in again.',
      );
      sessions.byTokenHash.mockResolvedValueOnce(row({ revokedAt: T0 }));
      expect((await refusal(service.authenticate('t'))).message).toBe(
        'Your session has ended. Sign in again.',
      );
      expect(sessions.revoke).not.toHaveBeenCalled();
    });

    it('answers the session: who, where, with the permissions of the roles and the idle timeout', async () => {
      clock.advance(10 * MINUTE);
      const session = await service.authenticate('t');
      expect(session).toEqual({
        sessionId: 'session-1',
        stage: 'active',
        csrfHash: 'csrf-hash',
        user: { id: 'user-1', email: 'dana@riverside.example', displayName: 'Dana Reyes', mfaEnabled: false },
        organisation: riverside,
        roles: ['marketer'],
        permissions: [
          'content.read',
          'content.write',
          'content.schedule',
          'review.read',
          'inbox.read',
          'channels.read',
          'system.read',
        ],
        idleTimeoutMinutes: 30,
        expiresAt: new Date(T0.getTime() + SESSION_LIFETIME_MS),
      });
      expect(identity.organisation).toHaveBeenCalledWith('org-1');
      expect(identity.membership).toHaveBeenCalledWith('org-1', 'user-1');
      expect(identity.userById).toHaveBeenCalledWith('user-1');
    });

    it('says whether the person has MFA', async () => {
      identity.userById.mockResolvedValue({ ...dana, mfaSecret: 'sealed', mfaEnabledAt: T0 });
      expect((await service.authenticate('t')).user.mfaEnabled).toBe(true);
    });

    it('sends a signed-in session to enrolment once its organisation requires MFA, and stores that', async () => {
      identity.organisation.mockResolvedValue({ ...riverside, mfaRequired: true });
      const session = await service.authenticate('t');
      expect(session.stage).toBe('mfa_enrolment');
      expect(session.permissions).toEqual([]);
      expect(sessions.update).toHaveBeenCalledWith('session-1', { stage: 'mfa_enrolment' });
    });

    it('writes no stage when the policy leaves it as it is', async () => {
      identity.organisation.mockResolvedValue({ ...riverside, mfaRequired: true });
      identity.userById.mockResolvedValue({ ...dana, mfaSecret: 'sealed', mfaEnabledAt: T0 });
      await expect(service.authenticate('t')).resolves.toMatchObject({ stage: 'active' });
      sessions.byTokenHash.mockResolvedValue(row({ stage: 'mfa_pending' }));
      await expect(service.authenticate('t')).resolves.toMatchObject({ stage: 'mfa_pending' });
      expect(sessions.update).not.toHaveBeenCalled();
    });

    it('grants no permission before the sign-in is complete', async () => {
      sessions.byTokenHash.mockResolvedValue(row({ stage: 'mfa_pending' }));
      const session = await service.authenticate('t');
      expect(session.stage).toBe('mfa_pending');
      expect(session.permissions).toEqual([]);
    });

    describe('12-hour limit', () => {
      it('still holds one millisecond before it', async () => {
        clock.set(new Date(T0.getTime() + SESSION_LIFETIME_MS - 1));
        sessions.byTokenHash.mockResolvedValue(row({ lastSeenAt: clock.now() }));
        await expect(service.authenticate('t')).resolves.toMatchObject({ sessionId: 'session-1' });
      });

      it('ends the session at it, and records the automatic log-off', async () => {
        clock.set(new Date(T0.getTime() + SESSION_LIFETIME_MS));
        sessions.byTokenHash.mockResolvedValue(row({ lastSeenAt: clock.now() }));
        const err = await refusal(service.authenticate('t', { meta }));
        expect(err.code).toBe('session_expired');
        expect(err.message).toBe('Your session reached its 12-hour limit. Sign in again.');
        expect(sessions.revoke).toHaveBeenCalledWith('session-1', clock.now(), 'expired', TX);
        expect(audit.record).toHaveBeenCalledWith(
          {
            organisationId: 'org-1',
            actorUserId: 'user-1',
            actorLabel: 'dana@riverside.example',
            ...meta,
          },
          {
            action: 'auth.session_expired',
            entityType: 'session',
            entityId: 'session-1',
            after: { reason: 'expired' },
          },
          TX,
        );
        expect(identity.membership).not.toHaveBeenCalled();
      });

      it('records who it was by id when the account is gone, and with no request details', async () => {
        clock.set(new Date(T0.getTime() + SESSION_LIFETIME_MS + MINUTE));
        identity.userById.mockResolvedValue(null);
        await refusal(service.authenticate('t'));
        expect(identity.userById).toHaveBeenCalledWith('user-1', TX);
        expect(audit.record.mock.calls[0][0]).toEqual({
          organisationId: 'org-1',
          actorUserId: 'user-1',
          actorLabel: 'user-1',
          ip: null,
          userAgent: null,
          requestId: null,
        });
      });
    });

    describe('membership', () => {
      it.each([
        ['the account is gone', { user: null }],
        ['the organisation is gone', { organisation: null }],
        ['the membership is gone', { membership: null }],
        ['the membership is deactivated', { membership: { ...marketer, status: 'deactivated' } }],
        ['the membership is only an invitation', { membership: { ...marketer, status: 'invited' } }],
      ])('ends the session when %s', async (_, change) => {
        if ('user' in change) identity.userById.mockResolvedValue(change.user);
        if ('organisation' in change) identity.organisation.mockResolvedValue(change.organisation);
        if ('membership' in change) identity.membership.mockResolvedValue(change.membership);
        const err = await refusal(service.authenticate('t'));
        expect(err.message).toBe('Your access to this organisation has ended. Sign in again.');
        expect(sessions.revoke).toHaveBeenCalledWith('session-1', T0, 'membership_inactive');
        expect(sessions.touch).not.toHaveBeenCalled();
      });
    });

    describe('idle timeout', () => {
      it('gives an administrator or reviewer 15 minutes and everyone else 30', () => {
        expect(idleTimeoutMinutes(riverside, ['admin'])).toBe(15);
        expect(idleTimeoutMinutes(riverside, ['reviewer', 'viewer'])).toBe(15);
        expect(idleTimeoutMinutes(riverside, ['marketer', 'manager', 'viewer'])).toBe(30);
        expect(idleTimeoutMinutes(riverside, [])).toBe(30);
      });

      it('keeps a session seen exactly the idle time ago', async () => {
        clock.advance(30 * MINUTE);
        await expect(service.authenticate('t')).resolves.toMatchObject({ idleTimeoutMinutes: 30 });
      });

      it('ends a session idle one millisecond longer, and records it with the email', async () => {
        clock.advance(30 * MINUTE + 1);
        const err = await refusal(service.authenticate('t', { meta }));
        expect(err.code).toBe('session_expired');
        expect(err.message).toBe(
          'Your session ended after 30 minutes without activity. Sign in again to continue.',
        );
        expect(sessions.revoke).toHaveBeenCalledWith('session-1', clock.now(), 'idle', TX);
        expect(identity.userById).toHaveBeenCalledTimes(1); // the email is already known
        expect(audit.record).toHaveBeenCalledWith(
          expect.objectContaining({ actorLabel: 'dana@riverside.example', requestId: 'req-7' }),
          expect.objectContaining({ action: 'auth.session_expired', after: { reason: 'idle' } }),
          TX,
        );
      });

      it('uses the shorter timeout of a privileged role', async () => {
        identity.membership.mockResolvedValue({ ...marketer, roles: ['viewer', 'reviewer'] });
        clock.advance(15 * MINUTE + 1);
        const err = await refusal(service.authenticate('t'));
        expect(err.message).toContain('after 15 minutes');
      });
    });

    describe('last seen', () => {
      it('is written when more than 15 seconds have passed', async () => {
        clock.advance(15_001);
        await service.authenticate('t');
        expect(sessions.touch).toHaveBeenCalledWith('session-1', clock.now());
      });

      it('is not written again within 15 seconds', async () => {
        clock.advance(15_000);
        await service.authenticate('t');
        expect(sessions.touch).not.toHaveBeenCalled();
      });

      it('is not moved by background polling, so polling never keeps a session alive', async () => {
        clock.advance(20 * MINUTE);
        await service.authenticate('t', { background: true });
        expect(sessions.touch).not.toHaveBeenCalled();
        await service.authenticate('t', { background: false });
        expect(sessions.touch).toHaveBeenCalledTimes(1);
      });
    });
  });

  describe('lists and revocation', () => {
    it('lists live sessions, marking the current one', async () => {
      sessions.liveOf.mockResolvedValue([row(), row({ id: 'session-2', ip: null, userAgent: null })]);
      clock.advance(MINUTE);
      await expect(service.list('user-1', 'session-2')).resolves.toEqual([
        {
          id: 'session-1',
          current: false,
          createdAt: '2026-03-02T09:00:00.000Z',
          lastSeenAt: '2026-03-02T09:00:00.000Z',
          expiresAt: '2026-03-02T21:00:00.000Z',
          ip: '203.0.113.7',
          userAgent: 'Firefox',
        },
        {
          id: 'session-2',
          current: true,
          createdAt: '2026-03-02T09:00:00.000Z',
          lastSeenAt: '2026-03-02T09:00:00.000Z',
          expiresAt: '2026-03-02T21:00:00.000Z',
          ip: null,
          userAgent: null,
        },
      ]);
      expect(sessions.liveOf).toHaveBeenCalledWith('user-1', clock.now());
    });

    it("revokes one of the user's own live sessions and records it", async () => {
      const ctx = { ...meta, organisationId: 'org-1', actorUserId: 'user-1', actorLabel: 'dana' };
      await service.revokeOwn('user-1', 'session-1', ctx);
      expect(sessions.liveOf).toHaveBeenCalledWith('user-1', T0);
      expect(sessions.revoke).toHaveBeenCalledWith('session-1', T0, 'signed_out_remotely', TX);
      expect(audit.record).toHaveBeenCalledWith(
        ctx,
        { action: 'auth.session_revoked', entityType: 'session', entityId: 'session-1' },
        TX,
      );
    });

    it('revokes any one of several live sessions', async () => {
      sessions.liveOf.mockResolvedValue([row(), row({ id: 'session-2' })]);
      const ctx = { ...meta, organisationId: 'org-1', actorUserId: 'user-1', actorLabel: 'dana' };
      await service.revokeOwn('user-1', 'session-2', ctx);
      expect(sessions.revoke).toHaveBeenCalledWith('session-2', T0, 'signed_out_remotely', TX);
    });

    it("lists a user's sessions acting in one organisation, none of them current", async () => {
      sessions.liveOf.mockResolvedValue([row()]);
      await expect(service.listIn('org-1', 'user-1')).resolves.toEqual([
        expect.objectContaining({ id: 'session-1', current: false }),
      ]);
      expect(sessions.liveOf).toHaveBeenCalledWith('user-1', T0, 'org-1');
    });

    it("answers another user's session, or an ended one, as not found and revokes nothing", async () => {
      const ctx = { ...meta, organisationId: 'org-1', actorUserId: 'user-1', actorLabel: 'dana' };
      await expect(service.revokeOwn('user-1', 'session-of-someone-else', ctx)).rejects.toThrow(
        new NotFoundError('No such session.'),
      );
      expect(sessions.revoke).not.toHaveBeenCalled();
      expect(audit.record).not.toHaveBeenCalled();
    });

    it('revokes at the time of the clock, with the reason given', async () => {
      clock.advance(5 * MINUTE);
      await service.revoke('session-1', 'signed_out', TX);
      expect(sessions.revoke).toHaveBeenCalledWith('session-1', clock.now(), 'signed_out', TX);
      await expect(service.revokeAllOf('user-1', 'password_changed', 'org-1', TX)).resolves.toBe(3);
      expect(sessions.revokeAllOf).toHaveBeenCalledWith(
        'user-1',
        clock.now(),
        'password_changed',
        'org-1',
        TX,
      );
    });

    it('moves a session to another stage or organisation', async () => {
      await service.setStage('session-1', 'active', TX);
      expect(sessions.update).toHaveBeenCalledWith('session-1', { stage: 'active' }, TX);
      await service.switchOrganisation('session-1', 'org-2', 'mfa_enrolment', TX);
      expect(sessions.update).toHaveBeenCalledWith(
        'session-1',
        { organisationId: 'org-2', stage: 'mfa_enrolment' },
        TX,
      );
    });

    it('reads a session and the last organisation a user acted in', async () => {
      await expect(service.get('session-1')).resolves.toMatchObject({ id: 'session-1' });
      expect(sessions.byId).toHaveBeenCalledWith('session-1');
      await expect(service.lastOrganisationOf('user-1')).resolves.toBe('org-1');
      expect(sessions.lastOrganisationOf).toHaveBeenCalledWith('user-1');
    });
  });
});
