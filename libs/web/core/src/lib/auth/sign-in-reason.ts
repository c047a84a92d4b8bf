/** Why the sign-in page is shown, passed as `?reason=` so the page can say so. */
export type SignInReason =
  'expired' | 'signed-out' | 'you-signed-out' | 'you-signed-out-everywhere' | 'two-step-required';

export const SIGN_IN_REASONS: Record<SignInReason, { tone: 'warning' | 'info'; text: string }> = {
  expired: {
    tone: 'warning',
    text: 'Your session ended after a period of inactivity. Sign in again to continue.',
  },
  'signed-out': {
    tone: 'warning',
    text: 'You were signed out, perhaps from another device or by an administrator. Sign in again to continue.',
  },
  'you-signed-out': { tone: 'info', text: 'You signed out.' },
  'you-signed-out-everywhere': {
    tone: 'info',
    text: 'You signed out on every device and browser.',
  },
  'two-step-required': {
    tone: 'warning',
    text: 'Your organisation now requires two-step sign-in. Set it up to continue.',
  },
};

/** The API's code for a session that must finish (or set up) two-step sign-in first. */
export const TWO_STEP_REQUIRED_CODE = 'mfa_required';

export function isSignInReason(value: unknown): value is SignInReason {
  return typeof value === 'string' && Object.hasOwn(SIGN_IN_REASONS, value);
}

/**
 * A return address that stays inside the dashboard: a path starting with one slash, and not
 * the sign-in page itself. Anything else (another site, `//evil.example`) becomes null.
 */
export function safeReturnUrl(value: unknown): string | null {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.includes('\\')) {
    return null;
  }
  if (/^\/sign-in(?:[/?#]|$)/.test(value)) return null;
  return value;
}
