import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig } from '@carecast/server/config';
import { DependencyUnavailableError } from '@carecast/server/core';
import { REDIS_CLIENT } from '@carecast/server/queue';
import type { ChannelKind } from '@carecast/shared/contracts';
import type { AccountChoice } from './channel-adapter';

/** How long a person may take on the platform's sign-in page, and then to choose accounts. */
const AUTHORISATION_TTL_S = 10 * 60;
const CHOICE_TTL_S = 15 * 60;
/** What a person is told while Redis is away (its own words, which may name hosts, go to the log). */
const UNAVAILABLE = 'Sign-in with X or Facebook is unavailable for a moment: try again shortly.';

/** A sign-in with a platform that was started and has not come back yet. */
export interface PendingAuthorisation {
  organisationId: string;
  userId: string;
  kind: ChannelKind;
  /** Encrypted: e.g. the PKCE code verifier. */
  secret: string;
}

/** An account offered after the sign-in, and whether another organisation already has it. */
export interface OfferedAccount extends AccountChoice {
  sharedWithAnotherOrganisation: boolean;
}

/** Accounts a sign-in granted, waiting for the person to choose. */
export interface PendingChoice {
  organisationId: string;
  userId: string;
  kind: ChannelKind;
  /** Encrypted JSON of the credentials the sign-in granted. */
  credentials: string;
  choices: OfferedAccount[];
}

/**
 * Sign-ins with platforms in flight, in Redis for minutes (on the ordinary client, which rides
 * out a Redis restart). Each one is taken once: read and deleted in one command (GETDEL), so a
 * replayed callback or a double submit finds nothing. While Redis is away it says so in words.
 */
@Injectable()
export class PendingOAuthStore {
  private readonly logger = new Logger(PendingOAuthStore.name);

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async saveAuthorisation(state: string, pending: PendingAuthorisation): Promise<void> {
    await this.call(() =>
      this.redis.set(this.key('state', state), JSON.stringify(pending), 'EX', AUTHORISATION_TTL_S),
    );
  }

  /** The sign-in started with this state, at most once. */
  async takeAuthorisation(state: string): Promise<PendingAuthorisation | null> {
    if (!state) return null;
    return parse(await this.call(() => this.redis.getdel(this.key('state', state))));
  }

  async saveChoice(id: string, choice: PendingChoice): Promise<void> {
    await this.call(() => this.redis.set(this.key('choice', id), JSON.stringify(choice), 'EX', CHOICE_TTL_S));
  }

  /** Look at the choice without using it up (to show it, or to check a request against it). */
  async readChoice(id: string): Promise<PendingChoice | null> {
    return parse(await this.call(() => this.redis.get(this.key('choice', id))));
  }

  /** Use the choice up: whoever takes it first gets it, anyone after gets null. */
  async takeChoice(id: string): Promise<PendingChoice | null> {
    return parse(await this.call(() => this.redis.getdel(this.key('choice', id))));
  }

  private async call<T>(command: () => Promise<T>): Promise<T> {
    try {
      return await command();
    } catch (err) {
      this.logger.warn(`Pending platform sign-ins could not be read or written in Redis: ${messageOf(err)}`);
      throw new DependencyUnavailableError(UNAVAILABLE);
    }
  }

  private key(type: 'state' | 'choice', id: string): string {
    return `${this.config.redis.prefix}:channel-oauth:${type}:${id}`;
  }
}

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

function parse<T>(raw: string | null): T | null {
  return raw ? (JSON.parse(raw) as T) : null;
}
