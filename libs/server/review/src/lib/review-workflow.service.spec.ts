import type { AuditService } from '@carecast/server/audit';
import { ConflictError, ForbiddenError, ValidationError } from '@carecast/server/core';
import type {
  ContentSettingsService,
  PostHead,
  PostRepository,
  PostsService,
} from '@carecast/server/content';
import type { Tx } from '@carecast/server/database';
import type { NotifyService } from '@carecast/server/notify';
import { inlineTransactionRunner, ManualClock, rejectionOf } from '@carecast/server/testing';
import {
  DEFAULT_CONTENT_SETTINGS,
  PERMISSIONS,
  permissionsOf,
  POST_STATES,
  transitionOf,
  type ContentSettings,
  type Finding,
  type Permission,
  type PostDetail,
  type PostState,
  type PostVersionSummary,
  type Role,
} from '@carecast/shared/contracts';
import { PostDecisions } from './post-decisions';
import { PublishHandoff, type ApprovedPost } from './publish-handoff';
import type { ReviewRepository } from './review.repository';
import type { NewApproval, ReviewActor, StoredApproval, StoredOverride } from './review.types';
import { ReviewWorkflowService } from './review-workflow.service';

const ORG = 'org-1';
const POST = 'post-1';
const AUTHOR = 'user-author';
const TX = { tx: true } as unknown as Tx;
const NOW = '2026-03-02T09:00:00.000Z';

const PHONE_FINDING: Finding = {
  rule: 'phi.phone',
  severity: 'block',
  message: 'A phone number that may identify a patient.',
  field: 'text',
  span: { start: 10, end: 22 },
  excerpt: '555-010-0199',
  suggestion: 'Remove it.',
};

function actor(
  id: string,
  roles: Role[],
  permissions: readonly Permission[] = permissionsOf(roles),
): ReviewActor {
  return {
    organisationId: ORG,
    actorUserId: id,
    actorLabel: `${id}@practice.example`,
    name: `Person ${id}`,
    email: `${id}@practice.example`,
    roles,
    permissions,
    ip: null,
    userAgent: null,
    requestId: 'req-1',
  };
}

/** One post in memory, moved only by `transition` from the states it names. */
class FakePosts {
  head: PostHead;
  moves: Array<{ from: readonly PostState[]; to: PostState }> = [];
  /** The hash the next read of the whole post sees (an edit racing the decision). */
  detailHash: string | null = null;
  findings: Finding[] = [];
  /** The saved revisions: the author wrote the first; `edits` adds others. */
  versions: PostVersionSummary[] = [
    { revision: 1, contentHash: 'hash-1', editor: { id: AUTHOR, name: 'Dana' }, createdAt: NOW },
  ];

  constructor(state: PostState, over: Partial<PostHead> = {}) {
    this.head = {
      id: POST,
      organisationId: ORG,
      authorId: AUTHOR,
      kind: 'health_alert',
      urgency: 'emergency',
      state,
      revision: 3,
      contentHash: 'hash-3',
      scheduledAt: null,
      submittedAt: null,
      updatedAt: NOW,
      ...over,
    };
  }

  repository(): PostRepository {
    return {
      head: async () => ({ ...this.head }),
      transition: async (_tx: Tx, _o: string, _p: string, from: readonly PostState[], to: PostState) => {
        this.moves.push({ from, to });
        if (!from.includes(this.head.state)) return null;
        this.head = { ...this.head, state: to };
        return { ...this.head };
      },
    } as unknown as PostRepository;
  }

  service(): PostsService {
    return {
      versions: async () => [...this.versions].reverse(),
      getForReview: async (): Promise<PostDetail> =>
        ({
          id: POST,
          kind: this.head.kind,
          state: this.head.state,
          urgency: this.head.urgency,
          text: 'Snow closure: the clinic is closed today.',
          variants: [
            {
              channelId: 'ch-1',
              channelKind: 'x_account',
              channelName: '@riverside',
              text: null,
              title: null,
              body: null,
            },
          ],
          author: this.head.authorId ? { id: this.head.authorId, name: 'Dana' } : null,
          revision: this.head.revision,
          contentHash: this.detailHash ?? this.head.contentHash,
          scheduledAt: this.head.scheduledAt,
          findings: this.findings,
        }) as unknown as PostDetail,
    } as unknown as PostsService;
  }
}

/** Decisions and overrides in memory, counted like the repository counts them. */
class FakeReviews {
  approvals: StoredApproval[] = [];
  overrideRows: StoredOverride[] = [];

  repository(): ReviewRepository {
    return {
      overrides: async () => this.overrideRows,
      insertApproval: async (_tx: Tx, a: NewApproval) => {
        const stored = { ...a, id: `approval-${this.approvals.length + 1}` };
        this.approvals.push(stored);
        return stored;
      },
      approvals: async () => this.approvals,
      // The post has had its content since its first revision.
      currentContentOf: async () => null,
    } as unknown as ReviewRepository;
  }
}

interface Harness {
  service: ReviewWorkflowService;
  posts: FakePosts;
  reviews: FakeReviews;
  audits: Array<{ action: string; before?: unknown; after?: unknown }>;
  notices: Array<{ kind: string; recipientUserIds?: string[]; recipientPermission?: string; body: string }>;
  handedOff: ApprovedPost[];
  clock: ManualClock;
}

function harness(
  state: PostState,
  options: { head?: Partial<PostHead>; settings?: Partial<ContentSettings> } = {},
): Harness {
  const posts = new FakePosts(state, options.head);
  const reviews = new FakeReviews();
  const audits: Harness['audits'] = [];
  const notices: Harness['notices'] = [];
  const handedOff: ApprovedPost[] = [];
  const clock = new ManualClock(NOW);
  const settings: ContentSettings = {
    ...DEFAULT_CONTENT_SETTINGS,
    allowEmergencyFastPath: true,
    updatedAt: null,
    updatedBy: null,
    ...options.settings,
  };
  const audit = {
    record: async (_ctx: unknown, event: { action: string; before?: unknown; after?: unknown }) => {
      audits.push(event);
    },
  } as unknown as AuditService;
  const notify = {
    notify: async (_tx: Tx | null, input: Harness['notices'][number]) => {
      notices.push(input);
      return { recipientUserIds: input.recipientUserIds ?? [] };
    },
  } as unknown as NotifyService;
  const handoff = new PublishHandoff();
  handoff.approved = async (_tx, post) => {
    handedOff.push(post);
  };
  const decisions = new PostDecisions(reviews.repository(), posts.repository(), audit, notify, handoff);
  const service = new ReviewWorkflowService(
    posts.service(),
    posts.repository(),
    { get: async () => settings } as unknown as ContentSettingsService,
    reviews.repository(),
    decisions,
    audit,
    notify,
    inlineTransactionRunner(TX),
    clock,
  );
  return { service, posts, reviews, audits, notices, handedOff, clock };
}

const MARKETER = actor('user-marketer', ['marketer']);
const REVIEWER = actor('user-reviewer', ['reviewer']);
const REVIEWER_2 = actor('user-reviewer-2', ['reviewer']);
const MANAGER = actor('user-manager', ['manager']);
const AUTHOR_ADMIN = actor(AUTHOR, ['admin', 'manager', 'reviewer']);

type Move = 'submit' | 'approve' | 'request_changes' | 'cancel' | 'fast_track';

/** Make the move as someone allowed to by role, not the author. */
function make(
  h: Harness,
  move: Move,
  who: ReviewActor = move === 'submit' || move === 'cancel' ? MARKETER : MANAGER,
) {
  switch (move) {
    case 'submit':
      return h.service.submit(who, POST);
    case 'approve':
      return h.service.approve(who, POST, null);
    case 'request_changes':
      return h.service.requestChanges(who, POST, 'Please remove the phone number.');
    case 'cancel':
      return h.service.cancel(who, POST, null);
    case 'fast_track':
      return h.service.fastTrack(who, POST, null);
  }
}

/** Where each move leaves the post when the table allows it (a single approval is enough; the fast path's first step). */
const LANDS: Record<Move, (from: PostState) => PostState> = {
  submit: () => 'in_review',
  approve: () => 'approved',
  request_changes: () => 'changes_requested',
  cancel: () => 'cancelled',
  fast_track: () => 'in_review',
};

const MOVES: Move[] = ['submit', 'approve', 'request_changes', 'cancel', 'fast_track'];
const everyPair = MOVES.flatMap((move) => POST_STATES.map((state) => [move, state] as const));

describe('ReviewWorkflowService: every move from every state', () => {
  it.each(everyPair)(
    '%s from %s: made exactly when the table allows it, refused with 409 otherwise',
    async (move, state) => {
      const h = harness(state);
      if (transitionOf(move, state)) {
        const outcome = await make(h, move);
        expect(outcome.state).toBe(LANDS[move](state));
        expect(h.posts.head.state).toBe(LANDS[move](state));
        expect(h.audits.length).toBeGreaterThan(0);
      } else {
        const err = await rejectionOf(make(h, move), ConflictError);
        expect(err.message).toMatch(/cannot be/);
        expect(h.posts.head.state).toBe(state);
        expect(h.audits).toEqual([]);
        expect(h.reviews.approvals).toEqual([]);
        expect(h.notices).toEqual([]);
      }
    },
  );

  it.each(MOVES)(
    '%s is refused with 403 to whoever lacks its permission, and changes nothing',
    async (move) => {
      const needed = transitionOf(move, move === 'submit' ? 'draft' : 'in_review')?.permission as Permission;
      const without = actor(
        'user-limited',
        ['manager', 'reviewer'],
        PERMISSIONS.filter((p) => p !== needed),
      );
      for (const state of POST_STATES.filter((s) => transitionOf(move, s))) {
        const h = harness(state);
        const err = await rejectionOf(make(h, move, without), ForbiddenError);
        expect(err.message).toContain(needed);
        expect(h.posts.head.state).toBe(state);
        expect(h.audits).toEqual([]);
      }
    },
  );

  it.each([
    ['approve', 'You wrote this post, so someone else must approve it.'],
    ['request_changes', 'You wrote this post, so someone else must review it.'],
    ['fast_track', 'You wrote this alert, so two other people must approve it on the fast path.'],
  ] as const)(
    '%s is refused to the author of the post with 403, whatever their roles',
    async (move, message) => {
      for (const state of POST_STATES.filter((s) => transitionOf(move, s))) {
        const h = harness(state);
        const err = await rejectionOf(make(h, move, AUTHOR_ADMIN), ForbiddenError);
        expect(err.message).toBe(message);
        expect(h.posts.head.state).toBe(state);
        expect(h.reviews.approvals).toEqual([]);
      }
    },
  );

  it.each(['approve', 'request_changes', 'fast_track'] as const)(
    '%s is refused with 403 to whoever changed what would be published, but not to whoever changed only its tags',
    async (move) => {
      const h = harness('in_review');
      h.posts.versions.push(
        {
          revision: 2,
          contentHash: 'hash-2',
          editor: { id: MANAGER.actorUserId, name: 'M' },
          createdAt: NOW,
        },
        {
          revision: 3,
          contentHash: 'hash-2',
          editor: { id: REVIEWER.actorUserId, name: 'R' },
          createdAt: NOW,
        },
      );
      await rejectionOf(make(h, move, MANAGER), ForbiddenError);
      expect(h.reviews.approvals).toEqual([]);
      await expect(make(h, move, REVIEWER)).resolves.toMatchObject({ postId: POST });
    },
  );

  it.each(['submit', 'cancel'] as const)('%s may be made by the author', async (move) => {
    const h = harness('draft');
    await expect(make(h, move, { ...MARKETER, actorUserId: AUTHOR })).resolves.toMatchObject({
      state: LANDS[move]('draft'),
    });
  });
});

describe('submitting', () => {
  it('refuses while a blocking finding is open, listing it (422), and goes ahead once it is overridden', async () => {
    const h = harness('draft');
    h.posts.findings = [
      PHONE_FINDING,
      { ...PHONE_FINDING, rule: 'readability.grade', severity: 'warn', excerpt: null },
    ];
    const err = await rejectionOf(h.service.submit(MARKETER, POST), ValidationError);
    expect(err.violations).toEqual([{ field: 'text', rule: 'phi.phone', message: PHONE_FINDING.message }]);
    expect(h.posts.head.state).toBe('draft');

    h.reviews.overrideRows = [
      {
        id: 'o-1',
        postId: POST,
        rule: 'phi.phone',
        field: 'text',
        excerpt: '555-010-0199',
        reason: 'It is the clinic’s own number.',
        reviewer: { id: REVIEWER.actorUserId, name: 'Marcus' },
        revision: 3,
        createdAt: new Date(NOW),
      },
    ];
    await expect(h.service.submit(MARKETER, POST)).resolves.toMatchObject({ state: 'in_review' });
  });

  it('does not count an override of other words: an edit that changed them needs a new one', async () => {
    const h = harness('draft');
    h.posts.findings = [{ ...PHONE_FINDING, excerpt: '555-010-0200' }];
    h.reviews.overrideRows = [
      {
        id: 'o-1',
        postId: POST,
        rule: 'phi.phone',
        field: 'text',
        excerpt: '555-010-0199',
        reason: 'Our number.',
        reviewer: { id: 'r', name: 'Marcus' },
        revision: 2,
        createdAt: new Date(NOW),
      },
    ];
    await rejectionOf(h.service.submit(MARKETER, POST), ValidationError);
  });

  it('refuses a post whose scheduled time has passed (422 naming scheduledAt)', async () => {
    const h = harness('draft', { head: { scheduledAt: '2026-03-02T08:59:00.000Z' } });
    const err = await rejectionOf(h.service.submit(MARKETER, POST), ValidationError);
    expect(err.violations.map((v) => v.field)).toEqual(['scheduledAt']);
  });

  it('tells the reviewers, not the person submitting nor the author', async () => {
    const h = harness('draft');
    await h.service.submit(MARKETER, POST);
    expect(h.notices).toEqual([
      expect.objectContaining({
        kind: 'review_requested',
        recipientPermission: 'review.decide',
        excludeUserIds: [MARKETER.actorUserId, AUTHOR],
      }),
    ]);
    expect(h.audits.map((a) => a.action)).toEqual(['post.submitted']);
  });
});

describe('approving', () => {
  it('with two approvals required: the first waits, the same person again is refused (409), a second person approves', async () => {
    const h = harness('in_review', { settings: { requiredApprovals: { post: 1, health_alert: 2 } } });
    await expect(h.service.approve(REVIEWER, POST, null)).resolves.toMatchObject({
      state: 'in_review',
      approvals: 1,
      requiredApprovals: 2,
    });
    expect(h.notices).toEqual([]);
    await rejectionOf(h.service.approve(REVIEWER, POST, null), ConflictError);
    await expect(h.service.approve(MANAGER, POST, 'Fine.')).resolves.toMatchObject({
      state: 'approved',
      approvals: 2,
    });
    expect(h.posts.head.state).toBe('approved');
    expect(h.notices).toEqual([expect.objectContaining({ kind: 'approved', recipientUserIds: [AUTHOR] })]);
    expect(h.handedOff).toEqual([
      expect.objectContaining({ postId: POST, state: 'approved', fastTrack: false }),
    ]);
  });

  it('does not count an approval its giver followed with a request for changes on the same content', async () => {
    const h = harness('in_review', { settings: { requiredApprovals: { post: 1, health_alert: 2 } } });
    await h.service.approve(REVIEWER, POST, null);
    await h.service.requestChanges(REVIEWER, POST, 'On second thought: add the hours.');
    h.posts.head = { ...h.posts.head, state: 'in_review' };
    await expect(h.service.approve(MANAGER, POST, null)).resolves.toMatchObject({
      state: 'in_review',
      approvals: 1,
    });
    const err = await rejectionOf(h.service.approve(REVIEWER, POST, null), ConflictError);
    expect(err.message).toMatch(/needs an edit/);
  });

  it('does not count an approval of earlier content', async () => {
    const h = harness('in_review', { settings: { requiredApprovals: { post: 1, health_alert: 2 } } });
    await h.service.approve(REVIEWER, POST, null);
    h.posts.head = { ...h.posts.head, revision: 4, contentHash: 'hash-4' };
    await expect(h.service.approve(MANAGER, POST, null)).resolves.toMatchObject({
      state: 'in_review',
      approvals: 1,
    });
  });

  it('keeps the approval record of rule A2: hash, channels, author, approver, findings and overrides in force', async () => {
    const h = harness('in_review');
    h.posts.findings = [{ ...PHONE_FINDING, severity: 'warn' }];
    await h.service.approve(REVIEWER, POST, 'Looks right.');
    expect(h.reviews.approvals).toEqual([
      expect.objectContaining({
        revision: 3,
        contentHash: 'hash-3',
        channels: [{ id: 'ch-1', kind: 'x_account', name: '@riverside' }],
        author: { id: AUTHOR, name: 'Dana' },
        approverUserId: REVIEWER.actorUserId,
        approverEmail: REVIEWER.email,
        approverRoles: ['reviewer'],
        decision: 'approved',
        path: 'standard',
        comment: 'Looks right.',
        findings: [{ ...PHONE_FINDING, severity: 'warn' }],
        overrides: [],
        decidedAt: new Date(NOW),
      }),
    ]);
  });

  it('schedules a post whose time is still to come', async () => {
    const h = harness('in_review', { head: { scheduledAt: '2026-03-02T10:00:00.000Z' } });
    await expect(h.service.approve(REVIEWER, POST, null)).resolves.toMatchObject({ state: 'scheduled' });
    expect(h.handedOff).toEqual([expect.objectContaining({ state: 'scheduled' })]);
  });

  it('expires a post whose time passed before the approval came, tells the author, and hands nothing to publishing', async () => {
    const h = harness('in_review', { head: { scheduledAt: '2026-03-02T08:30:00.000Z' } });
    await expect(h.service.approve(REVIEWER, POST, null)).resolves.toMatchObject({ state: 'expired' });
    expect(h.audits.map((a) => a.action)).toEqual(['post.approved', 'post.expired']);
    expect(h.notices).toEqual([expect.objectContaining({ kind: 'expired', recipientUserIds: [AUTHOR] })]);
    expect(h.handedOff).toEqual([]);
  });

  it('refuses while a blocking finding is open (422)', async () => {
    const h = harness('in_review');
    h.posts.findings = [PHONE_FINDING];
    await rejectionOf(h.service.approve(REVIEWER, POST, null), ValidationError);
    expect(h.reviews.approvals).toEqual([]);
  });

  it('refuses when the post changed between reading it and deciding (409)', async () => {
    const h = harness('in_review');
    h.posts.detailHash = 'hash-2';
    await rejectionOf(h.service.approve(REVIEWER, POST, null), ConflictError);
    expect(h.reviews.approvals).toEqual([]);
  });
});

describe('requesting changes', () => {
  it('needs a comment (422 naming it), then sends the post back and tells the author what to change', async () => {
    const h = harness('in_review');
    const err = await rejectionOf(h.service.requestChanges(REVIEWER, POST, '   '), ValidationError);
    expect(err.violations.map((v) => v.field)).toEqual(['comment']);
    await h.service.requestChanges(REVIEWER, POST, ' Remove the phone number. ');
    expect(h.posts.head.state).toBe('changes_requested');
    expect(h.reviews.approvals).toEqual([
      expect.objectContaining({ decision: 'changes_requested', comment: 'Remove the phone number.' }),
    ]);
    expect(h.notices).toEqual([
      expect.objectContaining({
        kind: 'changes_requested',
        recipientUserIds: [AUTHOR],
        body: expect.stringContaining('Remove the phone number.'),
      }),
    ]);
  });
});

describe('the emergency fast path', () => {
  it('a manager then a reviewer: the first puts a draft in review, the second approves it at once', async () => {
    const h = harness('draft');
    await expect(h.service.fastTrack(MANAGER, POST, null)).resolves.toMatchObject({ state: 'in_review' });
    expect(h.notices).toEqual([expect.objectContaining({ kind: 'review_requested' })]);
    await expect(h.service.fastTrack(REVIEWER, POST, null)).resolves.toMatchObject({ state: 'approved' });
    expect(h.audits.map((a) => a.action)).toEqual(['post.fast_tracked', 'post.fast_tracked']);
    expect(h.handedOff).toEqual([expect.objectContaining({ state: 'approved', fastTrack: true })]);
    expect(h.reviews.approvals.map((a) => [a.approverUserId, a.path])).toEqual([
      [MANAGER.actorUserId, 'fast_track'],
      [REVIEWER.actorUserId, 'fast_track'],
    ]);
  });

  it('a reviewer then a manager works as well', async () => {
    const h = harness('in_review');
    await h.service.fastTrack(REVIEWER, POST, null);
    await expect(h.service.fastTrack(MANAGER, POST, null)).resolves.toMatchObject({ state: 'approved' });
  });

  it('refuses the same person twice (409) and two people of the same role (403)', async () => {
    const h = harness('in_review');
    await h.service.fastTrack(REVIEWER, POST, null);
    await rejectionOf(h.service.fastTrack(REVIEWER, POST, null), ConflictError);
    const err = await rejectionOf(h.service.fastTrack(REVIEWER_2, POST, null), ForbiddenError);
    expect(err.message).toMatch(/practice manager/);
    expect(h.posts.head.state).toBe('in_review');
  });

  it('refuses when the organisation does not allow it (403)', async () => {
    const h = harness('in_review', { settings: { allowEmergencyFastPath: false } });
    const err = await rejectionOf(h.service.fastTrack(MANAGER, POST, null), ForbiddenError);
    expect(err.message).toMatch(/does not use the emergency fast path/);
    expect(h.reviews.approvals).toEqual([]);
  });

  it.each([
    ['a plain post', { kind: 'post' as const, urgency: null }],
    ['an urgent (not emergency) alert', { urgency: 'urgent' as const }],
  ])('refuses %s (422)', async (_what, head) => {
    const h = harness('in_review', { head });
    const err = await rejectionOf(h.service.fastTrack(MANAGER, POST, null), ValidationError);
    expect(err.violations.map((v) => v.field)).toEqual(['urgency']);
  });

  it('refuses someone who may decide but is neither manager nor reviewer (403)', async () => {
    const h = harness('in_review');
    await rejectionOf(h.service.fastTrack(actor('user-admin', ['admin']), POST, null), ForbiddenError);
  });

  it('expires an alert whose time passed by the second approval', async () => {
    const h = harness('in_review', { head: { scheduledAt: '2026-03-02T09:05:00.000Z' } });
    await h.service.fastTrack(MANAGER, POST, null);
    h.clock.set('2026-03-02T09:06:00.000Z');
    await expect(h.service.fastTrack(REVIEWER, POST, null)).resolves.toMatchObject({ state: 'expired' });
    expect(h.notices.map((n) => n.kind)).toEqual(['review_requested', 'expired']);
  });
});
