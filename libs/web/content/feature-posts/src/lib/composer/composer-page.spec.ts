import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { ChannelSummary, PostDetail, Role } from '@carecast/shared/contracts';
import { CHANNELS_URL } from '@carecast/web/channels/data-access';
import {
  AUTOSAVE_DELAY_MS,
  CONTENT_SETTINGS_URL,
  POSTS_URL,
  TEMPLATES_URL,
} from '@carecast/web/content/data-access';
import {
  aContentSettings,
  aPostDetail,
  BLOG_CHANNEL,
  TEMPLATES,
  X_CHANNEL,
} from '@carecast/web/content/data-access/testing';
import { AuthStore, DRAFT_SAVE_DELAY_MS, DraftKeeper } from '@carecast/web/core';
import { aMe } from '@carecast/web/core/testing';
import { COMPOSER_DRAFT, ComposerPage, LIVE_CHECK_DELAY_MS } from './composer-page';

@Component({ template: '<p>Sign in</p>', changeDetection: ChangeDetectionStrategy.OnPush })
class SignInStandIn {}

/** A draft of the composer as the browser kept it: its text, on the revision it changed. */
interface KeptComposerDraft {
  route: string;
  basedOn: number | null;
  value: Record<string, unknown>;
  savedAt?: number;
}

describe('ComposerPage', () => {
  let harness: RouterTestingHarness;
  let http: HttpTestingController;
  let el: HTMLElement;

  const text = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
  const button = (name: string) =>
    Array.from(el.querySelectorAll('button')).find((b) => text(b) === name) as HTMLButtonElement | undefined;
  const wait = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));
  const settle = async (ms = 0) => {
    await wait(ms);
    await harness.fixture.whenStable();
    harness.detectChanges();
  };
  const reviews = () => http.match((r) => r.url.endsWith('/review')).forEach((r) => r.flush(null));

  async function open(
    url: string,
    roles: Role[] = ['marketer'],
    post = aPostDetail(),
    options: { kept?: KeptComposerDraft; channels?: ChannelSummary[] } = {},
  ) {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([
          { path: 'posts/new', component: ComposerPage },
          { path: 'posts/:id/edit', component: ComposerPage },
          { path: 'sign-in', component: SignInStandIn },
        ]),
        { provide: AUTOSAVE_DELAY_MS, useValue: 20 },
        { provide: DRAFT_SAVE_DELAY_MS, useValue: 5 },
      ],
    });
    TestBed.inject(AuthStore).setMe(aMe(roles));
    if (options.kept) keep(options.kept);
    http = TestBed.inject(HttpTestingController);
    harness = await RouterTestingHarness.create();
    await show(url, post, options.channels);
  }

  /** Opens the composer at `url` in the harness already made, answering what it loads. */
  async function show(url: string, post: PostDetail = aPostDetail(), channels = [X_CHANNEL]) {
    const navigation = harness.navigateByUrl(url);
    await wait();
    http.expectOne(CHANNELS_URL).flush(channels);
    http.expectOne(CONTENT_SETTINGS_URL).flush(aContentSettings());
    http.expectOne(TEMPLATES_URL).flush(TEMPLATES);
    await wait();
    if (url.includes('/edit')) http.expectOne(`${POSTS_URL}/${post.id}`).flush(post);
    await navigation;
    await settle(LIVE_CHECK_DELAY_MS);
    reviews();
    el = harness.routeNativeElement as HTMLElement;
  }

  /** Writes a draft in the browser's storage as the composer keeps it. */
  function keep(draft: KeptComposerDraft) {
    localStorage.setItem(
      TestBed.inject(DraftKeeper).keyFor(COMPOSER_DRAFT, draft.route),
      JSON.stringify({ savedAt: draft.savedAt ?? Date.now(), basedOn: draft.basedOn, value: draft.value }),
    );
  }

  function kept(route: string): { basedOn: unknown; value: Record<string, unknown> } | null {
    const raw = localStorage.getItem(TestBed.inject(DraftKeeper).keyFor(COMPOSER_DRAFT, route));
    return raw ? JSON.parse(raw) : null;
  }

  function type(selector: string, value: string) {
    const area = el.querySelector<HTMLTextAreaElement>(selector);
    if (!area) throw new Error(`nothing at ${selector}`);
    area.value = value;
    area.dispatchEvent(new Event('input'));
  }

  function check(name: RegExp) {
    const box = Array.from(el.querySelectorAll<HTMLInputElement>('input[type=checkbox]')).find((input) =>
      name.test(text(input.closest('mat-checkbox'))),
    );
    if (!box) throw new Error(`no checkbox ${name}`);
    box.click();
  }

  afterEach(() => localStorage.clear());

  it('marks the words a check finds, says why and how to fix them, and keeps submission closed with the reason', async () => {
    await open('/posts/new');
    check(/Riverside on X/);
    type('#composer-text', 'Jane Doe, SSN 123-45-6789, is doing well after her surgery.');
    await settle(LIVE_CHECK_DELAY_MS + 10);

    const blocking = Array.from(el.querySelectorAll('li.finding--block'));
    const ssn = blocking.find((li) => text(li).includes('123-45-6789'));
    expect(ssn).toBeDefined();
    expect(text(ssn?.querySelector('.finding__severity'))).toBe('Must fix');
    expect(text(ssn?.querySelector('.finding__suggestion'))).toMatch(/^How to fix: /);
    const marks = Array.from(el.querySelectorAll('cc-checked-text mark.ct__mark--block')).map(text);
    expect(marks).toContain('123-45-6789');

    const submit = button('Submit for review');
    expect(submit?.disabled).toBe(true);
    expect(text(el.querySelector('#submit-reason'))).toMatch(/must be fixed first/);
    expect(submit?.getAttribute('aria-describedby')).toBe('submit-reason');

    // The first pause in typing created the draft.
    await wait(30);
    http.expectOne({ method: 'POST', url: POSTS_URL }).flush(aPostDetail({ id: 'p-new' }));
    await settle();
    reviews();
  });

  it('opens submission once the blocking words are gone, and sends the post for review', async () => {
    await open('/posts/p-1/edit', ['marketer'], aPostDetail({ variants: [] }));
    expect(button('Submit for review')?.disabled).toBe(true);
    expect(text(el.querySelector('#submit-reason'))).toBe('Choose at least one channel.');

    check(/Riverside on X/);
    type('#composer-text', 'Flu shots are here! Walk in any weekday. #FluSeason');
    await settle(LIVE_CHECK_DELAY_MS + 10);
    expect(el.querySelectorAll('li.finding--block')).toHaveLength(0);
    expect(text(el.querySelector('#composer-text-count'))).toMatch(/X counts \d+ of 280/);
    // The pause in typing saved the changes.
    const autosave = http.expectOne({ method: 'PATCH', url: `${POSTS_URL}/p-1` });
    expect(autosave.request.body).toMatchObject({
      revision: 1,
      variants: [{ channelId: 'c-x', text: null }],
    });
    autosave.flush(aPostDetail({ revision: 2 }));
    await settle();
    reviews();
    expect(text(el.querySelector('.composer__status'))).toMatch(/Draft · Saved at \d+:\d\d:\d\d [AP]M\./);

    const submit = button('Submit for review');
    expect(submit?.disabled).toBe(false);
    submit?.click();
    await wait(30);
    http.expectOne((r) => r.method === 'PATCH' && r.body.revision === 2).flush(aPostDetail({ revision: 3 }));
    await wait();
    reviews();
    http
      .expectOne({ method: 'POST', url: `${POSTS_URL}/p-1/submit` })
      .flush({ postId: 'p-1', from: 'draft', state: 'in_review', approvals: 0, requiredApprovals: 1 });
    await wait();
    http.expectOne(`${POSTS_URL}/p-1`).flush(aPostDetail({ revision: 3, state: 'in_review' }));
    await settle();
    reviews();
    expect(text(el.querySelector('.composer__submitted'))).toContain('Sent for review');
  });

  it('says plainly when someone else saved meanwhile, and reloads their version on request', async () => {
    await open('/posts/p-1/edit');
    type('#composer-text', 'My change');
    await settle(40);
    http.expectOne({ method: 'PATCH', url: `${POSTS_URL}/p-1` }).flush(
      {
        statusCode: 409,
        error: 'conflict',
        message: 'Marcus Lee saved this post (revision 2) while you were editing revision 1.',
        requestId: 'r',
      },
      { status: 409, statusText: 'Conflict' },
    );
    await settle();
    const conflict = el.querySelector('.composer__conflict');
    expect(text(conflict)).toContain('Your latest changes were not saved.');
    expect(text(conflict)).toContain('Marcus Lee saved this post');
    expect(button('Submit for review')?.disabled).toBe(true);

    button('Reload the post')?.click();
    await wait();
    http.expectOne(`${POSTS_URL}/p-1`).flush(aPostDetail({ revision: 2, text: 'Their change' }));
    await settle();
    reviews();
    expect(el.querySelector('.composer__conflict')).toBeNull();
    expect(el.querySelector<HTMLTextAreaElement>('#composer-text')?.value).toBe('Their change');
  });

  it('warns before an approved post is edited: it goes back to draft and needs approval again', async () => {
    await open('/posts/p-1/edit', ['marketer'], aPostDetail({ state: 'approved' }));
    expect(text(el.querySelector('.composer__locked'))).toContain(
      'goes back to draft and needs approval again',
    );
    expect(el.querySelector<HTMLTextAreaElement>('#composer-text')?.disabled).toBe(true);
    button('Edit anyway')?.click();
    await settle();
    expect(el.querySelector<HTMLTextAreaElement>('#composer-text')?.disabled).toBe(false);
  });

  it('lets a role without content.write read but not change or send', async () => {
    await open('/posts/p-1/edit', ['reviewer']);
    expect(el.querySelector<HTMLTextAreaElement>('#composer-text')?.disabled).toBe(true);
    expect(button('Save now')).toBeUndefined();
    expect(text(el.querySelector('#submit-reason'))).toBe(
      'Your role can read posts but not send them for review.',
    );
  });

  describe('changes kept in the browser', () => {
    const area = (id: string) => el.querySelector<HTMLTextAreaElement>(id);

    it('puts back changes kept on the revision the server still has, and saves them at once', async () => {
      await open('/posts/p-1/edit', ['marketer'], aPostDetail({ revision: 3 }), {
        kept: { route: '/posts/p-1/edit', basedOn: 3, value: { text: 'My kept words' } },
      });
      expect(area('#composer-text')?.value).toBe('My kept words');
      expect(text(el.querySelector('.composer__restored'))).toContain('They are being saved now');
      expect(el.querySelector('.composer__newer')).toBeNull();

      await wait(30);
      const save = http.expectOne({ method: 'PATCH', url: `${POSTS_URL}/p-1` });
      expect(save.request.body).toMatchObject({ revision: 3, text: 'My kept words' });
      save.flush(aPostDetail({ revision: 4, text: 'My kept words' }));
      await settle();
      reviews();
      expect(kept('/posts/p-1/edit')).toBeNull();
    });

    it('does not put changes kept on an older revision over a newer one: it asks, and saves nothing meanwhile', async () => {
      const newer = aPostDetail({
        revision: 5,
        text: 'Their newer words',
        lastEditedBy: { id: 'u-2', name: 'Marcus Lee' },
      });
      await open('/posts/p-1/edit', ['marketer'], newer, {
        kept: { route: '/posts/p-1/edit', basedOn: 3, value: { text: 'My kept words' } },
      });
      const notice = el.querySelector('.composer__newer');
      expect(notice?.getAttribute('role')).toBe('alert');
      expect(text(notice)).toContain('Marcus Lee saved version 5 of this post');
      expect(text(notice)).toContain('Your unsaved changes were made on version 3');
      expect(text(notice)).toContain('replace the newer version');
      expect(el.querySelector('.composer__restored')).toBeNull();
      // The newer version is shown, read-only, and nothing is saved until the person chooses.
      expect(area('#composer-text')?.value).toBe('Their newer words');
      expect(area('#composer-text')?.disabled).toBe(true);
      expect(button('Save now')).toBeUndefined();
      expect(text(el.querySelector('#submit-reason'))).toBe(
        'First choose what to do with your unsaved changes.',
      );
      await wait(40);
      http.expectNone({ method: 'PATCH', url: `${POSTS_URL}/p-1` });
      expect(kept('/posts/p-1/edit')?.value).toEqual({ text: 'My kept words' });

      // The dismissing choice comes first.
      const choices = Array.from(notice?.querySelectorAll('button') ?? []).map(text);
      expect(choices).toEqual(['Discard them', 'Use my unsaved changes']);
      button('Use my unsaved changes')?.click();
      await settle(30);
      expect(el.querySelector('.composer__newer')).toBeNull();
      expect(area('#composer-text')?.value).toBe('My kept words');
      expect(area('#composer-text')?.disabled).toBe(false);
      // Saved on the newer revision, replacing it, because the person chose so.
      const save = http.expectOne({ method: 'PATCH', url: `${POSTS_URL}/p-1` });
      expect(save.request.body).toMatchObject({ revision: 5, text: 'My kept words' });
      save.flush(aPostDetail({ revision: 6, text: 'My kept words' }));
      await settle();
      reviews();
    });

    it('forgets the kept changes when the person discards them, and carries on from the newer version', async () => {
      await open('/posts/p-1/edit', ['marketer'], aPostDetail({ revision: 5, text: 'Their newer words' }), {
        kept: { route: '/posts/p-1/edit', basedOn: 3, value: { text: 'My kept words' } },
      });
      button('Discard them')?.click();
      await settle(40);
      http.expectNone({ method: 'PATCH', url: `${POSTS_URL}/p-1` });
      expect(el.querySelector('.composer__newer')).toBeNull();
      expect(kept('/posts/p-1/edit')).toBeNull();
      expect(area('#composer-text')?.value).toBe('Their newer words');
      expect(area('#composer-text')?.disabled).toBe(false);
    });

    it('asks too about changes kept before the revision was recorded with them', async () => {
      await open('/posts/p-1/edit', ['marketer'], aPostDetail({ revision: 2 }), {
        kept: { route: '/posts/p-1/edit', basedOn: null, value: { text: 'Kept long ago' } },
      });
      expect(el.querySelector('.composer__newer')).not.toBeNull();
      expect(text(el.querySelector('.composer__newer'))).not.toContain('made on version');
    });

    it("keeps a new post's text through an expired session before its first save, and saves it after signing in again", async () => {
      await open('/posts/new');
      type('#composer-text', 'Clinic closed Monday for the snow.');
      await wait(30);
      // The first save meets the expired session; the person is sent to sign in.
      http
        .expectOne({ method: 'POST', url: POSTS_URL })
        .flush(
          { statusCode: 401, error: 'session_expired', message: 'Your session ended.', requestId: 'r' },
          { status: 401, statusText: 'Unauthorized' },
        );
      await settle();
      const auth = TestBed.inject(AuthStore);
      auth.clear('Your session ended.');
      await harness.navigateByUrl('/sign-in');

      // Signed in again, back where they were: the text is there and becomes the post.
      auth.setMe(aMe(['marketer']));
      expect(kept('/posts/new')?.value['text']).toBe('Clinic closed Monday for the snow.');
      await show('/posts/new');
      expect(area('#composer-text')?.value).toBe('Clinic closed Monday for the snow.');
      await wait(30);
      const create = http.expectOne({ method: 'POST', url: POSTS_URL });
      expect(create.request.body).toMatchObject({ text: 'Clinic closed Monday for the snow.' });
      create.flush(aPostDetail({ id: 'p-new', text: 'Clinic closed Monday for the snow.' }));
      await settle();
      reviews();
      expect(kept('/posts/new')).toBeNull();
    });

    it('keeps what is typed while the first save is on its way under the new address at once', async () => {
      await open('/posts/new');
      type('#composer-text', 'Flu shots');
      await wait(30);
      const create = http.expectOne({ method: 'POST', url: POSTS_URL });
      type('#composer-text', 'Flu shots are here');
      create.flush(aPostDetail({ id: 'p-new', revision: 1, text: 'Flu shots' }));
      await settle();
      reviews();
      expect(kept('/posts/p-new/edit')).toMatchObject({ basedOn: 1, value: { text: 'Flu shots are here' } });
      await wait(30);
      http
        .expectOne({ method: 'PATCH', url: `${POSTS_URL}/p-new` })
        .flush(aPostDetail({ id: 'p-new', revision: 2 }));
      await settle();
      reviews();
    });
  });

  it('offers the Spanish article of an alert going to a blog: title, body with the same toolbar, and its preview', async () => {
    const alert = aPostDetail({
      kind: 'health_alert',
      urgency: 'urgent',
      text: 'Closed today because of the snow.',
      spanish: { text: 'Cerrado hoy por la nieve.', title: null, body: null },
      variants: [
        {
          channelId: BLOG_CHANNEL.id,
          channelKind: BLOG_CHANNEL.kind,
          channelName: BLOG_CHANNEL.displayName,
          text: null,
          title: 'Closed today',
          body: null,
        },
      ],
    });
    await open('/posts/p-1/edit', ['marketer'], alert, { channels: [X_CHANNEL, BLOG_CHANNEL] });
    const tabs = Array.from(el.querySelectorAll('[role="tab"]'));
    const spanishTab = tabs.find((t) => text(t) === 'Spanish') as HTMLElement | undefined;
    expect(spanishTab).toBeDefined();
    spanishTab?.click();
    await settle();

    const title = el.querySelector<HTMLInputElement>('#composer-spanish-title');
    expect(title?.getAttribute('lang')).toBe('es');
    expect(el.querySelector('label[for="composer-spanish-body"]')?.textContent?.trim()).toBe(
      'Spanish article body',
    );
    const toolbar = el.querySelector('[role="toolbar"][aria-controls="composer-spanish-body"]');
    expect(toolbar?.getAttribute('aria-label')).toBe('Format the Spanish article body');
    expect(Array.from(toolbar?.querySelectorAll('button') ?? []).map(text)).toEqual([
      'Bold',
      'Italic',
      'Heading',
      'Paragraph',
      'Bulleted list',
      'Link',
    ]);

    if (!title) throw new Error('no Spanish title');
    title.value = 'Cerrado por la nieve';
    title.dispatchEvent(new Event('input'));
    type('#composer-spanish-body', 'Llame al 911.');
    const body = el.querySelector<HTMLTextAreaElement>('#composer-spanish-body');
    body?.setSelectionRange(0, 8);
    (
      Array.from(toolbar?.querySelectorAll('button') ?? []).find(
        (b) => text(b) === 'Bold',
      ) as HTMLButtonElement
    ).click();
    await settle(LIVE_CHECK_DELAY_MS + 10);

    const preview = el.querySelector('figure[aria-label="Preview on Riverside blog in Spanish"]');
    expect(text(preview?.querySelector('.blog__title'))).toBe('Cerrado por la nieve');
    expect(preview?.querySelector('.blog__body strong')?.textContent).toBe('Llame al');
    expect(preview?.querySelector('.blog__body')?.getAttribute('lang')).toBe('es');

    const save = http.expectOne({ method: 'PATCH', url: `${POSTS_URL}/p-1` });
    expect(save.request.body.spanish).toEqual({
      text: 'Cerrado hoy por la nieve.',
      title: 'Cerrado por la nieve',
      body: '<strong>Llame al</strong> 911.',
    });
    save.flush(aPostDetail({ ...alert, revision: 2 }));
    await settle();
    reviews();
  });

  it('shows no Spanish article without a blog channel', async () => {
    await open(
      '/posts/p-1/edit',
      ['marketer'],
      aPostDetail({
        kind: 'health_alert',
        urgency: 'urgent',
        spanish: { text: 'Cerrado.', title: null, body: null },
      }),
    );
    const spanishTab = Array.from(el.querySelectorAll('[role="tab"]')).find((t) => text(t) === 'Spanish') as
      HTMLElement | undefined;
    spanishTab?.click();
    await settle();
    expect(el.querySelector('#composer-spanish-text')).not.toBeNull();
    expect(el.querySelector('#composer-spanish-title')).toBeNull();
    expect(el.querySelector('#composer-spanish-body')).toBeNull();
  });
});
