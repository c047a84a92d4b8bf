import type { Organisation, User } from './identity.types';
import { stageUnderPolicy } from './session.service';

const organisation = (mfaRequired: boolean): Organisation => ({
  id: 'o',
  slug: 'o',
  name: 'O',
  timeZone: 'UTC',
  mfaRequired,
  idleTimeoutPrivilegedMinutes: 15,
  idleTimeoutStandardMinutes: 30,
});
const user = (mfa: boolean): User => ({
  id: 'u',
  email: 'u@o.example',
  displayName: 'U',
  passwordHash: 'h',
  mfaSecret: mfa ? 's' : null,
  mfaEnabledAt: mfa ? new Date() : null,
  mfaLastUsedStep: null,
  lastSignInAt: null,
});

describe('stageUnderPolicy', () => {
  it('sends a signed-in session without MFA to enrolment once the organisation requires MFA', () => {
    expect(stageUnderPolicy('active', organisation(true), user(false))).toBe('mfa_enrolment');
  });

  it('leaves a signed-in session alone when the person has MFA or it is not required', () => {
    expect(stageUnderPolicy('active', organisation(true), user(true))).toBe('active');
    expect(stageUnderPolicy('active', organisation(false), user(false))).toBe('active');
  });

  it('lets a session waiting only for enrolment go on when the requirement is lifted', () => {
    expect(stageUnderPolicy('mfa_enrolment', organisation(false), user(false))).toBe('active');
    expect(stageUnderPolicy('mfa_enrolment', organisation(true), user(false))).toBe('mfa_enrolment');
  });

  it('never skips a code: a session waiting for one, or for a person who has MFA now, stays', () => {
    expect(stageUnderPolicy('mfa_pending', organisation(false), user(true))).toBe('mfa_pending');
    expect(stageUnderPolicy('mfa_pending', organisation(true), user(true))).toBe('mfa_pending');
    expect(stageUnderPolicy('mfa_enrolment', organisation(false), user(true))).toBe('mfa_enrolment');
  });
});
