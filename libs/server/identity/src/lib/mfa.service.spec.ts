import { randomBytes } from 'node:crypto';
import { generateSync } from 'otplib';
import type { AuditContext, AuditService } from '@carecast/server/audit';
import type { AppConfig } from '@carecast/server/config';
import { ConflictError, SecretBox, UnauthenticatedError, ValidationError } from '@carecast/server/core';
import type { Tx } from '@carecast/server/database';
import { inlineTransactionRunner, ManualClock } from '@carecast/server/testing';
import type { CredentialRepository } from './credential.repository';
import type { IdentityRepository } from './identity.repository';
import type { User } from './identity.types';
import { MfaService } from './mfa.service';
import { normaliseRecoveryCode, tokenHash } from './tokens';

const T0 = new Date('2026-03-02T09:00:00.000Z');
const STEP = Math.floor(T0.getTime() / 30_000);
const TX = { tx: true } as unknown as Tx;
const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const ctx: AuditContext = {
  organisationId: 'org-1',
  actorUserId: 'user-1',
  actorLabel: 'dana@riverside.example',
  ip: '203.0.113.7',
  userAgent: 'Firefox',
  requestId: 'req-1',
};

const config = (active: string, keys: Record<string, Buffer>) =>
  ({ encryption: { activeKeyId: active, keys } }) as unknown as AppConfig;
const k1 = randomBytes(32);
const k2 = randomBytes(32);

/** The code an authenticator shows at `at`. */
const codeAt = (at: Date, secret = SECRET) =>
  generateSync({ secret, epoch: Math.floor(at.getTime() / 1000) });

describe('MfaService', () => {
  let clock: ManualClock;
  let box: SecretBox;
  let user: User;
  let identity: Record<string, jest.Mock>;
  let credentials: { replaceRecoveryCodes: jest.Mock; useRecoveryCode: jest.Mock };
  let audit: { record: jest.Mock };
  let service: MfaService;

  const withMfa = (over: Partial<User> = {}) => {
    user = {
      ...user,
      mfaSecret: box.encrypt(SECRET, 'user:user-1:mfa'),
      mfaEnabledAt: new Date('2026-01-01T00:00:00Z'),
      ...over,
    };
  };

  beforeEach(() => {
    clock = new ManualClock(T0);
    box = new SecretBox(config('k1', { k1 }));
    user = {
      id: 'user-1',
      email: 'dana@riverside.example',
      displayName: 'Dana Reyes',
      passwordHash: 'hash',
      mfaSecret: null,
      mfaEnabledAt: null,
      mfaLastUsedStep: null,
      lastSignInAt: null,
    };
    identity = {
      userById: jest.fn(async () => user),
      setMfa: jest.fn(async () => undefined),
      claimMfaStep: jest.fn(async () => true),
      activeOrganisationsOf: jest.fn(async () => [{ name: 'Riverside', mfaRequired: false }]),
      mfaSecrets: jest.fn(async () => []),
      replaceMfaSecret: jest.fn(async () => undefined),
    };
    credentials = {
      replaceRecoveryCodes: jest.fn(async () => undefined),
      useRecoveryCode: jest.fn(async () => false),
    };
    audit = { record: jest.fn(async () => undefined) };
    service = new MfaService(
      identity as unknown as IdentityRepository,
      credentials as unknown as CredentialRepository,
      box,
      audit as unknown as AuditService,
      inlineTransactionRunner(TX),
      clock,
    );
  });

  describe('setup', () => {
    it('keeps a new secret encrypted for this user, not yet enabled, and gives the app link', async () => {
      const setup = await service.setup('user-1');
      expect(setup.secret).toMatch(/^[A-Z2-7]{16,}$/);
      expect(setup.otpauthUrl).toMatch(/^otpauth:\/\/totp\//);
      expect(setup.otpauthUrl).toContain(`secret=${setup.secret}`);
      expect(setup.otpauthUrl).toContain('issuer=Carecast');
      expect(decodeURIComponent(setup.otpauthUrl)).toContain('dana@riverside.example');
      const [userId, sealed, enabledAt] = identity.setMfa.mock.calls[0];
      expect([userId, enabledAt]).toEqual(['user-1', null]);
      expect(sealed).not.toContain(setup.secret);
      expect(box.decrypt(sealed, 'user:user-1:mfa')).toBe(setup.secret);
      expect(() => box.decrypt(sealed, 'user:user-2:mfa')).toThrow();
    });

    it('refuses an unknown account, and an account that already has MFA', async () => {
      identity.userById.mockResolvedValueOnce(null);
      await expect(service.setup('user-1')).rejects.toThrow(new UnauthenticatedError('Sign in to continue.'));
      withMfa();
      await expect(service.setup('user-1')).rejects.toThrow(
        new ConflictError('Two-step sign-in is already on. Turn it off first to change devices.'),
      );
      expect(identity.setMfa).not.toHaveBeenCalled();
    });
  });

  describe('enable', () => {
    beforeEach(() => withMfa({ mfaEnabledAt: null }));

    it('turns MFA on with the current code: claims its step, stores hashed recovery codes, records it', async () => {
      clock.advance(5_000);
      const codes = await service.enable('user-1', codeAt(clock.now()), ctx);
      expect(codes).toHaveLength(10);
      expect(new Set(codes).size).toBe(10);
      expect(identity.setMfa).toHaveBeenCalledWith('user-1', user.mfaSecret, clock.now(), TX);
      expect(identity.claimMfaStep).toHaveBeenCalledWith('user-1', STEP, TX);
      expect(credentials.replaceRecoveryCodes).toHaveBeenCalledWith(
        'user-1',
        codes.map((c) => tokenHash(normaliseRecoveryCode(c))),
        TX,
      );
      expect(audit.record).toHaveBeenCalledWith(
        ctx,
        { action: 'auth.mfa_enabled', entityType: 'user', entityId: 'user-1', after: { mfa: true } },
        TX,
      );
    });

    it('takes the code of the step before or after (drifting phone clocks), not two steps away', async () => {
      await expect(
        service.enable('user-1', codeAt(new Date(T0.getTime() - 30_000)), ctx),
      ).resolves.toHaveLength(10);
      await expect(
        service.enable('user-1', codeAt(new Date(T0.getTime() + 30_000)), ctx),
      ).resolves.toHaveLength(10);
      expect(identity.claimMfaStep.mock.calls.map((c) => c[1])).toEqual([STEP - 1, STEP + 1]);
      await expect(
        service.enable('user-1', codeAt(new Date(T0.getTime() - 61_000)), ctx),
      ).rejects.toBeInstanceOf(ValidationError);
      await expect(
        service.enable('user-1', codeAt(new Date(T0.getTime() + 61_000)), ctx),
      ).rejects.toBeInstanceOf(ValidationError);
    });

    it('refuses a wrong code, naming the field, and changes nothing', async () => {
      const wrong = String((Number(codeAt(T0)) + 1) % 1_000_000).padStart(6, '0');
      const err = (await service.enable('user-1', wrong, ctx).catch((e: unknown) => e)) as ValidationError;
      expect(err).toBeInstanceOf(ValidationError);
      expect(err.message).toBe('That code is not right. Enter the 6-digit code your app shows now.');
      expect(err.violations).toEqual([{ field: 'code', rule: 'totp', message: 'The code does not match.' }]);
      for (const notACode of ['', '12345', '1234567', 'abcdef', ` ${codeAt(T0)}`]) {
        await expect(service.enable('user-1', notACode, ctx)).rejects.toBeInstanceOf(ValidationError);
      }
      expect(identity.setMfa).not.toHaveBeenCalled();
      expect(audit.record).not.toHaveBeenCalled();
    });

    it('refuses without a set-up waiting, or when MFA is already on', async () => {
      user = { ...user, mfaSecret: null };
      await expect(service.enable('user-1', codeAt(T0), ctx)).rejects.toThrow(
        'Start the set-up first: no authenticator secret is waiting.',
      );
      identity.userById.mockResolvedValueOnce(null);
      await expect(service.enable('user-1', codeAt(T0), ctx)).rejects.toBeInstanceOf(ConflictError);
      withMfa();
      await expect(service.enable('user-1', codeAt(T0), ctx)).rejects.toThrow(
        new ConflictError('Two-step sign-in is already on.'),
      );
      expect(identity.setMfa).not.toHaveBeenCalled();
    });
  });

  describe('check', () => {
    beforeEach(() => withMfa());

    it('accepts the current code once, claiming its time step', async () => {
      await expect(service.check('user-1', codeAt(T0), ctx)).resolves.toBe(true);
      expect(identity.claimMfaStep).toHaveBeenCalledWith('user-1', STEP);
      expect(credentials.useRecoveryCode).not.toHaveBeenCalled();
    });

    it('accepts a code typed with spaces', async () => {
      const code = codeAt(T0);
      await expect(service.check('user-1', `${code.slice(0, 3)} ${code.slice(3)}`, ctx)).resolves.toBe(true);
    });

    it('refuses a code whose step was already used (replay), without claiming anything', async () => {
      withMfa({ mfaLastUsedStep: STEP });
      await expect(service.check('user-1', codeAt(T0), ctx)).resolves.toBe(false);
      await expect(service.check('user-1', codeAt(new Date(T0.getTime() - 30_000)), ctx)).resolves.toBe(
        false,
      );
      expect(identity.claimMfaStep).not.toHaveBeenCalled();
      // The next step's code is new.
      await expect(service.check('user-1', codeAt(new Date(T0.getTime() + 30_000)), ctx)).resolves.toBe(true);
      expect(identity.claimMfaStep).toHaveBeenCalledWith('user-1', STEP + 1);
    });

    it('refuses a code another request claimed first', async () => {
      identity.claimMfaStep.mockResolvedValue(false);
      await expect(service.check('user-1', codeAt(T0), ctx)).resolves.toBe(false);
    });

    it('refuses a wrong or stale code', async () => {
      const wrong = String((Number(codeAt(T0)) + 1) % 1_000_000).padStart(6, '0');
      await expect(service.check('user-1', wrong, ctx)).resolves.toBe(false);
      clock.advance(90_000);
      await expect(service.check('user-1', codeAt(T0), ctx)).resolves.toBe(false);
      expect(identity.claimMfaStep).not.toHaveBeenCalled();
    });

    it('refuses everything for an account without MFA on', async () => {
      withMfa({ mfaEnabledAt: null });
      await expect(service.check('user-1', codeAt(T0), ctx)).resolves.toBe(false);
      user = { ...user, mfaSecret: null, mfaEnabledAt: new Date() };
      await expect(service.check('user-1', codeAt(T0), ctx)).resolves.toBe(false);
      identity.userById.mockResolvedValueOnce(null);
      await expect(service.check('user-1', 'abcd-efgh-jkmn', ctx)).resolves.toBe(false);
      expect(credentials.useRecoveryCode).not.toHaveBeenCalled();
    });

    it('takes anything but exactly six digits for a recovery code', async () => {
      const code = codeAt(T0);
      for (const typed of [`${code}7`, `a${code}`, `${code}a`]) {
        credentials.useRecoveryCode.mockClear();
        await expect(service.check('user-1', typed, ctx)).resolves.toBe(false);
        expect(credentials.useRecoveryCode).toHaveBeenCalledTimes(1);
      }
      expect(identity.claimMfaStep).not.toHaveBeenCalled();
    });

    it('spends a recovery code once, and records its use', async () => {
      credentials.useRecoveryCode.mockResolvedValueOnce(true);
      await expect(service.check('user-1', 'ABCD-EFGH-JKMN', ctx)).resolves.toBe(true);
      expect(credentials.useRecoveryCode).toHaveBeenCalledWith(
        'user-1',
        tokenHash(normaliseRecoveryCode('ABCD-EFGH-JKMN')),
        T0,
      );
      expect(audit.record).toHaveBeenCalledWith(ctx, {
        action: 'auth.recovery_code_used',
        entityType: 'user',
        entityId: 'user-1',
      });
      await expect(service.check('user-1', 'ABCD-EFGH-JKMN', ctx)).resolves.toBe(false);
      expect(audit.record).toHaveBeenCalledTimes(1);
    });
  });

  describe('disable', () => {
    beforeEach(() => withMfa());

    it('turns MFA off with a valid code, dropping the secret and recovery codes, and records it', async () => {
      await service.disable('user-1', codeAt(T0), ctx);
      expect(identity.setMfa).toHaveBeenCalledWith('user-1', null, null, TX);
      expect(credentials.replaceRecoveryCodes).toHaveBeenCalledWith('user-1', [], TX);
      expect(audit.record).toHaveBeenCalledWith(
        ctx,
        { action: 'auth.mfa_disabled', entityType: 'user', entityId: 'user-1', after: { mfa: false } },
        TX,
      );
    });

    it('refuses while an organisation of the person requires MFA, naming it', async () => {
      identity.activeOrganisationsOf.mockResolvedValue([
        { name: 'Riverside', mfaRequired: false },
        { name: 'Lakeside Pediatrics', mfaRequired: true },
      ]);
      const err = (await service
        .disable('user-1', codeAt(T0), ctx)
        .catch((e: unknown) => e)) as ValidationError;
      expect(err).toBeInstanceOf(ValidationError);
      expect(err.message).toBe('Lakeside Pediatrics requires two-step sign-in, so it cannot be turned off.');
      expect(err.violations).toEqual([
        { field: 'code', rule: 'mfaRequired', message: 'Your organisation requires two-step sign-in.' },
      ]);
      expect(identity.claimMfaStep).not.toHaveBeenCalled();
      expect(identity.setMfa).not.toHaveBeenCalled();
    });

    it('refuses a wrong code and keeps MFA on', async () => {
      const err = (await service
        .disable('user-1', '000000', ctx)
        .catch((e: unknown) => e)) as ValidationError;
      expect(err).toBeInstanceOf(ValidationError);
      expect(err.message).toBe('That code is not right.');
      expect(err.violations).toEqual([{ field: 'code', rule: 'totp', message: 'The code does not match.' }]);
      expect(identity.setMfa).not.toHaveBeenCalled();
    });
  });

  describe('rotateSecrets', () => {
    it('re-encrypts under the active key only the secrets made with another, bound to their user', async () => {
      const old = new SecretBox(config('k1', { k1 }));
      const rotated = new SecretBox(config('k2', { k1, k2 }));
      identity.mfaSecrets.mockResolvedValue([
        { id: 'user-1', mfaSecret: old.encrypt('SECRET-ONE', 'user:user-1:mfa') },
        { id: 'user-2', mfaSecret: rotated.encrypt('SECRET-TWO', 'user:user-2:mfa') },
        { id: 'user-3', mfaSecret: old.encrypt('SECRET-THREE', 'user:user-3:mfa') },
      ]);
      const rotating = new MfaService(
        identity as unknown as IdentityRepository,
        credentials as unknown as CredentialRepository,
        rotated,
        audit as unknown as AuditService,
        inlineTransactionRunner(TX),
        clock,
      );
      await expect(rotating.rotateSecrets()).resolves.toBe(2);
      expect(identity.mfaSecrets).toHaveBeenCalledWith(TX);
      expect(identity.replaceMfaSecret.mock.calls.map((c) => [c[0], c[2]])).toEqual([
        ['user-1', TX],
        ['user-3', TX],
      ]);
      const [, sealed] = identity.replaceMfaSecret.mock.calls[1];
      expect(sealed).toMatch(/^v1\.k2\./);
      expect(rotated.decrypt(sealed, 'user:user-3:mfa')).toBe('SECRET-THREE');
    });
  });
});
