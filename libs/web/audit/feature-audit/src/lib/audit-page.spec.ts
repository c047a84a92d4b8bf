import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting, TestRequest } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { AuditEntry, Role } from '@carecast/shared/contracts';
import { AUDIT_URL, AUDIT_VERIFY_URL } from '@carecast/web/audit/data-access';
import { AuthStore } from '@carecast/web/core';
import { aMe } from '@carecast/web/core/testing';
import { AuditPage } from './audit-page';

const entry = (seq: number, over: Partial<AuditEntry> = {}): AuditEntry => ({
  id: `a-${seq}`,
  seq,
  at: '2026-03-02T14:41:05.000Z',
  action: 'member.roles_changed',
  actorUserId: 'u-1',
  actorLabel: 'admin@riverside.example',
  entityType: 'user',
  entityId: 'u-2',
  diff: { roles: { from: ['marketer'], to: ['marketer', 'reviewer'] } },
  ip: '203.0.113.7',
  userAgent: 'Firefox',
  requestId: 'req-abc',
  hash: 'f'.repeat(64),
  prevHash: 'e'.repeat(64),
  ...over,
});

/** Types into the input the selector finds (failing the test when there is none). */
function typeInto(root: HTMLElement, selector: string, value: string): void {
  const input = root.querySelector<HTMLInputElement>(selector);
  if (!input) throw new Error(`no input ${selector}`);
  input.value = value;
  input.dispatchEvent(new Event('input'));
}

describe('AuditPage', () => {
  let fixture: ComponentFixture<unknown>;
  let http: HttpTestingController;
  let el: HTMLElement;

  const text = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
  const button = (name: string) => Array.from(el.querySelectorAll('button')).find((b) => text(b) === name);
  const settle = async () => {
    await fixture.whenStable();
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
  };
  const listRequest = () => http.expectOne((r) => r.url === AUDIT_URL);

  /** Opens the page at `url` (the audit page is `/audit`) and answers its first list request. */
  async function setup(
    roles: Role[] = ['reviewer'],
    entries: AuditEntry[] = [entry(2), entry(1, { diff: null })],
    url = '/audit',
  ): Promise<TestRequest> {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([{ path: 'audit', component: AuditPage }]),
      ],
    });
    TestBed.inject(AuthStore).setMe(aMe(roles));
    http = TestBed.inject(HttpTestingController);
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl(url, AuditPage);
    fixture = harness.fixture;
    el = harness.routeNativeElement as HTMLElement;
    await fixture.whenStable();
    const first = listRequest();
    first.flush({ entries, nextCursor: entries.length ? '1' : null });
    await settle();
    return first;
  }

  afterEach(() => http.verify());

  async function verifyAnswer(body: object): Promise<HTMLElement | null> {
    button('Verify chain')?.click();
    const req: TestRequest = http.expectOne(AUDIT_VERIFY_URL);
    expect(req.request.method).toBe('POST');
    req.flush(body);
    await settle();
    return el.querySelector<HTMLElement>('[role="status"]');
  }

  it('says prominently that the chain is intact, with how many entries and when', async () => {
    await setup();
    const status = await verifyAnswer({
      intact: true,
      anchored: true,
      checked: 1234,
      firstBroken: null,
      checkpoint: { seq: 1230, hash: 'a'.repeat(64), at: '2026-03-02T14:36:05.000Z' },
      verifiedAt: '2026-03-02T14:41:05.000Z',
    });
    expect(text(status)).toContain('Chain intact: 1,234 entries checked at Mar 2, 2026, 9:41 AM EST');
    expect(text(status)).toContain(
      'It matches the signed checkpoint of Mar 2, 2026, 9:36 AM EST (entry #1230).',
    );
    expect(status?.querySelector('.notice--success')).not.toBeNull();
    expect(status?.querySelector('.notice--error')).toBeNull();
  });

  it('says plainly, as a warning, when no signed checkpoint vouches for an otherwise intact chain', async () => {
    await setup();
    const status = await verifyAnswer({
      intact: true,
      anchored: false,
      checked: 42,
      firstBroken: null,
      checkpoint: null,
      verifiedAt: '2026-03-02T14:41:05.000Z',
    });
    expect(text(status)).toContain(
      'Chain not anchored by a signed checkpoint: 42 entries checked at Mar 2, 2026, 9:41 AM EST',
    );
    expect(text(status)).toContain('entries removed from its end would not show');
    expect(text(status)).not.toContain('Chain intact');
    expect(text(status)).not.toContain('No entry was changed or removed');
    expect(status?.querySelector('.notice--warning')).not.toBeNull();
    expect(status?.querySelector('.notice--success')).toBeNull();
  });

  it('names the first broken entry, when it was written and why, as an error', async () => {
    await setup();
    const status = await verifyAnswer({
      intact: false,
      checked: 56,
      firstBroken: {
        id: 'a-57',
        seq: 57,
        at: '2026-02-28T10:06:00.000Z',
        reason: 'its content was changed after it was written',
      },
      checkpoint: null,
      verifiedAt: '2026-03-02T14:41:05.000Z',
    });
    expect(text(status)).toContain(
      'Chain broken at entry #57 (Feb 28, 2026, 5:06 AM EST): its content was changed after it was written',
    );
    expect(status?.querySelector('.notice--error')).not.toBeNull();
    expect(text(status)).not.toContain('Chain intact');
  });

  it('names the entries missing at the end of the chain, which have no time', async () => {
    await setup();
    const status = await verifyAnswer({
      intact: false,
      checked: 56,
      firstBroken: {
        id: null,
        seq: 57,
        at: null,
        reason: 'entries 57–60 are missing: the latest signed checkpoint records the chain up to entry 60',
      },
      checkpoint: { seq: 60, hash: 'a'.repeat(64), at: '2026-03-02T14:00:00.000Z' },
      verifiedAt: '2026-03-02T14:41:05.000Z',
    });
    expect(text(status)).toContain('Chain broken at entry #57: entries 57–60 are missing');
    expect(text(status)).not.toContain('Invalid');
    expect(status?.querySelector('.notice--error')).not.toBeNull();
  });

  it('shows actions in plain words, with the code in the details', async () => {
    await setup(
      ['reviewer'],
      [entry(2, { action: 'auth.signed_in', diff: null }), entry(1, { action: 'legacy.code' })],
    );
    const rows = Array.from(el.querySelectorAll('tr.entry'));
    expect(rows.map((r) => text(r.querySelector('.entry__action')))).toEqual(['Signed in', 'legacy.code']);
    expect(text(rows[0])).not.toContain('auth.signed_in');
    el.querySelector<HTMLButtonElement>('button[aria-label="Details of entry #2"]')?.click();
    await settle();
    expect(text(el.querySelector('.detail__facts'))).toContain('Signed in auth.signed_in');
  });

  it('searches actions by plain words', async () => {
    await setup();
    typeInto(el, 'input[formcontrolname="action"]', 'sign in');
    button('Show entries')?.click();
    const filtered = listRequest();
    expect(filtered.request.params.get('action')).toBe('sign in');
    filtered.flush({ entries: [entry(3, { action: 'auth.signed_in' })], nextCursor: null });
    await settle();
    expect(text(el.querySelector('tr.entry .entry__action'))).toBe('Signed in');
  });

  it('lists entries newest first and shows a diff as field | from | to, with the hashes', async () => {
    await setup();
    const rows = Array.from(el.querySelectorAll('tr.entry'));
    expect(rows.map((r) => text(r.querySelector('.entry__action')))).toEqual([
      'Roles changed',
      'Roles changed',
    ]);
    expect(text(rows[0])).toContain('Mar 2, 2026, 9:41 AM EST');
    expect(text(rows[0])).toContain('admin@riverside.example');

    el.querySelector<HTMLButtonElement>('button[aria-label="Details of entry #2"]')?.click();
    await settle();
    const diff = el.querySelector('table.diff');
    const cells = Array.from(diff?.querySelectorAll(':scope > tbody > tr > *') ?? []).map((c) =>
      c.textContent?.trim(),
    );
    expect(cells[0]).toBe('roles');
    expect(JSON.parse(cells[1] ?? '')).toEqual(['marketer']);
    expect(cells[2]).toContain('\n'); // pretty-printed
    expect(text(el.querySelector('.detail__hashes'))).toContain('f'.repeat(64));
    expect(text(el.querySelector('.detail__hashes'))).toContain('e'.repeat(64));
  });

  it('loads older entries with the cursor, and exports with the current filters', async () => {
    await setup();
    expect(el.querySelector('a[download]')?.getAttribute('href')).toBe('/api/audit/export');
    button('Load older')?.click();
    const older = listRequest();
    expect(older.request.params.get('cursor')).toBe('1');
    older.flush({ entries: [entry(0)], nextCursor: null });
    await settle();
    expect(el.querySelectorAll('tr.entry')).toHaveLength(3);
    expect(button('Load older')).toBeUndefined();

    typeInto(el, 'input[formcontrolname="action"]', 'member.');
    typeInto(el, 'input[formcontrolname="from"]', '2026-03-01');
    button('Show entries')?.click();
    const filtered = listRequest();
    expect(filtered.request.params.get('action')).toBe('member.');
    expect(filtered.request.params.get('from')).toBe('2026-03-01T05:00:00.000Z');
    expect(filtered.request.params.has('cursor')).toBe(false);
    filtered.flush({ entries: [], nextCursor: null });
    await settle();

    expect(text(el.querySelector('cc-empty-state h2'))).toBe('No entries match these filters');
    expect(el.querySelector('a[download]')?.getAttribute('href')).toBe(
      '/api/audit/export?action=member.&from=2026-03-01T05:00:00.000Z',
    );
  });

  it('shows the entries the address asks for, filters filled in (a post’s audit entries, linked from its page)', async () => {
    const first = await setup(
      ['reviewer'],
      [entry(5, { entityType: 'post', entityId: 'p-1' })],
      '/audit?entityType=post&entityId=p-1&from=2026-03-01&to=not-a-day',
    );
    expect(first.request.params.get('entityType')).toBe('post');
    expect(first.request.params.get('entityId')).toBe('p-1');
    expect(first.request.params.get('from')).toBe('2026-03-01T05:00:00.000Z');
    expect(first.request.params.has('to')).toBe(false);
    const value = (name: string) =>
      el.querySelector<HTMLInputElement>(`input[formcontrolname="${name}"]`)?.value;
    expect([value('entityType'), value('entityId'), value('from'), value('to')]).toEqual([
      'post',
      'p-1',
      '2026-03-01',
      '',
    ]);
    expect(button('Clear filters')).toBeDefined();
    expect(el.querySelector('a[download]')?.getAttribute('href')).toBe(
      '/api/audit/export?entityType=post&entityId=p-1&from=2026-03-01T05:00:00.000Z',
    );
  });

  it('keeps the filters shown in the address, and clearing them clears it', async () => {
    await setup();
    const router = TestBed.inject(Router);
    typeInto(el, 'input[formcontrolname="entityType"]', ' post ');
    typeInto(el, 'input[formcontrolname="entityId"]', 'p-9');
    button('Show entries')?.click();
    listRequest().flush({ entries: [], nextCursor: null });
    await settle();
    expect(router.url).toBe('/audit?entityType=post&entityId=p-9');
    // The address now matches what is shown: nothing is read twice.
    http.expectNone((r) => r.url === AUDIT_URL);
    button('Clear filters')?.click();
    listRequest().flush({ entries: [entry(2)], nextCursor: null });
    await settle();
    expect(router.url).toBe('/audit');
    http.expectNone((r) => r.url === AUDIT_URL);
  });

  it('has a real empty state when nothing was recorded yet', async () => {
    await setup(['reviewer'], []);
    expect(text(el.querySelector('cc-empty-state h2'))).toBe('No audit entries yet');
  });

  it('offers the CSV export only with audit.export', async () => {
    await setup(['viewer', 'reviewer']);
    expect(el.querySelector('a[download]')).not.toBeNull();
    fixture.destroy();
    TestBed.resetTestingModule();
    await setup(['admin']);
    TestBed.inject(AuthStore).setMe(aMe(['admin'], { permissions: ['audit.read'] }));
    await settle();
    expect(el.querySelector('a[download]')).toBeNull();
  });
});
