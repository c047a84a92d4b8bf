import { ValidationError } from '@carecast/server/core';
import { PasswordService } from './password.service';
import { normaliseRecoveryCode, randomToken, recoveryCode, tokenHash } from './tokens';

describe('PasswordService', () => {
  const passwords = new PasswordService();

  function ruleOf(password: string, personal: string[] = []): string | null {
    try {
      passwords.assertAcceptable(password, personal);
      return null;
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationError);
      const v = (e as ValidationError).violations[0];
      expect(v.field).toBe('password');
      return v.rule;
    }
  }

  it.each([
    ['short', 'minLength'],
    ['elevenchars', 'minLength'],
    ['password1234', 'commonPassword'],
    ['123456789012', 'commonPassword'],
    ['qwertyuiop123', 'commonPassword'],
    ['aaaaaaaaaaaaaa', 'commonPassword'],
    ['x'.repeat(257), 'maxLength'],
  ])('refuses %j (%s)', (password, rule) => {
    expect(ruleOf(password)).toBe(rule);
  });

  it('accepts a long passphrase', () => {
    expect(ruleOf('Quiet-Lantern-Orchard-7')).toBeNull();
  });

  it('refuses a password made of the person’s own details', () => {
    expect(ruleOf('dana.whitfield2026', ['dana.whitfield@riverside.example', 'Dana Whitfield'])).toBe(
      'personalInfo',
    );
    expect(ruleOf('Whitfield-Dana-Riverside', ['dana.whitfield@riverside.example', 'Dana Whitfield'])).toBe(
      'personalInfo',
    );
  });

  it('hashes with argon2id and verifies; an unknown account never verifies', async () => {
    const hash = await passwords.hash('Quiet-Lantern-Orchard-7');
    expect(hash).toMatch(/^\$argon2id\$/);
    await expect(passwords.verify(hash, 'Quiet-Lantern-Orchard-7')).resolves.toBe(true);
    await expect(passwords.verify(hash, 'quiet-lantern-orchard-7')).resolves.toBe(false);
    await expect(passwords.verify(null, 'Quiet-Lantern-Orchard-7')).resolves.toBe(false);
  });
});

describe('tokens', () => {
  it('makes unguessable URL-safe tokens, stored only as SHA-256', () => {
    const a = randomToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(randomToken()).not.toBe(a);
    expect(tokenHash(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(tokenHash(a)).not.toContain(a);
  });

  it('makes readable recovery codes, compared without case or dashes', () => {
    const code = recoveryCode();
    expect(code).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
    expect(code).not.toMatch(/[01ilo]/);
    expect(normaliseRecoveryCode(` ${code.toUpperCase()} `)).toBe(code.replace(/-/g, ''));
  });
});
