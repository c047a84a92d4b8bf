import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { aPostSummary } from '../testing/post.fixtures';
import { POSTS_URL } from './posts.service';
import { POST_STATE_FILTERS, PostsStore } from './posts.store';

describe('PostsStore', () => {
  let store: PostsStore;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    store = TestBed.inject(PostsStore);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  /** Answers every count (its total from `totals` by state list) and the list. */
  function answer(totals: Record<string, number>, posts = [aPostSummary()]) {
    const requests = http.match((r) => r.url === POSTS_URL);
    for (const r of requests) {
      if (r.request.params.get('limit') === '1') {
        r.flush({ posts: [], total: totals[r.request.params.get('state') ?? ''] ?? 0, offset: 0, limit: 1 });
      } else {
        r.flush({ posts, total: posts.length, offset: 0, limit: 25 });
      }
    }
    return requests;
  }

  it('counts the posts of each state filter and lists the newest changed first', async () => {
    const done = store.refresh();
    const requests = answer({ '': 7, draft: 3, 'approved,scheduled': 2 });
    await done;
    expect(requests).toHaveLength(POST_STATE_FILTERS.length + 1);
    expect(store.counts()).toMatchObject({ all: 7, drafts: 3, approved: 2, in_review: 0 });
    const list = requests.find((r) => r.request.params.get('limit') !== '1');
    expect(list?.request.params.get('sort')).toBe('updated_desc');
    expect(list?.request.params.has('state')).toBe(false);
    expect(store.posts()).toHaveLength(1);
    expect(store.unfiltered()).toBe(true);
  });

  it('applies the filters to the list and to the counts', async () => {
    store.setFilters({ state: 'changes', kind: 'health_alert', q: ' snow ' });
    const requests = answer({});
    await new Promise((resolve) => setTimeout(resolve));
    for (const r of requests) {
      expect(r.request.params.get('kind')).toBe('health_alert');
      expect(r.request.params.get('q')).toBe('snow');
    }
    const list = requests.find((r) => r.request.params.get('limit') !== '1');
    expect(list?.request.params.get('state')).toBe('changes_requested');
    expect(store.unfiltered()).toBe(false);
  });

  it('says what went wrong when the list cannot be loaded', async () => {
    const done = store.refresh();
    for (const r of http.match((r) => r.url === POSTS_URL))
      r.flush(null, { status: 500, statusText: 'Server Error' });
    await done;
    expect(store.list().state).toBe('failed');
  });
});
