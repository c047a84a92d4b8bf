import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { ActivatedRoute, convertToParamMap, provideRouter } from '@angular/router';
import type { ChannelConnectOption, ChannelSummary, Role } from '@carecast/shared/contracts';
import { CHANNELS_URL } from '@carecast/web/channels/data-access';
import { AuthStore } from '@carecast/web/core';
import { aMe } from '@carecast/web/core/testing';
import { EXTERNAL_NAVIGATION } from '@carecast/web/shared/util';
import { ChannelsPage } from './channels-page';

const channel = (over: Partial<ChannelSummary>): ChannelSummary => ({
  id: 'c-1',
  kind: 'facebook_page',
  displayName: 'Riverside Family Practice',
  externalAccountId: '1234567890',
  status: 'connected',
  lastError: null,
  capabilities: { mentions: true, reply: true, hide: true, maxImages: 10 },
  createdAt: '2026-03-02T14:41:05.000Z',
  updatedAt: '2026-03-02T14:41:05.000Z',
  ...over,
});

const CHANNELS: ChannelSummary[] = [
  channel({}),
  channel({
    id: 'c-2',
    kind: 'x_account',
    displayName: '@riversidefp',
    externalAccountId: '42',
    status: 'needs_reconnect',
    lastError: 'X no longer accepts this connection: reconnect the account.',
  }),
  channel({
    id: 'c-3',
    kind: 'wordpress_blog',
    displayName: 'Riverside news',
    externalAccountId: 'https://news.riverside.example',
    status: 'disabled',
  }),
];

const OPTIONS_URL = `${CHANNELS_URL}/connect-options`;
const options = (oauth: boolean): ChannelConnectOption[] => [
  { kind: 'carecast_blog', label: 'Carecast blog', oauth: false },
  { kind: 'facebook_page', label: 'Facebook Page', oauth },
  { kind: 'x_account', label: 'X account', oauth },
  { kind: 'wordpress_blog', label: 'WordPress blog', oauth: false },
];

function typeInto(root: HTMLElement, selector: string, value: string): void {
  const input = root.querySelector<HTMLInputElement>(selector);
  if (!input) throw new Error(`no input ${selector}`);
  input.value = value;
  input.dispatchEvent(new Event('input'));
}

describe('ChannelsPage', () => {
  let fixture: ComponentFixture<ChannelsPage>;
  let http: HttpTestingController;
  let el: HTMLElement;

  const text = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
  const button = (root: ParentNode, label: string) =>
    Array.from(root.querySelectorAll<HTMLButtonElement>('button')).find((b) => text(b) === label);
  const settle = async () => {
    await fixture.whenStable();
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
  };

  let navigatedTo: string[];

  async function setup(
    roles: Role[],
    channels = CHANNELS,
    query: Record<string, string> = {},
  ): Promise<void> {
    navigatedTo = [];
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
        // Dialogs open and close without animation, so no test waits for one to end.
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
        { provide: EXTERNAL_NAVIGATION, useValue: (url: string) => navigatedTo.push(url) },
        { provide: ActivatedRoute, useValue: { snapshot: { queryParamMap: convertToParamMap(query) } } },
      ],
    });
    TestBed.inject(AuthStore).setMe(aMe(roles));
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(ChannelsPage);
    el = fixture.nativeElement;
    await fixture.whenStable();
    http.expectOne(CHANNELS_URL).flush(channels);
    await settle();
  }

  afterEach(() => {
    http.verify();
    document.querySelectorAll('.cdk-overlay-container').forEach((node) => (node.innerHTML = ''));
  });

  it('lists each channel with its status in words and its last problem', async () => {
    await setup(['viewer']);
    const cards = Array.from(el.querySelectorAll('.channel'));
    expect(cards).toHaveLength(3);
    expect(text(cards[0])).toContain('Riverside Family Practice');
    expect(text(cards[0])).toContain('Facebook Page');
    expect(text(cards[0])).toContain('Connected');
    expect(text(cards[1])).toContain('Needs reconnecting');
    expect(text(cards[1])).toContain('X no longer accepts this connection: reconnect the account.');
    expect(text(cards[2])).toContain('Disabled');
    expect(el.querySelector('h1')?.textContent).toContain('Channels');
  });

  it('hides the managing actions without channels.manage', async () => {
    await setup(['viewer']);
    for (const label of ['Connect a channel', 'Reconnect', 'Disable', 'Enable', 'Remove']) {
      expect(button(el, label)).toBeUndefined();
    }
  });

  it('shows the managing actions to administrators', async () => {
    await setup(['admin']);
    expect(button(el, 'Connect a channel')).toBeDefined();
    const cards = el.querySelectorAll('.channel');
    expect(button(cards[0], 'Disable')).toBeDefined();
    expect(button(cards[2], 'Enable')).toBeDefined();
    expect(button(cards[1], 'Remove')).toBeDefined();
  });

  it('asks administrators to connect, and others to ask, when there is no channel', async () => {
    await setup(['viewer'], []);
    expect(Array.from(el.querySelectorAll('h1')).map(text)).toEqual(['Channels']);
    const emptyState = el.querySelector('cc-empty-state section');
    expect(text(emptyState?.querySelector('h2'))).toBe('No channels connected');
    expect(text(emptyState?.querySelector('p'))).toMatch(/Facebook Pages, its X account and its blog/);
    expect(text(el)).toContain('Ask an administrator to connect');
    expect(button(el, 'Connect a channel')).toBeUndefined();
  });

  it('offers administrators a Connect button in the empty state', async () => {
    await setup(['admin'], []);
    const emptyState = el.querySelector('cc-empty-state');
    expect(button(emptyState ?? el, 'Connect a channel')).toBeDefined();
    expect(text(el)).not.toContain('Ask an administrator');
  });

  const openConnect = async (oauth = false) => {
    button(el, 'Connect a channel')?.click();
    await settle();
    http.expectOne(OPTIONS_URL).flush(options(oauth));
    await settle();
  };

  it('connects a Facebook Page with the user token in credentials and the page in settings', async () => {
    await setup(['admin'], []);
    await openConnect();
    button(el, 'Facebook Page')?.click();
    await settle();
    const secret = el.querySelector<HTMLInputElement>('input[name="userAccessToken"]');
    expect(secret?.type).toBe('password');
    expect(secret?.getAttribute('autocomplete')).toBe('off');
    typeInto(el, 'input[name="userAccessToken"]', 'EAAB-token');
    typeInto(el, 'input[name="pageId"]', ' 1234567890 ');
    el.querySelector<HTMLFormElement>('form')?.dispatchEvent(new Event('submit'));
    await settle();

    const req = http.expectOne({ method: 'POST', url: CHANNELS_URL });
    expect(req.request.body).toEqual({
      kind: 'facebook_page',
      credentials: { userAccessToken: 'EAAB-token' },
      settings: { pageId: '1234567890' },
    });
    req.flush(
      {
        statusCode: 422,
        error: 'channel_refused',
        message: 'This Facebook account does not manage that page.',
        details: [
          {
            field: 'credentials',
            rule: 'refused',
            message: 'This Facebook account does not manage that page.',
          },
        ],
      },
      { status: 422, statusText: 'Unprocessable Entity' },
    );
    await settle();
    expect(text(el.querySelector('cc-form-error'))).toContain(
      'This Facebook account does not manage that page.',
    );
    expect(el.querySelector('cc-form-error')?.getAttribute('aria-live')).toBe('assertive');
    expect(localStorage.getItem('EAAB-token')).toBeNull();
    expect(JSON.stringify({ ...localStorage })).not.toContain('EAAB-token');

    // The corrected form can be sent again.
    typeInto(el, 'input[name="pageId"]', '987');
    el.querySelector<HTMLFormElement>('form')?.dispatchEvent(new Event('submit'));
    await settle();
    http
      .expectOne({ method: 'POST', url: CHANNELS_URL })
      .flush(CHANNELS[0], { status: 201, statusText: 'Created' });
    await settle();
    http.expectOne(CHANNELS_URL).flush(CHANNELS);
    await settle();
    expect(el.querySelector('form')).toBeNull();
  });

  it('connects an X account and a WordPress blog with their own bodies, then refreshes', async () => {
    await setup(['admin'], []);
    await openConnect();
    button(el, 'WordPress blog')?.click();
    await settle();
    typeInto(el, 'input[name="siteUrl"]', 'https://news.riverside.example');
    typeInto(el, 'input[name="username"]', 'carecast');
    typeInto(el, 'input[name="applicationPassword"]', 'abcd efgh');
    el.querySelector<HTMLFormElement>('form')?.dispatchEvent(new Event('submit'));
    await settle();
    const req = http.expectOne({ method: 'POST', url: CHANNELS_URL });
    expect(req.request.body).toEqual({
      kind: 'wordpress_blog',
      credentials: { username: 'carecast', applicationPassword: 'abcd efgh' },
      settings: { siteUrl: 'https://news.riverside.example' },
    });
    req.flush(CHANNELS[2], { status: 201, statusText: 'Created' });
    await settle();
    http.expectOne(CHANNELS_URL).flush([CHANNELS[2]]);
    await settle();
    expect(el.querySelector('form')).toBeNull();
    expect(el.querySelectorAll('.channel')).toHaveLength(1);
    expect(text(document.querySelector('.mat-mdc-snack-bar-container'))).toContain(
      'Connected Riverside news',
    );

    button(el, 'Connect a channel')?.click();
    await settle();
    button(el, 'X account')?.click();
    await settle();
    typeInto(el, 'input[name="accessToken"]', 'x-token');
    el.querySelector<HTMLFormElement>('form')?.dispatchEvent(new Event('submit'));
    await settle();
    const x = http.expectOne({ method: 'POST', url: CHANNELS_URL });
    expect(x.request.body).toEqual({ kind: 'x_account', credentials: { accessToken: 'x-token' } });
    x.flush(
      {
        statusCode: 400,
        error: 'validation_failed',
        message: 'The request is not valid.',
        details: [{ field: 'credentials.accessToken', rule: 'required', message: 'enter the access token' }],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await settle();
    expect(text(el.querySelector('cc-form-error'))).toContain('The request is not valid.');
    expect(text(el.querySelector('mat-error'))).toContain('Enter the access token.');
  });

  it('prefills the settings when reconnecting', async () => {
    await setup(['admin']);
    button(el.querySelectorAll('.channel')[0], 'Reconnect')?.click();
    await settle();
    http.expectOne(OPTIONS_URL).flush(options(false));
    await settle();
    expect(text(el.querySelector('.connect__heading'))).toContain('Reconnect Riverside Family Practice');
    expect(el.querySelector<HTMLInputElement>('input[name="pageId"]')?.value).toBe('1234567890');
    expect(el.querySelector<HTMLInputElement>('input[name="userAccessToken"]')?.value).toBe('');
    expect(document.activeElement).toBe(el.querySelector('.connect__heading'));
  });

  it('asks before removing a channel, and removes it only when confirmed', async () => {
    await setup(['admin']);
    button(el.querySelectorAll('.channel')[1], 'Remove')?.click();
    await settle();
    const dialog = document.querySelector('mat-dialog-container');
    if (!dialog) throw new Error('no confirmation dialog');
    expect(text(dialog)).toContain('Remove @riversidefp');
    expect(text(dialog)).toContain('Scheduled posts to it will not be published.');
    http.expectNone({ method: 'DELETE' });

    button(dialog, 'Remove')?.click();
    await settle();
    http
      .expectOne({ method: 'DELETE', url: `${CHANNELS_URL}/c-2` })
      .flush(null, { status: 204, statusText: 'No Content' });
    await settle();
    expect(el.querySelectorAll('.channel')).toHaveLength(2);
    expect(text(el)).toContain('@riversidefp is removed.');
  });

  it('disables a channel and shows its new status', async () => {
    await setup(['admin']);
    button(el.querySelectorAll('.channel')[0], 'Disable')?.click();
    await settle();
    http
      .expectOne({ method: 'POST', url: `${CHANNELS_URL}/c-1/disable` })
      .flush({ ...CHANNELS[0], status: 'disabled' });
    await settle();
    expect(text(el.querySelectorAll('.channel')[0])).toContain('Disabled');
    expect(button(el.querySelectorAll('.channel')[0], 'Enable')).toBeDefined();
  });

  it("offers the platform's sign-in when it is configured, and sends the browser there", async () => {
    await setup(['admin'], []);
    await openConnect(true);
    button(el, 'X account')?.click();
    await settle();
    expect(el.querySelector('input[name="accessToken"]')).toBeNull();
    button(el, 'Continue to X')?.click();
    await settle();
    http
      .expectOne({ method: 'POST', url: `${CHANNELS_URL}/oauth/x_account/start` })
      .flush({ url: 'https://x.example/i/oauth2/authorize?state=s' });
    await settle();
    expect(navigatedTo).toEqual(['https://x.example/i/oauth2/authorize?state=s']);

    button(el, 'Facebook Page')?.click();
    await settle();
    button(el, 'Paste tokens instead')?.click();
    await settle();
    expect(el.querySelector('input[name="userAccessToken"]')).not.toBeNull();
  });

  it('creates the Carecast blog in one click', async () => {
    await setup(['admin'], []);
    await openConnect();
    button(el, 'Carecast blog')?.click();
    await settle();
    expect(text(el.querySelector('.connect'))).toContain('/blog/riverside/');
    button(el, 'Create the blog')?.click();
    el.querySelector<HTMLFormElement>('form')?.dispatchEvent(new Event('submit'));
    await settle();
    const req = http.expectOne({ method: 'POST', url: CHANNELS_URL });
    expect(req.request.body).toEqual({ kind: 'carecast_blog', credentials: {} });
    const blog = channel({
      id: 'c-9',
      kind: 'carecast_blog',
      displayName: 'Riverside blog',
      externalAccountId: 'riverside',
    });
    req.flush(blog, { status: 201, statusText: 'Created' });
    await settle();
    http.expectOne(CHANNELS_URL).flush([blog]);
    await settle();
    const link = el.querySelector<HTMLAnchorElement>('.channel a');
    expect(link?.getAttribute('href')).toBe('/blog/riverside/');
    expect(text(link)).toBe('View the blog');
  });

  it('after signing in with Facebook, offers the pages and connects the chosen ones', async () => {
    await setup(['admin'], [], { choose: 'choice-1' });
    http.expectOne(`${CHANNELS_URL}/oauth-choices/choice-1`).flush({
      kind: 'facebook_page',
      choices: [
        {
          id: 'p1',
          name: 'Riverside Pediatrics',
          unavailableReason: null,
          sharedWithAnotherOrganisation: false,
        },
        {
          id: 'p2',
          name: 'Riverside Foundation',
          unavailableReason: 'Your role on this page does not allow creating posts (CREATE_CONTENT).',
          sharedWithAnotherOrganisation: false,
        },
      ],
    });
    await settle();
    const section = el.querySelector('[aria-labelledby="choice-heading"]');
    expect(text(section?.querySelector('h2'))).toBe('Choose the Pages to connect');
    const boxes = Array.from(section?.querySelectorAll<HTMLInputElement>('input[type="checkbox"]') ?? []);
    expect(boxes.map((b) => [b.checked, b.disabled])).toEqual([
      [true, false],
      [false, true],
    ]);
    expect(text(section)).toContain('does not allow creating posts');
    button(el, 'Connect selected')?.click();
    await settle();
    const req = http.expectOne({ method: 'POST', url: `${CHANNELS_URL}/oauth-choices/choice-1` });
    expect(req.request.body).toEqual({ ids: ['p1'] });
    req.flush({ connected: [channel({ displayName: 'Riverside Pediatrics' })], refused: [] });
    await settle();
    http.expectOne(CHANNELS_URL).flush([channel({ displayName: 'Riverside Pediatrics' })]);
    await settle();
    expect(el.querySelector('[aria-labelledby="choice-heading"]')).toBeNull();
    expect(text(el)).toContain('Connected Riverside Pediatrics.');
  });

  it('warns when another organisation has the account, and connects it only after the person confirms', async () => {
    const WARNING =
      'This X account is already connected to another organisation in Carecast. Connect it here as well only if both really publish to it: posting to the wrong practice is a real risk. Confirm to connect it anyway.';
    const conflict = { statusCode: 409, error: 'conflict', message: WARNING, requestId: 'r1' };
    await setup(['admin'], []);
    await openConnect();
    button(el, 'X account')?.click();
    await settle();
    typeInto(el, 'input[name="accessToken"]', 'x-token');
    const submit = async () => {
      el.querySelector<HTMLFormElement>('form')?.dispatchEvent(new Event('submit'));
      await settle();
    };
    const closeDialogWith = async (label: string) => {
      const dialog = document.querySelector('mat-dialog-container');
      if (!dialog) throw new Error('no confirmation dialog');
      expect(text(dialog)).toContain(WARNING);
      const labels = Array.from(dialog.querySelectorAll('button')).map((b) => text(b));
      expect(labels).toEqual(['Cancel', 'Connect anyway']);
      button(dialog, label)?.click();
      await settle();
    };

    // Cancelled: nothing more is sent, and the form stays as typed.
    await submit();
    http
      .expectOne({ method: 'POST', url: CHANNELS_URL })
      .flush(conflict, { status: 409, statusText: 'Conflict' });
    await settle();
    await closeDialogWith('Cancel');
    http.expectNone({ method: 'POST', url: CHANNELS_URL });
    expect(el.querySelector<HTMLInputElement>('input[name="accessToken"]')?.value).toBe('x-token');

    // Confirmed: sent again with the confirmation.
    await submit();
    http
      .expectOne({ method: 'POST', url: CHANNELS_URL })
      .flush(conflict, { status: 409, statusText: 'Conflict' });
    await settle();
    await closeDialogWith('Connect anyway');
    const again = http.expectOne({ method: 'POST', url: CHANNELS_URL });
    expect(again.request.body).toEqual({
      kind: 'x_account',
      credentials: { accessToken: 'x-token' },
      confirmSharedAccount: true,
    });
    again.flush(CHANNELS[1], { status: 201, statusText: 'Created' });
    await settle();
    http.expectOne(CHANNELS_URL).flush([CHANNELS[1]]);
    await settle();
    expect(el.querySelector('form')).toBeNull();
  });

  it('marks a Page another organisation has connected in the choice, and asks before connecting it', async () => {
    await setup(['admin'], [], { choose: 'choice-2' });
    http.expectOne(`${CHANNELS_URL}/oauth-choices/choice-2`).flush({
      kind: 'facebook_page',
      choices: [
        { id: 'p1', name: 'Shared Pediatrics', unavailableReason: null, sharedWithAnotherOrganisation: true },
      ],
    });
    await settle();
    const section = el.querySelector('[aria-labelledby="choice-heading"]');
    expect(text(section)).toContain('Already connected to another organisation in Carecast');
    button(el, 'Connect selected')?.click();
    await settle();
    http.expectNone({ method: 'POST', url: `${CHANNELS_URL}/oauth-choices/choice-2` });
    const dialog = document.querySelector('mat-dialog-container');
    if (!dialog) throw new Error('no confirmation dialog');
    expect(text(dialog)).toContain('Connect Shared Pediatrics here as well?');
    expect(text(dialog)).toContain('posting to the wrong practice is a real risk');
    button(dialog, 'Connect anyway')?.click();
    await settle();
    const req = http.expectOne({ method: 'POST', url: `${CHANNELS_URL}/oauth-choices/choice-2` });
    expect(req.request.body).toEqual({ ids: ['p1'], confirmSharedAccount: true });
    req.flush({ connected: [channel({ displayName: 'Shared Pediatrics' })], refused: [] });
    await settle();
    http.expectOne(CHANNELS_URL).flush([channel({ displayName: 'Shared Pediatrics' })]);
    await settle();
    expect(text(el)).toContain('Connected Shared Pediatrics.');
  });

  it('asks again when an account became connected elsewhere after it was offered', async () => {
    await setup(['admin'], [], { choose: 'choice-3' });
    const offered = { id: 'p1', name: 'Lakeside Pediatrics', unavailableReason: null };
    http.expectOne(`${CHANNELS_URL}/oauth-choices/choice-3`).flush({
      kind: 'facebook_page',
      choices: [{ ...offered, sharedWithAnotherOrganisation: false }],
    });
    await settle();
    button(el, 'Connect selected')?.click();
    await settle();
    http
      .expectOne({ method: 'POST', url: `${CHANNELS_URL}/oauth-choices/choice-3` })
      .flush(
        { statusCode: 409, error: 'conflict', message: 'Already connected elsewhere.', requestId: 'r' },
        { status: 409, statusText: 'Conflict' },
      );
    await settle();
    http.expectOne({ method: 'GET', url: `${CHANNELS_URL}/oauth-choices/choice-3` }).flush({
      kind: 'facebook_page',
      choices: [{ ...offered, sharedWithAnotherOrganisation: true }],
    });
    await settle();
    const dialog = document.querySelector('mat-dialog-container');
    if (!dialog) throw new Error('no confirmation dialog');
    expect(text(dialog)).toContain('Connect Lakeside Pediatrics here as well?');
    button(dialog, 'Connect anyway')?.click();
    await settle();
    const req = http.expectOne({ method: 'POST', url: `${CHANNELS_URL}/oauth-choices/choice-3` });
    expect(req.request.body).toEqual({ ids: ['p1'], confirmSharedAccount: true });
    req.flush({ connected: [channel({ displayName: 'Lakeside Pediatrics' })], refused: [] });
    await settle();
    http.expectOne(CHANNELS_URL).flush([channel({ displayName: 'Lakeside Pediatrics' })]);
    await settle();
    expect(text(el)).toContain('Connected Lakeside Pediatrics.');
  });

  it("says why a platform's sign-in did not connect anything", async () => {
    await setup(['admin'], [], {
      error: 'The sign-in with X account was cancelled, so nothing was connected.',
    });
    expect(text(el.querySelector('cc-notice'))).toContain('was cancelled, so nothing was connected');
  });

  it('connects X with OAuth 1.0a tokens when that is what the person has', async () => {
    await setup(['admin'], []);
    await openConnect();
    button(el, 'X account')?.click();
    await settle();
    expect(el.querySelector('input[name="accessToken"]')).not.toBeNull();
    const radio = Array.from(el.querySelectorAll<HTMLInputElement>('input[type="radio"]')).find((r) =>
      text(r.closest('mat-radio-button')).includes('OAuth 1.0a'),
    );
    radio?.click();
    await settle();
    expect(el.querySelector('input[name="accessToken"]')).toBeNull();
    const checked = el.querySelector<HTMLInputElement>('input[type="radio"]:checked');
    expect(text(checked?.closest('mat-radio-button'))).toContain('OAuth 1.0a');
    typeInto(el, 'input[name="oauth1Token"]', '123-abc');
    typeInto(el, 'input[name="oauth1Secret"]', 'shh');
    el.querySelector<HTMLFormElement>('form')?.dispatchEvent(new Event('submit'));
    await settle();
    const req = http.expectOne({ method: 'POST', url: CHANNELS_URL });
    expect(req.request.body).toEqual({
      kind: 'x_account',
      credentials: { oauth1Token: '123-abc', oauth1Secret: 'shh' },
    });
    req.flush(channel({ kind: 'x_account', displayName: '@lakeside' }), {
      status: 201,
      statusText: 'Created',
    });
    await settle();
    http.expectOne(CHANNELS_URL).flush([]);
    await settle();
  });
});
