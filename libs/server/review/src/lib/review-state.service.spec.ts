import type { AuditService } from '@carecast/server/audit';
import {
  versionKey,
  type ContentSettingsService,
  type PostsService,
  type PostWithFindings,
} from '@carecast/server/content';
import type { MembersService } from '@carecast/server/identity';
import {
  DEFAULT_CONTENT_SETTINGS,
  permissionsOf,
  type Finding,
  type PostSnapshot,
} from '@carecast/shared/contracts';
import type { ReviewRepository } from './review.repository';
import { ReviewStateService } from './review-state.service';
import type { ReviewActor, StoredApproval, StoredOverride } from './review.types';

const ORG = 'org-1';
const ME = 'user-reviewer';

const actor: ReviewActor = {
  organisationId: ORG,
  actorUserId: ME,
  actorLabel: 'reviewer@practice.example',
  name: 'Rita Reviewer',
  email: 'reviewer@practice.example',
  roles: ['reviewer'],
  permissions: permissionsOf(['reviewer']),
  ip: null,
  userAgent: null,
  requestId: null,
};

const finding = (over: Partial<Finding> = {}): Finding => ({
  rule: 'phi.phone',
  severity: 'block',
  message: 'A phone number that may identify a patient.',
  field: 'text',
  span: { start: 0, end: 12 },
  excerpt: '555-201-3344',
  suggestion: 'Remove it.',
  ...over,
});

const snapshot = (over: Partial<PostSnapshot> = {}): PostSnapshot => ({
  kind: 'post',
  urgency: null,
  validFrom: null,
  validUntil: null,
  allClearText: null,
  text: 'Flu shots are here.',
  link: null,
  tags: [],
  variants: [],
  images: [],
  spanish: null,
  scheduledAt: null,
  ...over,
});

const post = (id: string, over: Partial<PostWithFindings> = {}): PostWithFindings => ({
  id,
  kind: 'post',
  state: 'in_review',
  urgency: null,
  text: 'Flu shots are here.',
  channels: [],
  tags: [],
  imageCount: 0,
  scheduledAt: null,
  submittedAt: '2026-03-02T09:00:00.000Z',
  revision: 1,
  author: { id: 'user-author', name: 'Ann Author' },
  createdAt: '2026-03-02T08:00:00.000Z',
  updatedAt: '2026-03-02T09:00:00.000Z',
  contentHash: `hash-${id}-1`,
  findings: [],
  ...over,
});

const decision = (postId: string, over: Partial<StoredApproval> = {}): StoredApproval => ({
  id: `a-${postId}-${over.revision ?? 1}`,
  organisationId: ORG,
  postId,
  revision: 1,
  contentHash: `hash-${postId}-1`,
  channels: [],
  author: null,
  approverUserId: ME,
  approverName: 'Rita Reviewer',
  approverEmail: 'reviewer@practice.example',
  approverRoles: ['reviewer'],
  outsideLinkId: null,
  path: 'standard',
  decision: 'approved',
  comment: null,
  findings: [],
  overrides: [],
  decidedAt: new Date('2026-03-02T10:00:00.000Z'),
  ...over,
});

const override = (postId: string, f: Finding): StoredOverride => ({
  id: `o-${postId}`,
  postId,
  rule: f.rule,
  field: f.field,
  excerpt: f.excerpt,
  reason: 'The patient asked us to post it.',
  reviewer: { id: ME, name: 'Rita Reviewer' },
  revision: 1,
  createdAt: new Date('2026-03-02T09:30:00.000Z'),
});

function setup(data: {
  posts: PostWithFindings[];
  approvals?: StoredApproval[];
  overrides?: StoredOverride[];
  snapshots?: Map<string, PostSnapshot>;
}) {
  const postsService = {
    listWithFindings: jest.fn(async () => ({ posts: data.posts, total: data.posts.length })),
    versionSnapshots: jest.fn(async () => data.snapshots ?? new Map()),
    list: jest.fn(),
    getForReview: jest.fn(),
    version: jest.fn(),
    versions: jest.fn(),
  };
  const reviews = {
    approvalsOfPosts: jest.fn(async () => data.approvals ?? []),
    overridesOfPosts: jest.fn(async () => data.overrides ?? []),
    // No post of these had other content before its current one.
    currentContent: jest.fn(
      async () => new Map(data.posts.map((p) => [p.id, { contentHash: p.contentHash, since: 1 }])),
    ),
    currentContentOf: jest.fn(),
    approvals: jest.fn(),
    overrides: jest.fn(),
  };
  const settings = { get: jest.fn(async () => DEFAULT_CONTENT_SETTINGS) };
  const service = new ReviewStateService(
    reviews as unknown as ReviewRepository,
    postsService as unknown as PostsService,
    settings as unknown as ContentSettingsService,
    {} as AuditService,
    {} as MembersService,
  );
  return { service, postsService, reviews };
}

describe('ReviewStateService.queue', () => {
  it('counts each post’s blocking findings that no override of that post lets pass (warnings do not count)', async () => {
    const phone = finding();
    const warning = finding({ rule: 'claims.unsupported', severity: 'warn', excerpt: 'best' });
    const other = finding({ rule: 'phi.name', excerpt: 'Maria Lopez', span: { start: 0, end: 11 } });
    const { service } = setup({
      posts: [
        post('p-1', { findings: [phone, warning, other] }),
        post('p-2', { findings: [phone] }),
        post('p-3', { findings: [warning] }),
      ],
      // The override of p-1's phone finding does not let p-2's pass.
      overrides: [override('p-1', phone)],
    });
    const items = await service.queue(actor, {});
    expect(items.map((i) => [i.id, i.blockingFindings])).toEqual([
      ['p-1', 1],
      ['p-2', 1],
      ['p-3', 0],
    ]);
  });

  it('names what changed since the person’s last decision, each label once; nothing when the content is the one they decided on', async () => {
    const before = snapshot({ text: 'Flu shots are here.', link: null });
    const after = snapshot({ text: 'Flu shots are here today.', link: 'https://riverside.example/flu' });
    const { service, postsService } = setup({
      posts: [
        post('p-changed', { revision: 3, contentHash: 'hash-p-changed-3' }),
        post('p-same', { revision: 2, contentHash: 'hash-p-same-1' }),
        post('p-new'),
      ],
      approvals: [
        decision('p-changed', { decision: 'changes_requested' }),
        // Only tags changed since (same hash): not changed for the reviewer.
        decision('p-same', { revision: 1, contentHash: 'hash-p-same-1' }),
        // Someone else's decision says nothing about mine.
        decision('p-new', { approverUserId: 'user-other', approverEmail: 'other@practice.example' }),
      ],
      snapshots: new Map([
        [versionKey('p-changed', 1), before],
        [versionKey('p-changed', 3), after],
      ]),
    });
    const items = await service.queue(actor, {});
    expect(items.map((i) => [i.id, i.changedSinceMyLastDecision, i.changedParts])).toEqual([
      ['p-changed', true, ['Text', 'Link']],
      ['p-same', false, []],
      ['p-new', false, []],
    ]);
    expect(items.find((i) => i.id === 'p-same')).toMatchObject({ approvedByMe: true, approvalCount: 1 });
    // Only the revisions to compare are read, in one go.
    expect(postsService.versionSnapshots).toHaveBeenCalledWith(ORG, [
      { postId: 'p-changed', revision: 1 },
      { postId: 'p-changed', revision: 3 },
    ]);
  });

  it('reads everything in bulk, whatever the number of posts: no read per post', async () => {
    const posts = Array.from({ length: 40 }, (_, i) =>
      post(`p-${i}`, { revision: 2, contentHash: `hash-p-${i}-2`, findings: [finding()] }),
    );
    const { service, postsService, reviews } = setup({
      posts,
      approvals: posts.map((p) => decision(p.id)),
    });
    const items = await service.queue(actor, { limit: 100 });
    expect(items).toHaveLength(40);
    expect(postsService.listWithFindings).toHaveBeenCalledTimes(1);
    expect(postsService.listWithFindings).toHaveBeenCalledWith(ORG, {
      state: ['in_review'],
      kind: undefined,
      sort: 'submitted_asc',
      limit: 100,
    });
    expect(reviews.approvalsOfPosts).toHaveBeenCalledTimes(1);
    expect(reviews.overridesOfPosts).toHaveBeenCalledTimes(1);
    expect(reviews.currentContent).toHaveBeenCalledTimes(1);
    expect(postsService.versionSnapshots).toHaveBeenCalledTimes(1);
    for (const perPost of [
      postsService.getForReview,
      postsService.version,
      postsService.versions,
      reviews.approvals,
      reviews.overrides,
      reviews.currentContentOf,
    ])
      expect(perPost).not.toHaveBeenCalled();
  });
});
