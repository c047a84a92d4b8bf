import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { Role } from '@carecast/shared/contracts';
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
  TEMPLATES,
  X_CHANNEL,
} from '@carecast/web/content/data-access/testing';
import { AuthStore, DRAFT_SAVE_DELAY_MS } from '@carecast/web/core';
import { aMe } from '@carecast/web/core/testing';
import { ComposerPage, LIVE_CHECK_DELAY_MS } from './composer-page';

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

  async function open(url: string, roles: Role[] = ['marketer'], post = aPostDetail()) {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([
          { path: 'posts/new', component: ComposerPage },
          { path: 'posts/:id/edit', component: ComposerPage },
        ]),
        { provide: AUTOSAVE_DELAY_MS, useValue: 20 },
        { provide: DRAFT_SAVE_DELAY_MS, useValue: 5 },
      ],
    });
    TestBed.inject(AuthStore).setMe(aMe(roles));
    http = TestBed.inject(HttpTestingController);
    harness = await RouterTestingHarness.create();
    const navigation = harness.navigateByUrl(url);
    await wait();
    http.expectOne(CHANNELS_URL).flush([X_CHANNEL]);
    http.expectOne(CONTENT_SETTINGS_URL).flush(aContentSettings());
    http.expectOne(TEMPLATES_URL).flush(TEMPLATES);
    await wait();
    if (url.includes('/edit')) http.expectOne(`${POSTS_URL}/${post.id}`).flush(post);
    await navigation;
    await settle(LIVE_CHECK_DELAY_MS);
    reviews();
    el = harness.routeNativeElement as HTMLElement;
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
});
