import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting, TestRequest } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { PostSummary, Role } from '@carecast/shared/contracts';
import { CHANNELS_URL } from '@carecast/web/channels/data-access';
import { POST_STATE_FILTERS, POSTS_URL } from '@carecast/web/content/data-access';
import { aPostSummary, FACEBOOK_CHANNEL, X_CHANNEL } from '@carecast/web/content/data-access/testing';
import { AuthStore } from '@carecast/web/core';
import { aMe } from '@carecast/web/core/testing';
import { firstWords, PostsPage } from './posts-page';

describe('PostsPage', () => {
  let fixture: ComponentFixture<PostsPage>;
  let http: HttpTestingController;
  let el: HTMLElement;

  const text = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
  const wait = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));
  const settle = async (ms = 0) => {
    await wait(ms);
    await fixture.whenStable();
    fixture.detectChanges();
  };
  const links = (root: ParentNode = el) =>
    Array.from(root.querySelectorAll('a')).map((a) => ({ text: text(a), href: a.getAttribute('href') }));
  const stateButton = (label: string) =>
    Array.from(el.querySelectorAll<HTMLButtonElement>('[aria-label="Show posts by state"] button')).find(
      (b) => text(b.querySelector('.state__label')) === label,
    ) as HTMLButtonElement;

  /** Answers the counts (by the states asked, joined) and the list; returns the list's request. */
  function answer(totals: Record<string, number>, posts: PostSummary[]): TestRequest {
    let list: TestRequest | undefined;
    for (const r of http.match((req) => req.url === POSTS_URL)) {
      if (r.request.params.get('limit') === '1') {
        const total = totals[r.request.params.get('state') ?? ''] ?? 0;
        r.flush({ posts: [], total, offset: 0, limit: 1 });
      } else {
        list = r;
        r.flush({ posts, total: posts.length, offset: 0, limit: 25 });
      }
    }
    if (!list) throw new Error('the list was not asked for');
    return list;
  }

  async function open(roles: Role[], posts: PostSummary[] = [], totals: Record<string, number> = {}) {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    TestBed.inject(AuthStore).setMe(aMe(roles));
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(PostsPage);
    el = fixture.nativeElement;
    fixture.detectChanges();
    http.expectOne(CHANNELS_URL).flush([X_CHANNEL, FACEBOOK_CHANNEL]);
    const list = answer({ '': posts.length, ...totals }, posts);
    await settle();
    return list;
  }

  const DRAFT = aPostSummary({
    id: 'p-draft',
    state: 'draft',
    text: 'Flu shots are here! Walk in any weekday.',
  });
  const IN_REVIEW = aPostSummary({
    id: 'p-review',
    state: 'in_review',
    kind: 'health_alert',
    urgency: 'emergency',
    text: 'Closed today because of the snow.',
    channels: [{ id: 'c-x', kind: 'x_account', name: 'Riverside on X' }],
    scheduledAt: '2026-03-03T14:00:00.000Z',
  });

  afterEach(() => http.verify());

  it("lists the posts with their state, kind, channels and times in the organisation's zone", async () => {
    await open(['marketer'], [DRAFT, IN_REVIEW], { draft: 1, in_review: 1 });
    const rows = Array.from(el.querySelectorAll('ul[aria-label="Posts"] li.post'));
    expect(rows).toHaveLength(2);
    expect(text(rows[0].querySelector('.post__title'))).toBe('Flu shots are here! Walk in any weekday.');
    expect(text(rows[0].querySelector('.post__state'))).toBe('Draft');
    expect(text(rows[0])).toContain('No channel chosen');
    expect(text(rows[1].querySelector('.badge'))).toBe('Health alert · Emergency');
    expect(text(rows[1])).toContain('Riverside on X');
    expect(text(rows[1])).toContain('Scheduled for Mar 3, 2026, 9:00 AM EST');
    expect(text(el.querySelector('.page__lead'))).toContain('Eastern Time (America/New_York)');
  });

  it('shows the counts per state first, each on its filter button', async () => {
    await open(['viewer'], [DRAFT], { draft: 3, 'approved,scheduled': 2, 'failed,expired': 1 });
    const buttons = Array.from(el.querySelectorAll('[aria-label="Show posts by state"] button'));
    expect(
      buttons.map((b) => [text(b.querySelector('.state__label')), text(b.querySelector('.state__count'))]),
    ).toEqual(
      POST_STATE_FILTERS.map((f) => [
        f.label,
        String({ all: 1, drafts: 3, approved: 2, problems: 1 }[f.id as string] ?? 0),
      ]),
    );
    expect(stateButton('All').getAttribute('aria-pressed')).toBe('true');
  });

  describe('what each role may do', () => {
    it.each<Role>(['admin', 'marketer'])(
      'as %s: may start a post or a template, and edits drafts',
      async (role) => {
        await open([role], [DRAFT, IN_REVIEW]);
        expect(links(el.querySelector('.posts__header-actions') as HTMLElement)).toEqual([
          { text: 'Start from a template', href: '/posts/new?template=choose' },
          { text: 'New post', href: '/posts/new' },
        ]);
        const titles = Array.from(el.querySelectorAll('.post__title')).map((a) => a.getAttribute('href'));
        // A draft opens in the composer; a post in review opens where it is reviewed.
        expect(titles).toEqual(['/posts/p-draft/edit', '/posts/p-review']);
      },
    );

    it.each<Role>(['reviewer', 'manager', 'viewer'])(
      'as %s (reads posts): no way to write one, and every post opens to be read',
      async (role) => {
        await open([role], [DRAFT, IN_REVIEW]);
        expect(el.querySelector('.posts__header-actions')).toBeNull();
        expect(links().filter((l) => l.href?.startsWith('/posts/new'))).toEqual([]);
        const titles = Array.from(el.querySelectorAll('.post__title')).map((a) => a.getAttribute('href'));
        expect(titles).toEqual(['/posts/p-draft', '/posts/p-review']);
      },
    );
  });

  describe('when there are no posts', () => {
    it('invites someone who writes posts to write the first one', async () => {
      await open(['marketer'], []);
      const empty = el.querySelector('cc-empty-state');
      expect(text(empty?.querySelector('h2'))).toBe('No posts yet');
      expect(links(empty as HTMLElement)).toEqual([
        { text: 'New post', href: '/posts/new' },
        { text: 'Start from a template', href: '/posts/new?template=choose' },
      ]);
    });

    it('offers nothing to write to someone who only reads', async () => {
      await open(['reviewer'], []);
      const empty = el.querySelector('cc-empty-state');
      expect(text(empty?.querySelector('h2'))).toBe('No posts yet');
      expect(links(empty as HTMLElement)).toEqual([]);
    });

    it('says no post matches the filters, and shows all posts again on request', async () => {
      await open(['marketer'], [DRAFT]);
      stateButton('Cancelled').click();
      answer({}, []);
      await settle();
      const empty = el.querySelector('cc-empty-state');
      expect(text(empty?.querySelector('h2'))).toBe('No posts match');
      expect(links(empty as HTMLElement)).toEqual([]);

      (empty?.querySelector('button') as HTMLButtonElement).click();
      const list = answer({ '': 1 }, [DRAFT]);
      await settle();
      expect(list.request.params.has('state')).toBe(false);
      expect(stateButton('All').getAttribute('aria-pressed')).toBe('true');
      expect(el.querySelectorAll('li.post')).toHaveLength(1);
    });
  });

  describe('filters', () => {
    it('shows the posts of the state chosen, and marks its button pressed', async () => {
      await open(['marketer'], [DRAFT, IN_REVIEW]);
      stateButton('Approved or scheduled').click();
      const list = answer({}, []);
      await settle();
      expect(list.request.params.get('state')).toBe('approved,scheduled');
      expect(stateButton('Approved or scheduled').getAttribute('aria-pressed')).toBe('true');
      expect(stateButton('All').getAttribute('aria-pressed')).toBe('false');
    });

    it('searches the words typed, once typing pauses, for the list and the counts', async () => {
      await open(['marketer'], [DRAFT]);
      const search = el.querySelector<HTMLInputElement>('input[type="search"]') as HTMLInputElement;
      search.value = 'sn';
      search.dispatchEvent(new Event('input'));
      search.value = 'snow';
      search.dispatchEvent(new Event('input'));
      await wait(100);
      http.expectNone((r) => r.url === POSTS_URL);
      await wait(300);
      const asked = http.match((r) => r.url === POSTS_URL);
      expect(asked).toHaveLength(POST_STATE_FILTERS.length + 1);
      expect(asked.every((r) => r.request.params.get('q') === 'snow')).toBe(true);
      asked.forEach((r) => r.flush({ posts: [], total: 0, offset: 0, limit: 25 }));
      await settle();
    });

    it('lists the channels to filter by', async () => {
      await open(['marketer'], [DRAFT]);
      const channelSelect = Array.from(el.querySelectorAll('mat-form-field')).find(
        (f) => text(f.querySelector('mat-label')) === 'Channel',
      );
      (channelSelect?.querySelector('.mat-mdc-select-trigger') as HTMLElement).click();
      await settle();
      const options = Array.from(document.querySelectorAll('mat-option')).map(text);
      expect(options).toEqual(['All channels', 'Riverside on X', 'Riverside Family Medicine']);
      (
        Array.from(document.querySelectorAll('mat-option')).find(
          (o) => text(o) === 'Riverside on X',
        ) as HTMLElement
      ).click();
      const list = answer({}, []);
      await settle();
      expect(list.request.params.get('channelId')).toBe('c-x');
    });
  });

  it('says the posts could not be loaded, and tries again on request', async () => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    TestBed.inject(AuthStore).setMe(aMe(['marketer']));
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(PostsPage);
    el = fixture.nativeElement;
    fixture.detectChanges();
    http.expectOne(CHANNELS_URL).flush([]);
    for (const r of http.match((req) => req.url === POSTS_URL))
      r.flush(
        { statusCode: 503, error: 'unavailable', message: 'The service is unavailable.', requestId: 'r' },
        { status: 503, statusText: 'Unavailable' },
      );
    await settle();
    expect(text(el.querySelector('cc-notice[role="alert"]'))).toContain('Could not load the posts.');
    (
      Array.from(el.querySelectorAll('button')).find((b) => text(b) === 'Try again') as HTMLButtonElement
    ).click();
    answer({ '': 1 }, [DRAFT]);
    await settle();
    expect(el.querySelectorAll('li.post')).toHaveLength(1);
  });
});

describe('firstWords', () => {
  it('shortens a long text at a word, and names a post without text', () => {
    expect(firstWords('Flu   shots\nare here')).toBe('Flu shots are here');
    expect(firstWords('one two three four', 10)).toBe('one two…');
    expect(firstWords('  ')).toBe('Untitled (no text yet)');
  });
});
