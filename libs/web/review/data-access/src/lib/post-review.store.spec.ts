import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { Role } from '@carecast/shared/contracts';
import { AuthStore } from '@carecast/web/core';
import { aMe, signInAs } from '@carecast/web/core/testing';
import { aPhiFinding, aPost, aReviewState, DANA } from '../testing/review.fixtures';
import { offeredActions } from './post-actions';
import { PostReviewStore } from './post-review.store';
import { AUDIT_URL, postUrl } from './review.service';

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('offeredActions (what the post page shows, by role and by the workflow table)', () => {
  const viewer = (roles: Role[], userId = 'u-1') => ({ userId, permissions: aMe(roles).permissions });
  const review = (allowed: string[]) =>
    ({ allowedActions: allowed, fastTrack: { available: false, firstApproval: null } }) as never;

  it('never offers Approve or Request changes to the author of the post, whatever the api lists', () => {
    // An administrator holds every permission, and wrote this post.
    const offered = offeredActions(
      'in_review',
      'u-1',
      viewer(['admin']),
      review(['approve', 'request_changes', 'edit', 'cancel']),
    );
    expect(offered.moves).not.toContain('approve');
    expect(offered.moves).not.toContain('request_changes');
    expect(offered.override).toBe(false);
    expect(offered.askOutside).toBe(false);
    expect(offered.moves).toEqual(['edit', 'cancel']);
  });

  it('offers a reviewer who did not write it Approve, Request changes, Override and the outside approver', () => {
    const offered = offeredActions(
      'in_review',
      DANA.id,
      viewer(['reviewer']),
      review(['approve', 'request_changes']),
    );
    expect(offered.moves).toEqual(['approve', 'request_changes']);
    expect(offered.override).toBe(true);
    expect(offered.askOutside).toBe(true);
  });

  it('offers a marketer Submit, Edit and Cancel on a draft, and nothing a reviewer does', () => {
    const offered = offeredActions(
      'draft',
      'u-1',
      viewer(['marketer']),
      review(['edit', 'submit', 'cancel']),
    );
    expect(offered.moves).toEqual(['edit', 'submit', 'cancel']);
    expect(offered.override).toBe(false);
    expect(offered.askOutside).toBe(false);
  });

  it('offers a viewer nothing but comments', () => {
    const offered = offeredActions('in_review', DANA.id, viewer(['viewer']), review([]));
    expect(offered).toEqual({ moves: [], override: false, askOutside: false, comment: true });
  });

  it('shows only what the api also allows now (e.g. already approved by me)', () => {
    const offered = offeredActions('in_review', DANA.id, viewer(['reviewer']), review(['request_changes']));
    expect(offered.moves).toEqual(['request_changes']);
    expect(offered.askOutside).toBe(false);
  });

  it('offers the emergency fast path only when the api says it is available', () => {
    const closed = offeredActions('draft', DANA.id, viewer(['manager']), review(['fast_track']));
    expect(closed.moves).toEqual([]);
    const open = offeredActions('draft', DANA.id, viewer(['manager']), {
      allowedActions: ['fast_track'],
      fastTrack: { available: true, firstApproval: null },
    } as never);
    expect(open.moves).toEqual(['fast_track']);
  });

  it('does not offer overrides once the post is approved', () => {
    expect(offeredActions('approved', DANA.id, viewer(['reviewer']), review([])).override).toBe(false);
  });
});

describe('PostReviewStore', () => {
  let store: PostReviewStore;
  let http: HttpTestingController;

  function setUp(roles: Role[] = ['reviewer']): void {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), PostReviewStore],
    });
    signInAs(TestBed.inject(AuthStore), aMe(roles));
    store = TestBed.inject(PostReviewStore);
    http = TestBed.inject(HttpTestingController);
  }

  async function open(post = aPost(), roles: Role[] = ['reviewer'], overrides = {}): Promise<void> {
    const opened = store.open(post.id);
    http.expectOne(postUrl(post.id)).flush(post);
    http.expectOne(postUrl(post.id, 'review')).flush(aReviewState(post, roles, 'u-1', overrides));
    await opened;
  }

  afterEach(() => http.verify());

  it('reads the post and its review state, and offers a reviewer the decisions', async () => {
    setUp();
    await open();
    expect(store.load().state).toBe('ready');
    expect(store.actions().moves).toEqual(['approve', 'request_changes']);
    expect(store.blockingCount()).toBe(1);
    expect(store.findings()).toEqual([{ finding: aPhiFinding(), override: null }]);
  });

  it('hides Approve from an author who is also a reviewer (their own post)', async () => {
    setUp(['reviewer', 'marketer']);
    const post = aPost({ author: { id: 'u-1', name: 'Marcus Lee' } });
    await open(post, ['reviewer', 'marketer']);
    expect(store.isAuthor()).toBe(true);
    expect(store.actions().moves).toEqual(['edit', 'cancel']);
  });

  it('says a missing post (or another organisation’s) does not exist', async () => {
    setUp();
    const opened = store.open('p-x');
    http
      .expectOne(postUrl('p-x'))
      .flush(
        { statusCode: 404, error: 'not_found', message: 'No such post.', requestId: 'r' },
        { status: 404, statusText: 'Not Found' },
      );
    // forkJoin cancels the other request once one fails.
    expect(http.expectOne(postUrl('p-x', 'review')).cancelled).toBe(true);
    await opened;
    expect(store.load()).toEqual({
      state: 'failed',
      notFound: true,
      message: 'This post does not exist, or it belongs to another organisation.',
    });
  });

  it('approves with the comment, says what happened and reads the post again', async () => {
    setUp();
    await open();
    const approving = store.approve('  Fine now.  ');
    const req = http.expectOne(postUrl('p-1', 'approve'));
    expect(req.request.body).toEqual({ comment: 'Fine now.' });
    req.flush({ postId: 'p-1', from: 'in_review', state: 'approved', approvals: 1, requiredApprovals: 1 });
    await settle();
    const post = aPost({ state: 'approved', findings: [] });
    http.expectOne(postUrl('p-1')).flush(post);
    http.expectOne(postUrl('p-1', 'review')).flush(aReviewState(post));
    await approving;
    expect(store.notice()).toBe('Your approval was recorded (1 of 1 approval). The post is now: Approved.');
    expect(store.post()?.state).toBe('approved');
    expect(store.actions().moves).toEqual([]);
  });

  it('passes the api’s refusal of a move to the form that asked, and keeps the page as it was', async () => {
    setUp();
    await open();
    const asking = store.requestChanges('');
    http.expectOne(postUrl('p-1', 'request-changes')).flush(
      {
        statusCode: 422,
        error: 'validation_failed',
        message: 'Say what should change.',
        requestId: 'r',
        details: [{ field: 'comment', rule: 'required', message: 'Say what should change.' }],
      },
      { status: 422, statusText: 'Unprocessable Entity' },
    );
    await expect(asking).rejects.toMatchObject({ status: 422 });
    expect(store.notice()).toBeNull();
    expect(store.post()?.state).toBe('in_review');
  });

  it('overrides a finding with the reason, tied to its rule, field and excerpt', async () => {
    setUp();
    await open();
    const overriding = store.override(aPhiFinding(), ' The date is the clinic’s founding date. ');
    const req = http.expectOne(postUrl('p-1', 'overrides'));
    expect(req.request.body).toEqual({
      rule: 'phi.date',
      field: 'base.text',
      excerpt: '03/14/1962',
      reason: 'The date is the clinic’s founding date.',
    });
    req.flush({});
    await settle();
    http.expectOne(postUrl('p-1')).flush(aPost());
    http.expectOne(postUrl('p-1', 'review')).flush(
      aReviewState(aPost(), ['reviewer'], 'u-1', {
        blockingFindings: [],
        overrides: [
          {
            id: 'o-1',
            rule: 'phi.date',
            field: 'base.text',
            excerpt: '03/14/1962',
            reason: 'The date is the clinic’s founding date.',
            reviewer: { id: 'u-1', name: 'Marcus Lee' },
            revision: 3,
            createdAt: '2026-03-02T15:00:00.000Z',
            inForce: true,
          },
        ],
      }),
    );
    await overriding;
    expect(store.blockingCount()).toBe(0);
    expect(store.findings()[0].override?.reason).toBe('The date is the clinic’s founding date.');
  });

  it('compares since my last decision by default, else the previous revision', async () => {
    setUp();
    await open(aPost({ revision: 5 }), ['reviewer'], {
      myLastDecision: {
        revision: 2,
        contentHash: 'x',
        decision: 'changes_requested',
        decidedAt: '2026-03-01T10:00:00.000Z',
      },
    });
    expect(store.defaultDiff()).toEqual({ from: 2, to: 5 });
    const comparing = store.compare(5, 2);
    const req = http.expectOne((r) => r.url === postUrl('p-1', 'changes'));
    expect([req.request.params.get('from'), req.request.params.get('to')]).toEqual(['2', '5']);
    req.flush({ fromRevision: 2, toRevision: 5, changes: [] });
    await comparing;
    expect(store.diff()?.result.state).toBe('ready');
  });

  it('defaults to the previous revision when I never decided on it', async () => {
    setUp();
    await open(aPost({ revision: 3 }));
    expect(store.defaultDiff()).toEqual({ from: 2, to: 3 });
  });

  it('reads the audit entries of this post only, and the sections once each', async () => {
    setUp();
    await open();
    const reading = store.read('audit');
    const req = http.expectOne((r) => r.url === AUDIT_URL);
    expect(req.request.params.get('entityType')).toBe('post');
    expect(req.request.params.get('entityId')).toBe('p-1');
    req.flush({ entries: [], nextCursor: null });
    await reading;
    expect(store.audit()).toEqual({ state: 'ready', value: [] });
    await store.read('audit');
    http.expectNone((r) => r.url === AUDIT_URL);
  });

  it('offers the practice’s members who can read posts to mention, from the post’s own list (no member list needed), never oneself', async () => {
    setUp(['marketer']);
    await open();
    // Until the list is read: the people on the post.
    expect(store.mentionable()).toEqual([{ id: DANA.id, name: DANA.name }]);
    const reading = store.read('mentionable');
    http.expectOne(postUrl('p-1', 'mentionable')).flush([
      { id: 'u-1', name: 'Marcus Lee', roles: ['reviewer'] },
      { id: 'u-p', name: 'Priya Raman', roles: ['manager'] },
    ]);
    await reading;
    http.expectNone('/api/users');
    expect(store.mentionable()).toEqual([{ id: 'u-p', name: 'Priya Raman', roles: ['manager'] }]);
  });

  it('keeps offering the people on the post when the list cannot be read', async () => {
    setUp(['marketer']);
    await open();
    const reading = store.read('mentionable');
    http
      .expectOne(postUrl('p-1', 'mentionable'))
      .flush(
        { statusCode: 503, error: 'unavailable', message: 'Try again.' },
        { status: 503, statusText: 'x' },
      );
    await reading;
    expect(store.mentionable()).toEqual([{ id: DANA.id, name: DANA.name }]);
  });

  it('adds a comment with its mentions (each once) to the list', async () => {
    setUp();
    await open();
    const adding = store.addComment(' @Dana Whitfield please fix the date ', [DANA.id, DANA.id]);
    const req = http.expectOne(postUrl('p-1', 'comments'));
    expect(req.request.body).toEqual({
      text: '@Dana Whitfield please fix the date',
      mentionedUserIds: [DANA.id],
    });
    req.flush({
      id: 'c-1',
      postId: 'p-1',
      revision: 3,
      author: { id: 'u-1', name: 'Marcus Lee' },
      text: req.request.body.text,
      mentions: [DANA],
      createdAt: '2026-03-02T15:00:00.000Z',
    });
    await adding;
    const comments = store.comments();
    expect(comments.state === 'ready' && comments.value.map((c) => c.id)).toEqual(['c-1']);
  });

  it('asks an outside approver and says the link lasts 72 hours', async () => {
    setUp();
    await open();
    const asking = store.askOutside({ name: ' Dr. Ana Ruiz ', email: 'ana@physicians.example', message: '' });
    const req = http.expectOne(postUrl('p-1', 'outside-reviews'));
    expect(req.request.body).toEqual({
      name: 'Dr. Ana Ruiz',
      email: 'ana@physicians.example',
      message: null,
    });
    req.flush({ id: 'l-1', name: 'Dr. Ana Ruiz' });
    await settle();
    http.expectOne(postUrl('p-1', 'outside-reviews')).flush([]);
    await asking;
    expect(store.notice()).toBe(
      'Dr. Ana Ruiz was emailed a link to review this post. It works once, for 72 hours.',
    );
  });
});
