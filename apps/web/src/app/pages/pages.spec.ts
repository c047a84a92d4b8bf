import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Type } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { ChannelStatus, ChannelSummary, Role } from '@carecast/shared/contracts';
import { CHANNELS_URL } from '@carecast/web/channels/data-access';
import { AuthStore } from '@carecast/web/core';
import { aMe } from '@carecast/web/core/testing';
import { CalendarPage } from './calendar/calendar-page';
import { InboxPage } from './inbox/inbox-page';

const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

const channel = (id: string, status: ChannelStatus = 'connected'): ChannelSummary => ({
  id,
  kind: 'x_account',
  displayName: `@account${id}`,
  externalAccountId: id,
  status,
  lastError: null,
  capabilities: { mentions: true, reply: true, hide: false, maxImages: 4 },
  createdAt: '2026-03-01T10:00:00.000Z',
  updatedAt: '2026-03-01T10:00:00.000Z',
});
const FOUR_CONNECTED = ['1', '2', '3', '4'].map((id) => channel(id));

/** Builds a page as the given roles; `channels` answers the channels list (an Error fails it). */
async function render<T>(
  page: Type<T>,
  roles: Role[],
  channels?: ChannelSummary[] | Error,
): Promise<ComponentFixture<T>> {
  TestBed.configureTestingModule({
    providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
  });
  TestBed.inject(AuthStore).setMe(aMe(roles));
  const fixture = TestBed.createComponent(page);
  // Not whenStable: the channels request keeps the page unstable until it is answered.
  fixture.detectChanges();
  if (channels !== undefined) {
    const req = TestBed.inject(HttpTestingController).expectOne(CHANNELS_URL);
    if (channels instanceof Error)
      req.flush({ message: channels.message }, { status: 503, statusText: 'Down' });
    else req.flush(channels);
    await fixture.whenStable();
  }
  return fixture;
}

describe.each<[string, Type<unknown>, string, string, RegExp, ChannelSummary[] | undefined]>([
  [
    'Calendar',
    CalendarPage,
    'Calendar',
    'Nothing is scheduled yet',
    /by day, in your organisation's time zone/,
    [],
  ],
  ['Inbox', InboxPage, 'Inbox', 'No mentions listed yet', /reply deadline/, []],
])('%s page', (_name, page, title, heading, explanation, channels) => {
  it('has exactly one h1 and an empty state saying what will appear and what to do', async () => {
    const fixture = await render(page, ['admin'], channels);
    const el: HTMLElement = fixture.nativeElement;

    expect(Array.from(el.querySelectorAll('h1')).map(text)).toEqual([title]);
    const emptyState = el.querySelector('cc-empty-state section');
    expect(text(emptyState?.querySelector('h2'))).toBe(heading);
    expect(text(emptyState?.querySelector('p'))).toMatch(explanation);
    expect(emptyState?.getAttribute('aria-labelledby')).toBe(emptyState?.querySelector('h2')?.id);
  });
});

/**
 * The empty Calendar and Inbox fit the organisation (channels connected or not) and the person
 * (only those who may manage channels are asked to connect them, and get the link).
 */
describe.each<[string, Type<unknown>]>([
  ['Calendar', CalendarPage],
  ['Inbox', InboxPage],
])('%s empty state', (_name, page) => {
  const emptyText = (fixture: ComponentFixture<unknown>) =>
    text((fixture.nativeElement as HTMLElement).querySelector('cc-empty-state p'));
  const links = (fixture: ComponentFixture<unknown>) =>
    Array.from((fixture.nativeElement as HTMLElement).querySelectorAll('cc-empty-state a')).map((a) => ({
      text: text(a),
      href: a.getAttribute('href'),
    }));

  it('with four channels connected: names them and asks no one to connect them', async () => {
    for (const roles of [['admin'], ['marketer'], ['viewer']] satisfies Role[][]) {
      TestBed.resetTestingModule();
      const fixture = await render(page, roles, FOUR_CONNECTED);
      expect(emptyText(fixture)).toContain('your 4 connected channels');
      expect(emptyText(fixture)).not.toMatch(/connecting|Connect /);
      expect(links(fixture).map((l) => l.text)).not.toContain('Connect channels');
    }
  });

  it('with one channel connected: says so in the singular', async () => {
    for (const roles of [['marketer'], ['viewer']] satisfies Role[][]) {
      TestBed.resetTestingModule();
      const fixture = await render(page, roles, [channel('1'), channel('2', 'disabled')]);
      expect(emptyText(fixture)).toContain('your connected channel ');
    }
  });

  it('with no channels, for someone who may manage channels: asks to connect them, with the link', async () => {
    const fixture = await render(page, ['admin'], []);
    expect(emptyText(fixture)).toContain('Start by connecting the Facebook Pages, X account and blogs');
    expect(links(fixture)).toEqual([{ text: 'Connect channels', href: '/channels' }]);
  });

  it.each<Role>(['marketer', 'reviewer', 'manager', 'viewer'])(
    'with no channels, for a %s (cannot connect): says an administrator connects them, no link',
    async (role) => {
      const fixture = await render(page, [role], []);
      expect(emptyText(fixture)).toContain('No channels are connected yet; an administrator connects');
      expect(emptyText(fixture)).not.toContain('Start by connecting');
      expect(links(fixture)).toEqual([]);
    },
  );

  it('with channels that all need reconnecting, for someone who may manage channels: sends them to the Channels page', async () => {
    const fixture = await render(
      page,
      ['admin'],
      [channel('1', 'needs_reconnect'), channel('2', 'disabled')],
    );
    expect(emptyText(fixture)).toContain('None of your channels is connected right now: reconnect');
    expect(links(fixture)).toEqual([{ text: 'Go to channels', href: '/channels' }]);
  });

  it('with channels that all need reconnecting, for someone who cannot manage channels: no link', async () => {
    const fixture = await render(page, ['manager'], [channel('1', 'needs_reconnect')]);
    expect(emptyText(fixture)).toContain('an administrator can reconnect them');
    expect(links(fixture)).toEqual([]);
  });

  it('when the channels cannot be read: says nothing about channels and offers no link', async () => {
    const fixture = await render(page, ['admin'], new Error('Service unavailable'));
    expect(emptyText(fixture)).not.toMatch(/channel.*(connect|ready)|administrator/i);
    expect(links(fixture)).toEqual([]);
  });

  it('shows a progress bar, not a guess, while the channels are being read', async () => {
    const fixture = await render(page, ['admin']);
    const el: HTMLElement = fixture.nativeElement;
    expect(el.querySelector('cc-empty-state')).toBeNull();
    expect(el.querySelector('mat-progress-bar')?.getAttribute('aria-label')).toMatch(/^Loading the/);
  });
});

describe('Inbox empty state with channels connected', () => {
  it('promises nothing that is not there and offers nothing to do', async () => {
    for (const roles of [['admin'], ['marketer'], ['viewer']] satisfies Role[][]) {
      TestBed.resetTestingModule();
      const fixture = await render(InboxPage, roles, FOUR_CONNECTED);
      const el: HTMLElement = fixture.nativeElement;
      expect(el.querySelectorAll('cc-empty-state a')).toHaveLength(0);
    }
  });
});

/**
 * Posts are written and reviewed already; the calendar view of scheduled posts comes with
 * scheduling. With channels ready, those who write posts are offered to start one.
 */
describe('Calendar empty state with channels connected', () => {
  const emptyText = (fixture: ComponentFixture<unknown>) =>
    text((fixture.nativeElement as HTMLElement).querySelector('cc-empty-state p'));
  const links = (fixture: ComponentFixture<unknown>) =>
    Array.from((fixture.nativeElement as HTMLElement).querySelectorAll('cc-empty-state a')).map((a) => ({
      text: text(a),
      href: a.getAttribute('href'),
    }));

  it.each<Role>(['admin', 'marketer'])(
    'as %s (writes posts): offers a new post and a template, and says when the calendar view comes',
    async (role) => {
      const fixture = await render(CalendarPage, [role], FOUR_CONNECTED);
      expect(links(fixture)).toEqual([
        { text: 'New post', href: '/posts/new' },
        { text: 'Start from a template', href: '/posts/new?template=choose' },
      ]);
      expect(emptyText(fixture)).toContain('The calendar view of scheduled posts comes with scheduling.');
      expect(emptyText(fixture)).toContain(
        'Meanwhile, write posts for your 4 connected channels and send them for review.',
      );
      expect(emptyText(fixture)).not.toMatch(/on (its|their) way/);
      // The main action stands out; the other is secondary.
      const [first, second] = Array.from(
        (fixture.nativeElement as HTMLElement).querySelectorAll('cc-empty-state a'),
      );
      expect(first.classList).toContain('mat-mdc-unelevated-button');
      expect(second.classList).toContain('mat-mdc-outlined-button');
    },
  );

  it.each<Role>(['reviewer', 'manager', 'viewer'])(
    'as %s (does not write posts): no links, and no invitation to write',
    async (role) => {
      const fixture = await render(CalendarPage, [role], FOUR_CONNECTED);
      expect(links(fixture)).toEqual([]);
      expect(emptyText(fixture)).toContain('The calendar view of scheduled posts comes with scheduling.');
      expect(emptyText(fixture)).not.toMatch(/write posts/i);
    },
  );

  it('with no channel connected, for someone who writes posts: keeps to the channels, no post links', async () => {
    const fixture = await render(CalendarPage, ['marketer'], []);
    expect(emptyText(fixture)).toContain('No channels are connected yet; an administrator connects');
    expect(links(fixture)).toEqual([]);
  });
});

describe('Calendar page', () => {
  it("names the organisation's time zone", async () => {
    const fixture = await render(CalendarPage, ['marketer'], []);
    expect(text(fixture.nativeElement.querySelector('.page__lead'))).toContain(
      'times in Eastern Time (America/New_York)',
    );
  });

  it('names the zone of the organisation the user works in (me.organisation.timeZone)', async () => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    const me = aMe(['marketer']);
    TestBed.inject(AuthStore).setMe({
      ...me,
      organisation: { ...me.organisation, timeZone: 'America/Chicago' },
    });
    const fixture = TestBed.createComponent(CalendarPage);
    fixture.detectChanges();

    expect(text(fixture.nativeElement.querySelector('.page__lead'))).toContain(
      'times in Central Time (America/Chicago)',
    );
  });
});
