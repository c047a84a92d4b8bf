import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { MemberSummary, Role } from '@carecast/shared/contracts';
import { AuthStore, DRAFT_SAVE_DELAY_MS, DraftKeeper } from '@carecast/web/core';
import { aMe } from '@carecast/web/core/testing';
import { USERS_URL } from '@carecast/web/identity/data-access';
import { INVITE_DRAFT, UsersPage } from './users-page';

const member = (over: Partial<MemberSummary>): MemberSummary => ({
  userId: 'u-2',
  email: 'dana@riverside.example',
  displayName: 'Dana Whitfield',
  roles: ['marketer'],
  status: 'active',
  mfaEnabled: false,
  lastSignInAt: '2026-03-02T14:41:05.000Z',
  ...over,
});

const MEMBERS: MemberSummary[] = [
  member({ userId: 'u-1', email: 'avery@riverside.example', displayName: 'Avery Morgan', roles: ['admin'] }),
  member({}),
  member({
    userId: 'u-3',
    email: 'marcus@riverside.example',
    displayName: 'Marcus Bell',
    roles: ['reviewer'],
    mfaEnabled: true,
  }),
  member({
    userId: 'u-4',
    email: 'priya@riverside.example',
    displayName: 'Priya Raman',
    status: 'deactivated',
    lastSignInAt: null,
  }),
];

/** Types into the input the selector finds (failing the test when there is none). */
function typeInto(root: HTMLElement, selector: string, value: string): void {
  const input = root.querySelector<HTMLInputElement>(selector);
  if (!input) throw new Error(`no input ${selector}`);
  input.value = value;
  input.dispatchEvent(new Event('input'));
}

describe('UsersPage', () => {
  let fixture: ComponentFixture<UsersPage>;
  let http: HttpTestingController;
  let el: HTMLElement;

  const text = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
  const buttons = () => Array.from(el.querySelectorAll('button')).map(text);
  const settle = async () => {
    await fixture.whenStable();
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
  };

  async function setup(roles: Role[], members = MEMBERS): Promise<void> {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
        { provide: DRAFT_SAVE_DELAY_MS, useValue: 0 },
      ],
    });
    TestBed.inject(AuthStore).setMe(aMe(roles));
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(UsersPage);
    el = fixture.nativeElement;
    await fixture.whenStable();
    http.expectOne(USERS_URL).flush(members);
    await settle();
  }

  afterEach(() => {
    fixture.destroy();
    http.verify();
    localStorage.clear();
  });

  it('lists the members with role chips, status, MFA and last sign-in in the organisation zone', async () => {
    await setup(['admin']);
    const rows = Array.from(el.querySelectorAll('tr[data-member]'));
    expect(rows.map((r) => r.getAttribute('data-member'))).toEqual([
      'avery@riverside.example',
      'dana@riverside.example',
      'marcus@riverside.example',
      'priya@riverside.example',
    ]);
    const dana = rows[1];
    expect(Array.from(dana.querySelectorAll('.chip')).map(text)).toEqual(['Marketing']);
    expect(text(dana)).toContain('Active');
    expect(text(dana)).toContain('Mar 2, 2026, 9:41 AM EST');
    expect(text(rows[2])).toContain('On');
    expect(text(rows[3])).toContain('Deactivated');
    expect(text(rows[3])).toContain('Never');
    expect(text(el.querySelector('.page__lead'))).toContain('Eastern Time (America/New_York)');
    expect(text(rows[0])).toContain('(you)');
  });

  it('sorts by status from its column header', async () => {
    await setup(['admin']);
    const header = (name: string) =>
      Array.from(el.querySelectorAll<HTMLElement>('th')).find((th) => text(th).startsWith(name));
    header('Status')?.querySelector<HTMLElement>('.mat-sort-header-container')?.click();
    await settle();
    expect(
      Array.from(el.querySelectorAll('tr[data-member]')).map((r) => r.getAttribute('data-member'))[3],
    ).toBe('priya@riverside.example');
  });

  it('shows invite and member actions to users.manage, never on your own row', async () => {
    await setup(['admin']);
    expect(buttons()).toContain('Invite someone');
    const actions = Array.from(el.querySelectorAll('button[aria-label^="Actions for"]')).map((b) =>
      b.getAttribute('aria-label'),
    );
    expect(actions).toEqual([
      'Actions for Dana Whitfield',
      'Actions for Marcus Bell',
      'Actions for Priya Raman',
    ]);
  });

  it('hides every manage action from someone who may only read the list', async () => {
    await setup(['manager']); // users.read, not users.manage
    expect(el.querySelectorAll('tr[data-member]')).toHaveLength(4);
    expect(buttons()).not.toContain('Invite someone');
    expect(el.querySelector('button[aria-label^="Actions for"]')).toBeNull();
    expect(Array.from(el.querySelectorAll('th')).map(text)).not.toContain('Actions');
    expect(el.querySelector('a[href="/settings/security"]')).toBeNull();
  });

  it('shows a real empty state when you are the only member', async () => {
    await setup(['admin'], [MEMBERS[0]]);
    expect(text(el.querySelector('cc-empty-state h2'))).toBe('You are the only member so far');
  });

  it('invites with the chosen roles, keeping the draft until it is sent', async () => {
    await setup(['admin']);
    Array.from(el.querySelectorAll('button'))
      .find((b) => text(b) === 'Invite someone')
      ?.click();
    await settle();
    typeInto(el, 'input[type="email"]', 'billing.lead@riverside.example');
    const manager = Array.from(el.querySelectorAll('mat-checkbox')).find((c) =>
      text(c).startsWith('Practice manager'),
    );
    manager?.querySelector<HTMLInputElement>('input')?.click();
    await settle();
    const keeper = TestBed.inject(DraftKeeper);
    expect(keeper.has(INVITE_DRAFT)).toBe(true);

    Array.from(el.querySelectorAll('button'))
      .find((b) => text(b) === 'Send invitation')
      ?.click();
    const req = http.expectOne(`${USERS_URL}/invitations`);
    expect(req.request.body).toEqual({ email: 'billing.lead@riverside.example', roles: ['manager'] });
    req.flush({
      email: 'billing.lead@riverside.example',
      roles: ['manager'],
      expiresAt: '2026-03-09T14:00:00.000Z',
    });
    await settle();
    http.expectOne(USERS_URL).flush(MEMBERS);
    await settle();

    expect(text(el.querySelector('.users__message'))).toContain(
      'Invitation sent to billing.lead@riverside.example',
    );
    expect(keeper.has(INVITE_DRAFT)).toBe(false);
  });

  it('puts the refused email next to its field', async () => {
    await setup(['admin']);
    Array.from(el.querySelectorAll('button'))
      .find((b) => text(b) === 'Invite someone')
      ?.click();
    await settle();
    typeInto(el, 'input[type="email"]', 'dana@riverside.example');
    Array.from(el.querySelectorAll('mat-checkbox'))
      .find((c) => text(c).startsWith('Viewer'))
      ?.querySelector<HTMLInputElement>('input')
      ?.click();
    Array.from(el.querySelectorAll('button'))
      .find((b) => text(b) === 'Send invitation')
      ?.click();
    http.expectOne(`${USERS_URL}/invitations`).flush(
      {
        statusCode: 400,
        error: 'validation_failed',
        message: 'Check the highlighted fields.',
        requestId: 'r',
        details: [{ field: 'email', rule: 'unique', message: 'This person is already a member.' }],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await settle();
    expect(text(el.querySelector('.invite mat-error'))).toBe('This person is already a member.');
  });

  it('reopens the invite form with what was typed before the session ended', async () => {
    TestBed.configureTestingModule({ providers: [provideRouter([])] });
    TestBed.inject(AuthStore).setMe(aMe(['admin']));
    const key = TestBed.inject(DraftKeeper).keyFor(INVITE_DRAFT, '/');
    TestBed.resetTestingModule();
    localStorage.setItem(
      key,
      JSON.stringify({
        savedAt: Date.now(),
        value: { email: 'kept@riverside.example', roles: { viewer: true } },
      }),
    );
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    TestBed.inject(AuthStore).setMe(aMe(['admin']));
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(UsersPage);
    el = fixture.nativeElement;
    await fixture.whenStable();
    http.expectOne(USERS_URL).flush(MEMBERS);
    await settle();

    expect(el.querySelector<HTMLInputElement>('input[type="email"]')?.value).toBe('kept@riverside.example');
    expect(text(el.querySelector('.invite [role="status"]'))).toContain('We kept what you typed');
  });
});
