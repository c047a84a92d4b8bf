import { Type } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { AuthStore } from '../core/auth/auth.store';
import { aMe } from '../core/auth/testing/me.fixtures';
import { CalendarPage } from './calendar/calendar-page';
import { InboxPage } from './inbox/inbox-page';
import { ReviewPage } from './review/review-page';

const text = (el: Element | null) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

describe.each<[string, Type<unknown>, string, string, RegExp]>([
  [
    'Calendar',
    CalendarPage,
    'Calendar',
    'No posts scheduled yet',
    /by day, in your organisation's time zone/,
  ],
  ['Review', ReviewPage, 'Review', 'Nothing waiting for review', /submits a post for approval/],
  ['Inbox', InboxPage, 'Inbox', 'No mentions need you', /reply deadline/],
])('%s page', (_name, page, title, heading, explanation) => {
  beforeEach(() => TestBed.configureTestingModule({ providers: [provideRouter([])] }));

  it('has exactly one h1 and an empty state saying what will appear and what to do', async () => {
    const fixture = TestBed.createComponent(page);
    await fixture.whenStable();
    const el: HTMLElement = fixture.nativeElement;

    expect(Array.from(el.querySelectorAll('h1')).map(text)).toEqual([title]);
    const emptyState = el.querySelector('cc-empty-state section');
    expect(text(emptyState?.querySelector('h2') ?? null)).toBe(heading);
    expect(text(emptyState?.querySelector('p') ?? null)).toMatch(explanation);
    expect(emptyState?.getAttribute('aria-labelledby')).toBe(emptyState?.querySelector('h2')?.id);
  });
});

describe('Calendar page', () => {
  it("names the organisation's time zone and links to the first step", async () => {
    TestBed.configureTestingModule({ providers: [provideRouter([])] });
    TestBed.inject(AuthStore).setMe(aMe(['marketer']));
    const fixture = TestBed.createComponent(CalendarPage);
    await fixture.whenStable();
    const el: HTMLElement = fixture.nativeElement;

    expect(text(el.querySelector('.page__lead'))).toContain('times in Eastern Time (America/New_York)');
    expect(el.querySelector('a[href="/channels"]')?.textContent?.trim()).toBe('Connect channels');
  });

  it('names the zone of the organisation the user works in (me.organisation.timeZone)', async () => {
    TestBed.configureTestingModule({ providers: [provideRouter([])] });
    const me = aMe(['marketer']);
    TestBed.inject(AuthStore).setMe({
      ...me,
      organisation: { ...me.organisation, timeZone: 'America/Chicago' },
    });
    const fixture = TestBed.createComponent(CalendarPage);
    await fixture.whenStable();

    expect(text(fixture.nativeElement.querySelector('.page__lead'))).toContain(
      'times in Central Time (America/Chicago)',
    );
  });
});
