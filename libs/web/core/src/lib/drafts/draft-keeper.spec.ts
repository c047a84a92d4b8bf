import { DestroyRef, Injector, runInInjectionContext } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { FormControl, FormGroup } from '@angular/forms';
import { provideRouter } from '@angular/router';
import { aMe } from '../../testing/me.fixtures';
import { AuthStore } from '../auth/auth.store';
import { DRAFT_MAX_AGE_MS, DRAFT_SAVE_DELAY_MS, DraftKeeper } from './draft-keeper';
import { clearAllDrafts, DRAFT_KEY_PREFIX } from './draft-storage';

/** A DestroyRef the test destroys by hand, like a component going away. */
class FakeDestroyRef implements DestroyRef {
  private callbacks: (() => void)[] = [];
  destroyed = false;
  onDestroy(callback: () => void): () => void {
    this.callbacks.push(callback);
    return () => undefined;
  }
  destroy(): void {
    this.destroyed = true;
    this.callbacks.forEach((c) => c());
  }
}

const inviteForm = () =>
  new FormGroup({
    email: new FormControl('', { nonNullable: true }),
    note: new FormControl('', { nonNullable: true }),
    password: new FormControl('', { nonNullable: true }),
  });

const ROUTE = '/settings/users';

describe('DraftKeeper', () => {
  let keeper: DraftKeeper;

  beforeEach(() => {
    localStorage.clear();
    jest.useFakeTimers();
    TestBed.configureTestingModule({
      providers: [provideRouter([]), { provide: DRAFT_SAVE_DELAY_MS, useValue: 100 }],
    });
    TestBed.inject(AuthStore).setMe(aMe());
    keeper = TestBed.inject(DraftKeeper);
  });

  afterEach(() => {
    jest.useRealTimers();
    localStorage.clear();
  });

  function keep(form = inviteForm(), destroyRef = new FakeDestroyRef()) {
    const handle = runInInjectionContext(TestBed.inject(Injector), () =>
      keeper.keep(form, 'invite', { destroyRef, route: ROUTE, exclude: ['password'] }),
    );
    return { form, handle, destroyRef };
  }

  function type(control: FormControl<string>, value: string): void {
    control.setValue(value);
    control.markAsDirty();
    control.setValue(value); // emits again now that the form is dirty, as typing does
  }

  it('keys drafts per user, organisation, route and form', () => {
    expect(keeper.keyFor('invite', '/settings/users?x=1#top')).toBe(
      `${DRAFT_KEY_PREFIX}u-1:11111111-1111-4111-8111-111111111111:/settings/users:invite`,
    );
  });

  it('saves what is typed shortly after, without the excluded fields', () => {
    const { form, handle } = keep();
    type(form.controls.email, 'billing.lead@riverside.example');
    type(form.controls.password, 'secret-secret-secret');
    expect(localStorage.getItem(handle.key)).toBeNull();

    jest.advanceTimersByTime(100);
    const saved = JSON.parse(localStorage.getItem(handle.key) ?? '{}');
    expect(saved.value).toEqual({ email: 'billing.lead@riverside.example', note: '' });
    expect(saved.value).not.toHaveProperty('password');
  });

  it('does not save values the page set itself (the form is not dirty)', () => {
    const { form, handle } = keep();
    form.setValue({ email: 'from-server@riverside.example', note: '', password: '' });
    jest.advanceTimersByTime(500);
    expect(localStorage.getItem(handle.key)).toBeNull();
  });

  it('writes what is pending when the form goes away (the session ended mid-typing)', () => {
    const { form, handle, destroyRef } = keep();
    type(form.controls.note, 'Starts Monday');
    destroyRef.destroy(); // before the save delay
    expect(JSON.parse(localStorage.getItem(handle.key) ?? '{}').value.note).toBe('Starts Monday');
  });

  it('restores the draft into the form when it is shown again, and says so', () => {
    const first = keep();
    type(first.form.controls.email, 'billing.lead@riverside.example');
    first.destroyRef.destroy();

    const again = keep();
    expect(again.form.getRawValue()).toEqual({
      email: 'billing.lead@riverside.example',
      note: '',
      password: '',
    });
    expect(again.form.dirty).toBe(true);
    expect(again.handle.restored()).toBe(true);
    expect(keeper.has('invite', ROUTE)).toBe(true);
  });

  it('clears the draft after a successful submit, and does not write it back on leaving', () => {
    const { form, handle, destroyRef } = keep();
    type(form.controls.email, 'billing.lead@riverside.example');
    jest.advanceTimersByTime(100);
    expect(localStorage.getItem(handle.key)).not.toBeNull();

    handle.clear();
    destroyRef.destroy();
    expect(localStorage.getItem(handle.key)).toBeNull();
    expect(keep().handle.restored()).toBe(false);
  });

  it('throws away drafts older than the limit, and ones that are not drafts', () => {
    const key = keeper.keyFor('invite', ROUTE);
    const maxAge = TestBed.inject(DRAFT_MAX_AGE_MS);
    localStorage.setItem(
      key,
      JSON.stringify({ savedAt: Date.now() - maxAge - 1, value: { email: 'old@x.example' } }),
    );
    expect(keep().form.controls.email.value).toBe('');
    expect(localStorage.getItem(key)).toBeNull();

    localStorage.setItem(key, '{not json');
    expect(keep().handle.restored()).toBe(false);
  });

  describe('a draft based on a record that may have changed since', () => {
    let revision: number;
    function keepOn(form = inviteForm(), destroyRef = new FakeDestroyRef()) {
      const handle = runInInjectionContext(TestBed.inject(Injector), () =>
        keeper.keep(form, 'invite', {
          destroyRef,
          route: ROUTE,
          basedOn: () => revision,
          restoreIf: (draft) => draft.basedOn === revision,
        }),
      );
      return { form, handle, destroyRef };
    }

    beforeEach(() => (revision = 3));

    it('keeps what the values were based on with them', () => {
      const { form, handle } = keepOn();
      type(form.controls.note, 'Starts Monday');
      jest.advanceTimersByTime(100);
      expect(JSON.parse(localStorage.getItem(handle.key) ?? '{}')).toMatchObject({
        basedOn: 3,
        value: { note: 'Starts Monday' },
      });
    });

    it('restores it as before when the record is as it was', () => {
      const first = keepOn();
      type(first.form.controls.note, 'Starts Monday');
      first.destroyRef.destroy();

      const again = keepOn();
      expect(again.handle.restored()).toBe(true);
      expect(again.handle.held()).toBeNull();
      expect(again.form.controls.note.value).toBe('Starts Monday');
    });

    it('holds it back, without writing over it, when the record changed since; puts it back on request', () => {
      const first = keepOn();
      type(first.form.controls.note, 'Starts Monday');
      first.destroyRef.destroy();

      revision = 4;
      const form = inviteForm();
      form.setValue({ email: '', note: 'Their newer note', password: '' });
      const again = keepOn(form);
      expect(again.handle.restored()).toBe(false);
      expect(again.handle.held()).toMatchObject({ basedOn: 3, value: { note: 'Starts Monday' } });
      expect(form.controls.note.value).toBe('Their newer note');

      // Nothing typed meanwhile replaces the draft waiting for a decision.
      type(form.controls.note, 'Something else');
      jest.advanceTimersByTime(100);
      again.handle.save();
      expect(JSON.parse(localStorage.getItem(again.handle.key) ?? '{}').value.note).toBe('Starts Monday');

      again.handle.restoreHeld();
      expect(again.handle.held()).toBeNull();
      expect(again.handle.restored()).toBe(true);
      expect(form.controls.note.value).toBe('Starts Monday');
      expect(form.dirty).toBe(true);
      // Kept from now on as changes to the revision shown.
      expect(JSON.parse(localStorage.getItem(again.handle.key) ?? '{}').basedOn).toBe(4);
    });

    it('forgets a held draft the person discards', () => {
      const first = keepOn();
      type(first.form.controls.note, 'Starts Monday');
      first.destroyRef.destroy();
      revision = 4;
      const again = keepOn();
      again.handle.clear();
      expect(again.handle.held()).toBeNull();
      expect(localStorage.getItem(again.handle.key)).toBeNull();
    });

    it('treats a draft kept without its basis as based on nothing known', () => {
      localStorage.setItem(
        keeper.keyFor('invite', ROUTE),
        JSON.stringify({ savedAt: Date.now(), value: { note: 'From before' } }),
      );
      expect(keepOn().handle.held()).toMatchObject({ basedOn: null });
    });
  });

  it('removes every draft (and nothing else) on sign-out', () => {
    localStorage.setItem(`${DRAFT_KEY_PREFIX}a`, '{}');
    localStorage.setItem(`${DRAFT_KEY_PREFIX}b`, '{}');
    localStorage.setItem('other', 'kept');
    clearAllDrafts(localStorage);
    expect(Object.keys(localStorage)).toEqual(['other']);
  });
});
