import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type {
  ChannelConnectOption,
  ChannelSummary,
  PendingAccountChoice,
  Role,
} from '@carecast/shared/contracts';
import { AuthStore } from '@carecast/web/core';
import { aMe } from '@carecast/web/core/testing';
import { EXTERNAL_NAVIGATION } from '@carecast/web/shared/util';
import { CHANNELS_URL } from './channels.service';
import { ChannelsStore, type ConfirmSharedAccount } from './channels.store';

const channel = (over: Partial<ChannelSummary> = {}): ChannelSummary => ({
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
const FACEBOOK = channel();
const X = channel({ id: 'c-2', kind: 'x_account', displayName: '@riversidefp', externalAccountId: '42' });

const OPTIONS_URL = `${CHANNELS_URL}/connect-options`;
const options = (oauth: boolean): ChannelConnectOption[] => [
  { kind: 'carecast_blog', label: 'Carecast blog', oauth: false },
  { kind: 'facebook_page', label: 'Facebook Page', oauth },
  { kind: 'x_account', label: 'X account', oauth },
  { kind: 'wordpress_blog', label: 'WordPress blog', oauth: false },
];
const apiError = (status: number, message: string, details?: unknown[]) => ({
  statusCode: status,
  error: 'error',
  message,
  requestId: 'r-1',
  ...(details ? { details } : {}),
});
const flushAll = () => new Promise((resolve) => setTimeout(resolve));

describe('ChannelsStore', () => {
  let store: ChannelsStore;
  let http: HttpTestingController;
  let navigatedTo: string[];
  const never: ConfirmSharedAccount = () => Promise.reject(new Error('no question expected'));

  function setup(roles: Role[] = ['admin']): void {
    navigatedTo = [];
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        ChannelsStore,
        { provide: EXTERNAL_NAVIGATION, useValue: (url: string) => navigatedTo.push(url) },
      ],
    });
    TestBed.inject(AuthStore).setMe(aMe(roles));
    store = TestBed.inject(ChannelsStore);
    http = TestBed.inject(HttpTestingController);
  }

  /** Loads the list with these channels. */
  async function loaded(channels: ChannelSummary[] = [FACEBOOK, X]): Promise<void> {
    const done = store.load();
    http.expectOne(CHANNELS_URL).flush(channels);
    await done;
  }

  /** Opens the connect form for a kind, the platform's sign-in offered or not. */
  async function choosing(kind: 'x_account' | 'facebook_page' | 'wordpress_blog', oauth = false) {
    store.openConnect();
    http.expectOne(OPTIONS_URL).flush(options(oauth));
    await flushAll();
    store.chooseKind(kind);
  }

  afterEach(() => http.verify());

  describe('the list', () => {
    beforeEach(() => setup());

    it('is loading, then ready with the channels', async () => {
      expect(store.list()).toEqual({ state: 'loading' });
      expect(store.channels()).toBeNull();
      await loaded();
      expect(store.list()).toEqual({ state: 'ready', channels: [FACEBOOK, X] });
      expect(store.channels()).toEqual([FACEBOOK, X]);
    });

    it('says why it could not be loaded, and loads again when asked', async () => {
      const first = store.load();
      http.expectOne(CHANNELS_URL).flush(apiError(503, 'The database is not answering.'), {
        status: 503,
        statusText: 'Service Unavailable',
      });
      await first;
      expect(store.list()).toEqual({
        state: 'failed',
        message:
          'The Carecast API could not answer: The database is not answering. If this keeps happening, quote request r-1 to support.',
      });
      expect(store.channels()).toBeNull();

      const again = store.load();
      expect(store.list()).toEqual({ state: 'loading' });
      http.expectOne(CHANNELS_URL).flush([FACEBOOK]);
      await again;
      expect(store.channels()).toEqual([FACEBOOK]);
    });

    it('keeps the list on screen while it is loaded again', async () => {
      await loaded();
      const again = store.load();
      expect(store.channels()).toEqual([FACEBOOK, X]);
      http.expectOne(CHANNELS_URL).flush([X]);
      await again;
      expect(store.channels()).toEqual([X]);
    });
  });

  describe('managing channels', () => {
    beforeEach(() => setup());

    it('offers management only to roles with channels.manage', () => {
      expect(store.canManage()).toBe(true);
      TestBed.inject(AuthStore).setMe(aMe(['marketer']));
      expect(store.canManage()).toBe(false);
    });

    it('disables a channel: busy meanwhile, then its new status and a message', async () => {
      await loaded();
      const done = store.disable(FACEBOOK);
      expect(store.busyId()).toBe('c-1');
      http
        .expectOne({ method: 'POST', url: `${CHANNELS_URL}/c-1/disable` })
        .flush({ ...FACEBOOK, status: 'disabled' });
      await done;
      expect(store.busyId()).toBeNull();
      expect(store.channels()?.map((c) => c.status)).toEqual(['disabled', 'connected']);
      expect(store.message()).toEqual({ tone: 'success', text: 'Riverside Family Practice is disabled.' });
    });

    it('says why enabling failed and leaves the channel as it was', async () => {
      await loaded([{ ...FACEBOOK, status: 'disabled' }]);
      const done = store.enable(FACEBOOK);
      http
        .expectOne({ method: 'POST', url: `${CHANNELS_URL}/c-1/enable` })
        .flush(apiError(403, 'Your role does not allow this.'), { status: 403, statusText: 'Forbidden' });
      await done;
      expect(store.channels()?.[0].status).toBe('disabled');
      expect(store.message()).toEqual({ tone: 'error', text: 'Your role does not allow this.' });
      expect(store.busyId()).toBeNull();
    });

    it('removes a channel from the list once the API removed it', async () => {
      await loaded();
      const done = store.remove(X);
      http
        .expectOne({ method: 'DELETE', url: `${CHANNELS_URL}/c-2` })
        .flush(null, { status: 204, statusText: 'No Content' });
      await done;
      expect(store.channels()).toEqual([FACEBOOK]);
      expect(store.message()).toEqual({ tone: 'success', text: '@riversidefp is removed.' });
    });
  });

  describe('connecting', () => {
    beforeEach(() => setup());

    it('opens on the choice of kind, asking the API how each kind connects only once', async () => {
      store.openConnect();
      expect(store.connect()).toEqual({ step: 'choose-kind' });
      expect(store.connectOpen()).toBe(true);
      http.expectOne(OPTIONS_URL).flush(options(false));
      await flushAll();
      store.cancelConnect();
      store.openConnect();
      http.expectNone(OPTIONS_URL);
      expect(store.form()).toBeNull();
    });

    it('still offers pasting credentials when the options cannot be read', async () => {
      store.openConnect();
      http.expectOne(OPTIONS_URL).flush(null, { status: 500, statusText: 'Server Error' });
      await flushAll();
      store.chooseKind('x_account');
      expect(store.oauthOffered()).toBe(false);
      expect(store.fields().map((f) => f.name)).toEqual(['accessToken']);
    });

    it("offers the platform's sign-in, or pasting tokens in its chosen way", async () => {
      await choosing('x_account', true);
      expect(store.signInWithPlatform()).toBe(true);
      store.pasteTokensInstead();
      expect(store.signInWithPlatform()).toBe(false);
      store.chooseVariant('oauth1');
      // Choosing how to paste does not bring the sign-in back.
      expect(store.signInWithPlatform()).toBe(false);
      expect(store.variant()).toBe('oauth1');
      expect(store.fields().map((f) => f.name)).toEqual(['oauth1Token', 'oauth1Secret']);
      expect(Object.keys(store.form()?.controls.credentials.controls ?? {})).toEqual([
        'oauth1Token',
        'oauth1Secret',
      ]);
    });

    it("sends the browser to the platform's sign-in page", async () => {
      await choosing('facebook_page', true);
      const done = store.startOAuth();
      http
        .expectOne({ method: 'POST', url: `${CHANNELS_URL}/oauth/facebook_page/start` })
        .flush({ url: 'https://facebook.example/dialog/oauth?state=s' });
      await done;
      expect(navigatedTo).toEqual(['https://facebook.example/dialog/oauth?state=s']);
      expect(store.redirecting()).toBe(true);
    });

    it('prefills the settings of the channel being reconnected, never its credentials', async () => {
      store.reconnect(FACEBOOK);
      http.expectOne(OPTIONS_URL).flush(options(false));
      expect(store.reconnecting()).toBe(FACEBOOK);
      expect(store.form()?.getRawValue()).toEqual({
        credentials: { userAccessToken: '' },
        settings: { pageId: '1234567890' },
      });
    });

    it('sends nothing while the form is incomplete', async () => {
      await choosing('wordpress_blog');
      store.form()?.controls.settings.controls['siteUrl'].setValue('http://not-secure.example');
      expect(await store.submitConnect(never)).toBeNull();
      http.expectNone({ method: 'POST', url: CHANNELS_URL });
      expect(store.form()?.controls.credentials.controls['username'].touched).toBe(true);
    });

    it('connects, closes the form and loads the list again', async () => {
      await loaded([]);
      await choosing('x_account');
      store.form()?.controls.credentials.controls['accessToken'].setValue('x-token');
      const done = store.submitConnect(never);
      const req = http.expectOne({ method: 'POST', url: CHANNELS_URL });
      expect(req.request.body).toEqual({ kind: 'x_account', credentials: { accessToken: 'x-token' } });
      req.flush(X, { status: 201, statusText: 'Created' });
      await flushAll();
      http.expectOne(CHANNELS_URL).flush([X]);
      expect(await done).toEqual(X);
      expect(store.connect()).toEqual({ step: 'closed' });
      expect(store.channels()).toEqual([X]);
    });

    it("puts the API's refusal of a field on that field", async () => {
      await choosing('x_account');
      store.form()?.controls.credentials.controls['accessToken'].setValue('bad');
      const done = store.submitConnect(never);
      http
        .expectOne({ method: 'POST', url: CHANNELS_URL })
        .flush(
          apiError(422, 'Check the access token.', [
            { field: 'credentials.accessToken', rule: 'invalid', message: 'X did not accept this token' },
          ]),
          { status: 422, statusText: 'Unprocessable Entity' },
        );
      expect(await done).toBeNull();
      expect(store.connectError()).toBe('Check the access token.');
      expect(store.form()?.controls.credentials.controls['accessToken'].errors).toEqual({
        server: 'X did not accept this token',
      });
      expect(store.connectOpen()).toBe(true);
    });

    it('connects an account another organisation has only after the person confirms', async () => {
      const conflict = apiError(409, 'This X account is already connected to another organisation.');
      await choosing('x_account');
      store.form()?.controls.credentials.controls['accessToken'].setValue('x-token');
      const asked: string[] = [];

      const declined = store.submitConnect(async (name, text) => {
        asked.push(`${name}: ${text}`);
        return false;
      });
      http
        .expectOne({ method: 'POST', url: CHANNELS_URL })
        .flush(conflict, { status: 409, statusText: 'Conflict' });
      expect(await declined).toBeNull();
      http.expectNone({ method: 'POST', url: CHANNELS_URL });
      expect(asked).toEqual(['X account: This X account is already connected to another organisation.']);
      expect(store.connectError()).toBeNull();
      expect(store.connectOpen()).toBe(true);

      const confirmed = store.submitConnect(async () => true);
      http
        .expectOne({ method: 'POST', url: CHANNELS_URL })
        .flush(conflict, { status: 409, statusText: 'Conflict' });
      await flushAll();
      const again = http.expectOne({ method: 'POST', url: CHANNELS_URL });
      expect(again.request.body).toEqual({
        kind: 'x_account',
        credentials: { accessToken: 'x-token' },
        confirmSharedAccount: true,
      });
      again.flush(X, { status: 201, statusText: 'Created' });
      await flushAll();
      http.expectOne(CHANNELS_URL).flush([X]);
      expect(await confirmed).toEqual(X);
    });
  });

  describe("back from a platform's sign-in", () => {
    const PENDING: PendingAccountChoice = {
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
          unavailableReason: 'No posting role.',
          sharedWithAnotherOrganisation: false,
        },
        { id: 'p3', name: 'Riverside Dental', unavailableReason: null, sharedWithAnotherOrganisation: false },
      ],
    };
    const CHOICE_URL = `${CHANNELS_URL}/oauth-choices/ch-1`;

    async function offered(pending = PENDING): Promise<void> {
      const done = store.arriveFromSignIn({ connected: null, error: null, choose: 'ch-1' });
      http.expectOne(CHOICE_URL).flush(pending);
      await done;
    }

    beforeEach(() => setup());

    it('says what was connected, or why nothing was', async () => {
      await store.arriveFromSignIn({ connected: 'Riverside Pediatrics', error: null, choose: null });
      expect(store.message()).toEqual({ tone: 'success', text: 'Connected Riverside Pediatrics.' });
      await store.arriveFromSignIn({ connected: null, error: 'The sign-in was cancelled.', choose: null });
      expect(store.message()).toEqual({ tone: 'error', text: 'The sign-in was cancelled.' });
    });

    it('offers the accounts granted, those that can be connected already ticked', async () => {
      await offered();
      const choice = store.choice();
      expect(choice.step === 'choosing' && [...choice.chosen]).toEqual(['p1', 'p3']);
      store.toggleChoice('p3', false);
      const after = store.choice();
      expect(after.step === 'choosing' && [...after.chosen]).toEqual(['p1']);
    });

    it('asks for at least one account', async () => {
      await offered();
      store.toggleChoice('p1', false);
      store.toggleChoice('p3', false);
      await store.confirmChoice(never);
      http.expectNone({ method: 'POST', url: CHOICE_URL });
      expect(store.choiceError()).toBe('Choose at least one account to connect.');
    });

    it('connects the chosen accounts and says which the platform refused', async () => {
      await loaded([]);
      await offered();
      const done = store.confirmChoice(never);
      const req = http.expectOne({ method: 'POST', url: CHOICE_URL });
      expect(req.request.body).toEqual({ ids: ['p1', 'p3'] });
      req.flush({
        connected: [channel({ displayName: 'Riverside Pediatrics' })],
        refused: [{ id: 'p3', name: 'Riverside Dental', message: 'The Page is unpublished.' }],
      });
      await flushAll();
      http.expectOne(CHANNELS_URL).flush([channel({ displayName: 'Riverside Pediatrics' })]);
      await done;
      expect(store.choice()).toEqual({ step: 'none' });
      expect(store.message()).toEqual({
        tone: 'warning',
        text: 'Connected Riverside Pediatrics. Riverside Dental: The Page is unpublished.',
      });
    });

    it('says so when the choice has expired', async () => {
      const done = store.arriveFromSignIn({ connected: null, error: null, choose: 'ch-1' });
      http
        .expectOne(CHOICE_URL)
        .flush(apiError(404, 'This choice has expired: sign in with Facebook again.'), {
          status: 404,
          statusText: 'Not Found',
        });
      await done;
      expect(store.choice()).toEqual({ step: 'none' });
      expect(store.message()).toEqual({
        tone: 'error',
        text: 'This choice has expired: sign in with Facebook again.',
      });
    });
  });
});
