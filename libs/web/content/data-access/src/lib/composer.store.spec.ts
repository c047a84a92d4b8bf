import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { CHANNELS_URL } from '@carecast/web/channels/data-access';
import { aContentSettings, aPostDetail, TEMPLATES, X_CHANNEL } from '../testing/post.fixtures';
import { AUTOSAVE_DELAY_MS, ComposerStore } from './composer.store';
import { CONTENT_SETTINGS_URL, POSTS_URL, TEMPLATES_URL } from './posts.service';

const content = (text: string) => ({
  kind: 'post' as const,
  text,
  variants: [{ channelId: 'c-x', text: null }],
});

describe('ComposerStore', () => {
  let store: ComposerStore;
  let http: HttpTestingController;

  const flushStart = () => {
    http.expectOne(CHANNELS_URL).flush([X_CHANNEL]);
    http.expectOne(CONTENT_SETTINGS_URL).flush(aContentSettings());
    http.expectOne(TEMPLATES_URL).flush(TEMPLATES);
  };
  const flushReview = () => http.match((r) => r.url.endsWith('/review')).forEach((r) => r.flush(null));

  beforeEach(() => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        ComposerStore,
        { provide: AUTOSAVE_DELAY_MS, useValue: 1000 },
      ],
    });
    store = TestBed.inject(ComposerStore);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    http.verify();
    jest.useRealTimers();
  });

  async function started(id: string | null = null) {
    const init = store.init(id);
    flushStart();
    await Promise.resolve();
    await jest.advanceTimersByTimeAsync(0);
    if (id) http.expectOne(`${POSTS_URL}/${id}`).flush(aPostDetail({ id }));
    await init;
    flushReview();
  }

  it('loads the channels, settings and templates, and the post being edited', async () => {
    await started('p-1');
    expect(store.load()).toEqual({ state: 'ready' });
    expect(store.channels().map((c) => c.id)).toEqual(['c-x']);
    expect(store.templates()).toHaveLength(TEMPLATES.length);
    expect(store.post()?.revision).toBe(1);
  });

  it('creates a new post after a pause in typing, then saves later changes on the revision it got', async () => {
    await started();
    store.queueSave(content('F'));
    store.queueSave(content('Flu'));
    expect(store.saveState()).toEqual({ kind: 'pending' });
    await jest.advanceTimersByTimeAsync(999);
    http.expectNone(POSTS_URL);
    await jest.advanceTimersByTimeAsync(1);
    const create = http.expectOne({ method: 'POST', url: POSTS_URL });
    expect(create.request.body).toEqual(content('Flu'));
    create.flush(aPostDetail({ id: 'p-9', revision: 1, text: 'Flu' }));
    await jest.advanceTimersByTimeAsync(0);
    flushReview();
    expect(store.saveState()).toEqual({ kind: 'saved', at: '2026-03-02T14:41:05.000Z' });

    store.queueSave(content('Flu shots'));
    await jest.advanceTimersByTimeAsync(1000);
    const update = http.expectOne({ method: 'PATCH', url: `${POSTS_URL}/p-9` });
    expect(update.request.body).toEqual({ ...content('Flu shots'), revision: 1 });
    update.flush(aPostDetail({ id: 'p-9', revision: 2 }));
    await jest.advanceTimersByTimeAsync(0);
    flushReview();
    expect(store.post()?.revision).toBe(2);
  });

  it('stops saving on a conflict, says so, and starts again from the reloaded post', async () => {
    await started('p-1');
    store.queueSave(content('Mine'));
    await jest.advanceTimersByTimeAsync(1000);
    http.expectOne({ method: 'PATCH', url: `${POSTS_URL}/p-1` }).flush(
      {
        statusCode: 409,
        error: 'conflict',
        message: 'Marcus Lee saved this post (revision 2).',
        requestId: 'r',
      },
      { status: 409, statusText: 'Conflict' },
    );
    await jest.advanceTimersByTimeAsync(0);
    expect(store.conflict()).toBe(true);
    expect(store.saveState()).toMatchObject({
      kind: 'conflict',
      message: expect.stringContaining('Marcus Lee saved this post'),
    });

    store.queueSave(content('Mine again'));
    await jest.advanceTimersByTimeAsync(5000);
    http.expectNone({ method: 'PATCH' });

    const reload = store.reload();
    http.expectOne(`${POSTS_URL}/p-1`).flush(aPostDetail({ revision: 2, text: 'Theirs' }));
    expect(await reload).toMatchObject({ revision: 2 });
    flushReview();
    expect(store.conflict()).toBe(false);
    store.queueSave(content('Mine on theirs'));
    await jest.advanceTimersByTimeAsync(1000);
    const next = http.expectOne({ method: 'PATCH' });
    expect(next.request.body.revision).toBe(2);
    next.flush(aPostDetail({ revision: 3 }));
    await jest.advanceTimersByTimeAsync(0);
    flushReview();
  });

  it('keeps changes that failed to save for the next try', async () => {
    await started('p-1');
    store.queueSave(content('Kept'));
    await jest.advanceTimersByTimeAsync(1000);
    http.expectOne({ method: 'PATCH' }).flush(null, { status: 502, statusText: 'Bad Gateway' });
    await jest.advanceTimersByTimeAsync(0);
    expect(store.saveState().kind).toBe('failed');
    const retry = store.saveNow();
    http.expectOne((r) => r.method === 'PATCH' && r.body.text === 'Kept').flush(aPostDetail({ revision: 2 }));
    expect(await retry).toMatchObject({ revision: 2 });
    flushReview();
    expect(store.saveState().kind).toBe('saved');
  });

  it('saves, then sends for review; a refusal keeps the reason', async () => {
    await started('p-1');
    const ok = store.submit(content('Ready'));
    await jest.advanceTimersByTimeAsync(0);
    http.expectOne({ method: 'PATCH' }).flush(aPostDetail({ revision: 2 }));
    await jest.advanceTimersByTimeAsync(0);
    flushReview();
    const submit = http.expectOne({ method: 'POST', url: `${POSTS_URL}/p-1/submit` });
    submit.flush(
      {
        statusCode: 422,
        error: 'validation_failed',
        message: 'Submitting waits for 1 blocking finding.',
        requestId: 'r',
      },
      { status: 422, statusText: 'Unprocessable Entity' },
    );
    expect(await ok).toBe(false);
    expect(store.submitState()).toEqual({
      kind: 'refused',
      message: 'Submitting waits for 1 blocking finding.',
    });
    flushReview();

    const again = store.submit(content('Ready'));
    await jest.advanceTimersByTimeAsync(0);
    http.expectOne({ method: 'PATCH' }).flush(aPostDetail({ revision: 3 }));
    await jest.advanceTimersByTimeAsync(0);
    flushReview();
    http
      .expectOne({ method: 'POST', url: `${POSTS_URL}/p-1/submit` })
      .flush({ postId: 'p-1', from: 'draft', state: 'in_review', approvals: 0, requiredApprovals: 1 });
    await jest.advanceTimersByTimeAsync(0);
    http.expectOne(`${POSTS_URL}/p-1`).flush(aPostDetail({ revision: 3, state: 'in_review' }));
    expect(await again).toBe(true);
    expect(store.post()?.state).toBe('in_review');
    flushReview();
  });
});
