import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { ContentSettings } from '@carecast/shared/contracts';
import { CONTENT_SETTINGS_URL } from '@carecast/web/content/data-access';
import { aContentSettings } from '@carecast/web/content/data-access/testing';
import { AuthStore, DRAFT_SAVE_DELAY_MS, DraftKeeper } from '@carecast/web/core';
import { aMe } from '@carecast/web/core/testing';
import { provideFormFields } from '@carecast/web/shared/util';
import { CONTENT_SETTINGS_DRAFT, ContentSettingsPage, linesOf } from './content-settings-page';

const SAVED: ContentSettings = aContentSettings({
  requiredApprovals: { post: 1, health_alert: 2 },
  allowEmergencyFastPath: true,
  contact: {
    phones: ['(555) 010-2000', '(555) 010-2001'],
    emails: ['frontdesk@riverside.example'],
    addresses: [],
    websites: ['https://riverside.example'],
  },
  staffNames: ['Dr. Maria Lopez'],
  updatedAt: '2026-03-02T14:41:05.000Z',
  updatedBy: { id: 'u-1', name: 'Avery Morgan' },
});

describe('ContentSettingsPage', () => {
  let fixture: ComponentFixture<ContentSettingsPage>;
  let http: HttpTestingController;
  let el: HTMLElement;

  const text = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
  const wait = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));
  const settle = async (ms = 0) => {
    await wait(ms);
    await fixture.whenStable();
    fixture.detectChanges();
  };
  const field = (label: string) =>
    Array.from(el.querySelectorAll('mat-form-field')).find(
      (f) => text(f.querySelector('mat-label')) === label,
    );
  const area = (label: string) => field(label)?.querySelector('textarea') as HTMLTextAreaElement;
  const button = (name: string) =>
    Array.from(el.querySelectorAll('button')).find((b) => text(b) === name) as HTMLButtonElement | undefined;

  async function open(answer: ContentSettings | 'fails' = SAVED, beforeOpening?: () => void) {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
        provideFormFields(),
        { provide: DRAFT_SAVE_DELAY_MS, useValue: 5 },
      ],
    });
    TestBed.inject(AuthStore).setMe(aMe(['admin']));
    beforeOpening?.();
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(ContentSettingsPage);
    el = fixture.nativeElement;
    fixture.detectChanges();
    const load = http.expectOne(CONTENT_SETTINGS_URL);
    if (answer === 'fails')
      load.flush(
        { statusCode: 503, error: 'unavailable', message: 'The service is unavailable.', requestId: 'r' },
        { status: 503, statusText: 'Unavailable' },
      );
    else load.flush(answer);
    await settle();
  }

  function type(label: string, value: string) {
    const input = area(label);
    input.value = value;
    input.dispatchEvent(new Event('input'));
    input.dispatchEvent(new Event('blur'));
  }

  afterEach(() => {
    http.verify();
    localStorage.clear();
  });

  it('shows the saved settings, one entry per line, and who changed them last', async () => {
    await open();
    expect(area('Phone and fax numbers').value).toBe('(555) 010-2000\n(555) 010-2001');
    expect(text(field('Phone and fax numbers')?.querySelector('mat-hint'))).toBe('2 listed');
    expect(area('Staff names').value).toBe('Dr. Maria Lopez');
    expect(text(field('Health alerts')?.querySelector('.mat-mdc-select-value'))).toBe('2 approvals');
    expect(text(el.querySelector('.updated'))).toMatch(/^Last changed Mar 2, 2026, .* by Avery Morgan\.$/);
  });

  it('saves the whole settings as the api takes them, blank lines dropped', async () => {
    await open();
    type('Street addresses', '100 Main Street, Springfield\n\n  ');
    type('Staff names', 'Dr. Maria Lopez\nDr. Ana Ortiz');
    await settle();
    button('Save settings')?.click();
    await settle();

    const save = http.expectOne({ method: 'PUT', url: CONTENT_SETTINGS_URL });
    expect(save.request.body).toEqual({
      requiredApprovals: { post: 1, health_alert: 2 },
      allowEmergencyFastPath: true,
      requireSpanishForAlerts: false,
      contact: {
        phones: ['(555) 010-2000', '(555) 010-2001'],
        emails: ['frontdesk@riverside.example'],
        addresses: ['100 Main Street, Springfield'],
        websites: ['https://riverside.example'],
      },
      staffNames: ['Dr. Maria Lopez', 'Dr. Ana Ortiz'],
    });
    save.flush({ ...SAVED, staffNames: ['Dr. Maria Lopez', 'Dr. Ana Ortiz'] });
    await settle();
    expect(text(el.querySelector('.form-error cc-notice'))).toContain('Settings saved.');
    expect(TestBed.inject(DraftKeeper).has(CONTENT_SETTINGS_DRAFT)).toBe(false);
  });

  it("puts the api's refusals on the fields they name (contact.emails, staffNames), in words", async () => {
    await open();
    type('Email addresses', 'frontdesk@riverside.example\nnot an address');
    await settle();
    button('Save settings')?.click();
    await settle();
    http.expectOne({ method: 'PUT', url: CONTENT_SETTINGS_URL }).flush(
      {
        statusCode: 400,
        error: 'Bad Request',
        message: 'Invalid request: check contact.emails, staffNames.',
        details: [
          { field: 'contact.emails', rule: 'isEmail', message: 'each of emails must be an email address.' },
          {
            field: 'staffNames',
            rule: 'maxLength',
            message: 'each of staffNames must be at most 200 characters.',
          },
        ],
        requestId: 'r',
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await settle();

    expect(text(field('Email addresses')?.querySelector('mat-error'))).toBe(
      'Each of emails must be an email address.',
    );
    expect(text(field('Staff names')?.querySelector('mat-error'))).toBe(
      'Each of staffNames must be at most 200 characters.',
    );
    expect(field('Phone and fax numbers')?.querySelector('mat-error')).toBeNull();
    expect(text(el.querySelector('.form-error cc-notice'))).toBe('Check the highlighted fields.');

    // Changing the field clears the api's refusal of its old value.
    type('Email addresses', 'frontdesk@riverside.example');
    await settle();
    expect(field('Email addresses')?.querySelector('mat-error')).toBeNull();
  });

  it('says what the api refused when it names no field of the page', async () => {
    await open();
    button('Save settings')?.click();
    await settle();
    http.expectOne({ method: 'PUT', url: CONTENT_SETTINGS_URL }).flush(
      {
        statusCode: 403,
        error: 'forbidden',
        message: 'Your role cannot change these settings.',
        requestId: 'r',
      },
      { status: 403, statusText: 'Forbidden' },
    );
    await settle();
    expect(text(el.querySelector('.form-error cc-notice'))).toContain(
      'Your role cannot change these settings.',
    );
    expect(el.querySelectorAll('mat-error')).toHaveLength(0);
  });

  it('says the settings could not be loaded, and tries again on request', async () => {
    await open('fails');
    expect(text(el.querySelector('cc-notice[role="alert"]'))).toContain('Could not load the settings.');
    expect(el.querySelector('form')).toBeNull();
    button('Try again')?.click();
    http.expectOne(CONTENT_SETTINGS_URL).flush(SAVED);
    await settle();
    expect(el.querySelector('form')).not.toBeNull();
  });

  it('puts back changes not saved yet (kept in the browser), and discards them on request', async () => {
    await open(SAVED, () => {
      localStorage.setItem(
        TestBed.inject(DraftKeeper).keyFor(CONTENT_SETTINGS_DRAFT),
        JSON.stringify({
          savedAt: Date.now(),
          value: { staffNames: 'Dr. Maria Lopez\nNurse Sam Patel', contact: { phones: '(555) 010-2000' } },
        }),
      );
    });
    expect(text(el.querySelector('.restored'))).toContain('These are the changes you had not saved yet.');
    expect(area('Staff names').value).toBe('Dr. Maria Lopez\nNurse Sam Patel');
    expect(area('Phone and fax numbers').value).toBe('(555) 010-2000');

    button('Discard my changes')?.click();
    await settle();
    expect(el.querySelector('.restored')).toBeNull();
    expect(area('Staff names').value).toBe('Dr. Maria Lopez');
    expect(area('Phone and fax numbers').value).toBe('(555) 010-2000\n(555) 010-2001');
  });
});

describe('linesOf', () => {
  it('takes one entry per line, trimmed, blank lines dropped', () => {
    expect(linesOf('  a \n\n b\n   \n')).toEqual(['a', 'b']);
  });
});
