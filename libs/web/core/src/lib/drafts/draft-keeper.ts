import { DestroyRef, DOCUMENT, inject, Injectable, InjectionToken, signal, Signal } from '@angular/core';
import type { FormGroup } from '@angular/forms';
import { Router } from '@angular/router';
import type { Subscription } from 'rxjs';
import { AuthStore } from '../auth/auth.store';
import { DRAFT_KEY_PREFIX } from './draft-storage';

/** How long a kept draft is offered back before it is thrown away. */
export const DRAFT_MAX_AGE_MS = new InjectionToken<number>('DRAFT_MAX_AGE_MS', {
  providedIn: 'root',
  factory: () => 7 * 24 * 60 * 60 * 1000,
});

/** How long after the last keystroke a draft is written. */
export const DRAFT_SAVE_DELAY_MS = new InjectionToken<number>('DRAFT_SAVE_DELAY_MS', {
  providedIn: 'root',
  factory: () => 400,
});

export interface DraftOptions {
  /** Controls never written to storage (passwords, codes). */
  exclude?: readonly string[];
  /** Stops keeping (and writes what is pending) when this is destroyed; defaults to the caller's. */
  destroyRef?: DestroyRef;
  /** The route the form belongs to; defaults to the current address. */
  route?: string;
  /**
   * What the form's values are based on when they are written (the revision of the record they
   * edit, say), kept with the draft so the page can tell whether the record changed since.
   */
  basedOn?: () => string | number | null;
  /**
   * Whether a kept draft is put back into the form at once (default: always). A draft held back
   * is offered through `held()`: the page asks the person, then calls `restoreHeld()` or `clear()`.
   */
  restoreIf?: (draft: KeptDraft) => boolean;
}

/** A draft as it was kept in the browser. */
export interface KeptDraft {
  /** When it was written (milliseconds since 1970). */
  savedAt: number;
  /** What the values were based on (`DraftOptions.basedOn`); null when that was not given or not known. */
  basedOn: string | number | null;
  value: Record<string, unknown>;
}

/** One form being kept. */
export interface DraftHandle {
  /** The storage key: per user, organisation, route and form. */
  readonly key: string;
  /** True when values saved earlier were put back into the form. */
  readonly restored: Signal<boolean>;
  /**
   * A kept draft that was not put back (`restoreIf` said no), until the person decides; nothing
   * is written over it meanwhile.
   */
  readonly held: Signal<KeptDraft | null>;
  /** Puts the held draft into the form (it is then restored, and kept as the form changes). */
  restoreHeld(): void;
  /** Writes the current values now. */
  save(): void;
  /** Forgets the draft (after a successful submit, or when the user discards it). */
  clear(): void;
}

interface StoredDraft {
  savedAt: number;
  basedOn?: string | number | null;
  value: Record<string, unknown>;
}

/**
 * Keeps what someone was typing in a marked form, so an expired session (or a closed tab) does not
 * lose it: values are written to localStorage while they edit, put back when the form is shown
 * again, and removed after a successful submit.
 */
@Injectable({ providedIn: 'root' })
export class DraftKeeper {
  private readonly router = inject(Router);
  private readonly auth = inject(AuthStore);
  private readonly document = inject(DOCUMENT);
  private readonly maxAgeMs = inject(DRAFT_MAX_AGE_MS);
  private readonly delayMs = inject(DRAFT_SAVE_DELAY_MS);

  /** The key of a form on a route (the current one by default). */
  keyFor(formName: string, route: string = this.router.url): string {
    const path = route.split(/[?#]/)[0] || '/';
    const me = this.auth.me();
    return `${DRAFT_KEY_PREFIX}${me?.user.id ?? 'anonymous'}:${me?.organisation.id ?? '-'}:${path}:${formName}`;
  }

  /** Whether a draft of this form is waiting on the current route. */
  has(formName: string, route?: string): boolean {
    return this.read(this.keyFor(formName, route)) !== null;
  }

  /**
   * Restores a saved draft into the form (if there is one) and keeps saving the form's values
   * as they change, until the caller is destroyed. Call it after the form has its initial values
   * (from the server, say), so the draft wins over them.
   */
  keep(form: FormGroup, formName: string, options: DraftOptions = {}): DraftHandle {
    const storage = this.storage();
    const key = this.keyFor(formName, options.route);
    const exclude = new Set(options.exclude ?? []);
    const restored = signal(false);
    const held = signal<KeptDraft | null>(null);
    let timer: ReturnType<typeof setTimeout> | undefined;
    let pending = false;

    const restore = (draft: KeptDraft) => {
      form.patchValue(withoutExcluded(draft.value, exclude));
      form.markAsDirty();
      restored.set(true);
    };
    const saved = this.read(key);
    if (saved) {
      if (options.restoreIf && !options.restoreIf(saved)) held.set(saved);
      else restore(saved);
    }

    const save = () => {
      clearTimeout(timer);
      timer = undefined;
      pending = false;
      if (!storage || held()) return;
      const value = withoutExcluded(form.getRawValue() as Record<string, unknown>, exclude);
      const draft: StoredDraft = { savedAt: Date.now(), basedOn: options.basedOn?.() ?? null, value };
      try {
        storage.setItem(key, JSON.stringify(draft));
      } catch {
        // Storage full or refused (private browsing): the form still works, it is just not kept.
      }
    };

    const subscription: Subscription = form.valueChanges.subscribe(() => {
      if (!form.dirty) return; // values set by the page itself (loading), not typed
      if (held()) return; // the draft waiting for the person's decision is not written over
      pending = true;
      clearTimeout(timer);
      timer = setTimeout(save, this.delayMs);
    });

    const flush = () => {
      if (pending) save();
    };
    const view = this.document.defaultView;
    view?.addEventListener('pagehide', flush);

    (options.destroyRef ?? inject(DestroyRef)).onDestroy(() => {
      flush();
      subscription.unsubscribe();
      view?.removeEventListener('pagehide', flush);
    });

    return {
      key,
      restored: restored.asReadonly(),
      held: held.asReadonly(),
      restoreHeld: () => {
        const draft = held();
        if (!draft) return;
        held.set(null);
        restore(draft);
        save(); // kept from now on as based on what the page is showing
      },
      save,
      clear: () => {
        clearTimeout(timer);
        timer = undefined;
        pending = false;
        restored.set(false);
        held.set(null);
        storage?.removeItem(key);
      },
    };
  }

  private read(key: string): KeptDraft | null {
    const storage = this.storage();
    const raw = storage?.getItem(key);
    if (!raw) return null;
    try {
      const draft = JSON.parse(raw) as StoredDraft;
      if (typeof draft?.savedAt !== 'number' || typeof draft.value !== 'object' || draft.value === null) {
        throw new Error('not a draft');
      }
      if (Date.now() - draft.savedAt > this.maxAgeMs) throw new Error('too old');
      const basedOn =
        typeof draft.basedOn === 'string' || typeof draft.basedOn === 'number' ? draft.basedOn : null;
      return { savedAt: draft.savedAt, basedOn, value: draft.value };
    } catch {
      storage?.removeItem(key);
      return null;
    }
  }

  private storage(): Storage | null {
    try {
      return this.document.defaultView?.localStorage ?? null;
    } catch {
      return null;
    }
  }
}

function withoutExcluded(
  value: Record<string, unknown>,
  exclude: ReadonlySet<string>,
): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([name]) => !exclude.has(name)));
}
