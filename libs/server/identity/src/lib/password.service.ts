import { Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';
import { ValidationError } from '@carecast/server/core';

export const PASSWORD_MIN_LENGTH = 12;
const PASSWORD_MAX_LENGTH = 256;

/**
 * Passwords: argon2id hashes, and a policy of at least 12 characters that is not a common or
 * easily guessed password (NIST 800-63B: length and a block-list rather than composition rules).
 */
@Injectable()
export class PasswordService {
  private readonly strength = new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...en.dictionary },
    graphs: common.adjacencyGraphs,
    translations: en.translations,
  });
  /** Verified against when the email is unknown, so both cases take the same time. */
  private readonly dummyHash = argon2.hash('carecast-timing-equaliser', { type: argon2.argon2id });

  hash(password: string): Promise<string> {
    return argon2.hash(password, { type: argon2.argon2id });
  }

  async verify(hash: string | null, password: string): Promise<boolean> {
    if (!hash) {
      await argon2.verify(await this.dummyHash, password).catch(() => false);
      return false;
    }
    return argon2.verify(hash, password).catch(() => false);
  }

  /** Throw a ValidationError naming the `password` field if the policy refuses it. */
  assertAcceptable(password: string, personal: string[] = []): void {
    const violation = (rule: string, message: string) =>
      new ValidationError(message, [{ field: 'password', rule, message }]);
    if (typeof password !== 'string' || password.length < PASSWORD_MIN_LENGTH) {
      throw violation('minLength', `Use at least ${PASSWORD_MIN_LENGTH} characters.`);
    }
    if (password.length > PASSWORD_MAX_LENGTH) {
      throw violation('maxLength', `Use at most ${PASSWORD_MAX_LENGTH} characters.`);
    }
    // The person's own details (email, name, organisation) count as guessable words.
    const words = personal
      .flatMap((p) => [p.toLowerCase(), ...p.toLowerCase().split(/[^a-z0-9]+/)])
      .filter((w) => w.length >= 3);
    const rest = words
      .filter((w) => w.length >= 4)
      .reduce((left, w) => left.split(w).join(''), password.toLowerCase());
    if (rest.length < 8) {
      throw violation('personalInfo', 'Do not build the password from your name or email address.');
    }
    const result = this.strength.check(password, [...words, 'carecast']);
    if (result.score < 3) {
      const why = result.feedback.warning ? ` ${result.feedback.warning}` : '';
      throw violation(
        'commonPassword',
        `This password is too easy to guess.${why} Try a few unrelated words.`,
      );
    }
  }
}
