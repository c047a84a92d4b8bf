import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { aQueueItem, DANA, X_ACCOUNT } from '../testing/review.fixtures';
import { ReviewQueueStore } from './review-queue.store';
import { postUrl, REVIEW_QUEUE_URL } from './review.service';

/** Lets the store's awaited HTTP answers settle. */
const settle = () => new Promise((r) => setTimeout(r, 0));

describe('ReviewQueueStore', () => {
  let store: ReviewQueueStore;
  let http: HttpTestingController;

  const emergency = aQueueItem({
    id: 'p-alert',
    kind: 'health_alert',
    urgency: 'emergency',
    submittedAt: '2026-03-02T16:00:00.000Z',
    channels: [X_ACCOUNT],
    author: { id: 'u-priya', name: 'Priya Raman' },
  });
  const oldest = aQueueItem({
    id: 'p-old',
    submittedAt: '2026-03-01T09:00:00.000Z',
    changedSinceMyLastDecision: true,
    changedParts: ['Text'],
    blockingFindings: 1,
  });
  const mine = aQueueItem({
    id: 'p-mine',
    submittedAt: '2026-03-02T10:00:00.000Z',
    mine: true,
    author: { id: 'u-1', name: 'Marcus Lee' },
  });
  const approved = aQueueItem({ id: 'p-done', submittedAt: '2026-03-02T11:00:00.000Z', approvedByMe: true });

  /** Answers the queue: everything a row shows comes in its one answer. */
  async function answer(items = [emergency, oldest, mine, approved]): Promise<void> {
    const req = http.expectOne((r) => r.url === REVIEW_QUEUE_URL);
    expect(req.request.params.get('limit')).toBe('100');
    req.flush(items);
    await settle();
  }

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    store = TestBed.inject(ReviewQueueStore);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('is loading until the queue answers, then lists the posts oldest first', async () => {
    expect(store.load().state).toBe('loading');
    const done = store.refresh();
    await answer();
    await done;
    expect(store.load().state).toBe('ready');
    expect(store.items().map((i) => i.id)).toEqual(['p-old', 'p-mine', 'p-done', 'p-alert']);
  });

  it('counts what needs the signed-in person first: waiting on me, emergencies, changed since my review, the oldest', async () => {
    const done = store.refresh();
    await answer();
    await done;
    expect(store.counts()).toEqual({
      total: 4,
      waitingOnMe: 2, // not the one I wrote, not the one I already approved
      emergencies: 1,
      changedSinceMyReview: 1,
      oldestSubmittedAt: '2026-03-01T09:00:00.000Z',
    });
  });

  it('shows each row’s blocking findings and what changed since my last decision from the queue alone, with no request per row', async () => {
    const done = store.refresh();
    await answer();
    await done;
    expect(store.items().map((i) => [i.id, i.blockingFindings, i.changedParts])).toEqual([
      ['p-old', 1, ['Text']],
      ['p-mine', 0, []],
      ['p-done', 0, []],
      ['p-alert', 0, []],
    ]);
    http.expectNone((r) => r.url !== REVIEW_QUEUE_URL);
  });

  it('filters by kind and urgency, channel, author and "changed since my last review"', async () => {
    const done = store.refresh();
    await answer();
    await done;
    store.setFilters({ kind: 'emergency' });
    expect(store.visible().map((i) => i.id)).toEqual(['p-alert']);
    store.setFilters({ kind: 'urgent' });
    expect(store.visible()).toEqual([]);
    store.setFilters({ kind: 'post' });
    expect(store.visible().map((i) => i.id)).toEqual(['p-old', 'p-mine', 'p-done']);
    store.setFilters({ kind: 'all', channelId: X_ACCOUNT.id });
    expect(store.visible().map((i) => i.id)).toEqual(['p-alert']);
    store.setFilters({ channelId: null, authorId: DANA.id });
    expect(store.visible().map((i) => i.id)).toEqual(['p-old', 'p-done']);
    store.setFilters({ authorId: null, changedOnly: true });
    expect(store.visible().map((i) => i.id)).toEqual(['p-old']);
    expect(store.filtered()).toBe(true);
    store.clearFilters();
    expect(store.visible()).toHaveLength(4);
    expect(store.filtered()).toBe(false);
    // The filters offer only the channels and authors in the queue.
    expect(store.authors().map((a) => a.name)).toEqual(['Dana Whitfield', 'Marcus Lee', 'Priya Raman']);
    expect(
      store
        .channels()
        .map((c) => c.id)
        .sort(),
    ).toEqual(['ch-fb', 'ch-x']);
  });

  it('moves the chosen row with j/k within the visible rows, and never past either end', async () => {
    const done = store.refresh();
    await answer();
    await done;
    expect(store.selectedId()).toBe('p-old');
    expect(store.move(-1)).toBe('p-old');
    expect(store.move(1)).toBe('p-mine');
    expect(store.move(1)).toBe('p-done');
    expect(store.move(5)).toBe('p-alert');
    // A filter that hides the chosen row falls back to the first visible one.
    store.setFilters({ kind: 'post' });
    expect(store.selectedId()).toBe('p-old');
  });

  it('puts a failure into words and keeps nothing half-loaded', async () => {
    const done = store.refresh();
    http
      .expectOne((r) => r.url === REVIEW_QUEUE_URL)
      .flush(
        {
          statusCode: 403,
          error: 'forbidden',
          message: 'You cannot read the review queue.',
          requestId: 'r1',
        },
        { status: 403, statusText: 'Forbidden' },
      );
    await done;
    expect(store.load()).toEqual({ state: 'failed', message: 'You cannot read the review queue.' });
    expect(store.items()).toEqual([]);
  });

  it('refreshing reads the queue once more, and nothing per row', async () => {
    let done = store.refresh();
    await answer([oldest]);
    await done;
    done = store.refresh();
    http
      .expectOne((r) => r.url === REVIEW_QUEUE_URL)
      .flush([{ ...oldest, revision: 3, changedParts: ['Text', 'Link'], blockingFindings: 0 }]);
    await done;
    http.expectNone(postUrl('p-old', 'review'));
    expect(store.items()[0]).toMatchObject({
      revision: 3,
      changedParts: ['Text', 'Link'],
      blockingFindings: 0,
    });
    expect(store.load().state).toBe('ready');
  });
});
