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

  it('with four channels connected: names them, asks no one to connect and promises nothing that is not there', async () => {
    for (const roles of [['admin'], ['marketer'], ['viewer']] satisfies Role[][]) {
      TestBed.resetTestingModule();
      const fixture = await render(page, roles, FOUR_CONNECTED);
      expect(emptyText(fixture)).toContain('your 4 connected channels');
      expect(emptyText(fixture)).not.toMatch(/connecting|Connect /);
      expect(links(fixture)).toEqual([]);
    }
  });

  it('with one channel connected: says so in the singular', async () => {
    const fixture = await render(page, ['viewer'], [channel('1'), channel('2', 'disabled')]);
    expect(emptyText(fixture)).toContain('your connected channel ');
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
