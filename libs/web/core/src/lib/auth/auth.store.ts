import { HttpErrorResponse } from '@angular/common/http';
import { computed, DOCUMENT, inject, Injectable, InjectionToken, signal } from '@angular/core';
import type { Me, OrganisationSummary, Permission } from '@carecast/shared/contracts';
import { apiErrorBody, apiErrorCode, describeApiError } from '@carecast/web/shared/util';
import { firstValueFrom } from 'rxjs';
import { clearAllDrafts } from '../drafts/draft-storage';
import { AuthService } from './auth.service';
import { type SignInReason, TWO_STEP_REQUIRED_CODE } from './sign-in-reason';

/**
 * The cookie the API sets, readable by scripts, next to the httpOnly session cookie (its value is
 * the CSRF token). Without it there is no session, so the start-up check need not ask the API.
 */
export const SESSION_HINT_COOKIE = new InjectionToken<string>('SESSION_HINT_COOKIE', {
  providedIn: 'root',
  factory: () => 'cc_csrf',
});

/** The outcome of the start-up "who am I" check. */
export interface SessionCheck {
  me: Me | null;
  /** Why there is no session, when the API said (an expired or ended session). */
  reason: SignInReason | null;
  /** Set when the API could not be asked (unreachable, failing). */
  error: string | null;
}

/**
 * Who is signed in, in which organisation, and what they may do there, as signals. The
 * permissions come from the API (`Me.permissions`), which enforces them; the dashboard only uses
 * them to show or hide what the user can use.
 */
@Injectable({ providedIn: 'root' })
export class AuthStore {
  private readonly api = inject(AuthService);
  private readonly document = inject(DOCUMENT);
  private readonly hintCookie = inject(SESSION_HINT_COOKIE);

  private readonly _me = signal<Me | null>(null);
  private readonly _endedMessage = signal<string | null>(null);
  private readonly _switches = signal(0);
  private pending: Promise<SessionCheck> | null = null;
  private checked = false;

  readonly me = this._me.asReadonly();
  readonly signedIn = computed(() => this._me() !== null);
  readonly permissions = computed<ReadonlySet<Permission>>(() => new Set(this._me()?.permissions ?? []));
  readonly organisation = computed<OrganisationSummary | null>(() => this._me()?.organisation ?? null);
  readonly user = computed(() => this._me()?.user ?? null);
  /** How many times the user switched organisation in this page load (pages rebuild on a change). */
  readonly switches = this._switches.asReadonly();
  /** The API's own words for why the last session ended, when it said. */
  readonly endedMessage = this._endedMessage.asReadonly();

  /** Whether the signed-in user may do this in the current organisation (reactive in templates). */
  can(permission: Permission): boolean {
    return this.permissions().has(permission);
  }

  /**
   * Asks the API who is signed in, once per page load (later calls reuse the answer). A failed
   * attempt (API unreachable) is not remembered, so the next navigation asks again.
   */
  ensureLoaded(): Promise<SessionCheck> {
    if (this.checked) return Promise.resolve({ me: this._me(), reason: null, error: null });
    this.pending ??= this.check().then((result) => {
      this.pending = null;
      if (!result.error) this.checked = true;
      return result;
    });
    return this.pending;
  }

  /** Asks the API again (after the account changed, e.g. MFA turned on). */
  async refresh(): Promise<Me | null> {
    const me = await firstValueFrom(this.api.me());
    this.setMe(me);
    return me;
  }

  setMe(me: Me): void {
    this._me.set(me);
    this._endedMessage.set(null);
    this.checked = true;
  }

  /** Forgets the session (it ended, or the user signed out); keeps drafts for after sign-in. */
  clear(endedMessage: string | null = null): void {
    this._me.set(null);
    this._endedMessage.set(endedMessage);
    this.checked = true;
  }

  /** Signs out here, or on every device; the local state is cleared whatever the API answers. */
  async signOut(everywhere = false): Promise<void> {
    try {
      await firstValueFrom(everywhere ? this.api.signOutEverywhere() : this.api.signOut());
    } catch {
      // Already ended, or the API is away: either way this browser is signed out now.
    } finally {
      clearAllDrafts(this.storage());
      this.clear();
    }
  }

  async switchOrganisation(organisationId: string): Promise<Me> {
    const me = await firstValueFrom(this.api.switchOrganisation(organisationId));
    this.setMe(me);
    this._switches.update((n) => n + 1);
    return me;
  }

  private async check(): Promise<SessionCheck> {
    if (!this.hasSessionHint()) {
      this._me.set(null);
      return { me: null, reason: null, error: null };
    }
    try {
      const me = await firstValueFrom(this.api.me());
      this._me.set(me);
      return { me, reason: null, error: null };
    } catch (error: unknown) {
      this._me.set(null);
      if (error instanceof HttpErrorResponse && (error.status === 401 || error.status === 403)) {
        const code = apiErrorCode(error);
        this._endedMessage.set(apiErrorBody(error)?.message ?? null);
        const reason: SignInReason | null =
          code === 'session_expired'
            ? 'expired'
            : code === TWO_STEP_REQUIRED_CODE
              ? 'two-step-required'
              : error.status === 401
                ? 'signed-out'
                : null;
        return { me: null, reason, error: null };
      }
      return { me: null, reason: null, error: describeApiError(error) };
    }
  }

  private hasSessionHint(): boolean {
    const name = `${this.hintCookie}=`;
    return (this.document.cookie ?? '')
      .split(/;\s*/)
      .some((c) => c.startsWith(name) && c.length > name.length);
  }

  private storage(): Storage | null {
    try {
      return this.document.defaultView?.localStorage ?? null;
    } catch {
      return null;
    }
  }
}
