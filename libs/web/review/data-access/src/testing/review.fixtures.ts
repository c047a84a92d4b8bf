import {
  actionsAllowedBy,
  permissionsOf,
  type ApprovalRecord,
  type Finding,
  type OutsideReviewPage,
  type PostDetail,
  type PostReviewState,
  type ReviewQueueItem,
  type Role,
} from '@carecast/shared/contracts';

/** People of the Riverside fixtures (`u-1` is the signed-in user of `aMe()` in core/testing). */
export const DANA = { id: 'u-dana', name: 'Dana Whitfield' };
export const MARCUS = { id: 'u-1', name: 'Marcus Lee' };
export const FACEBOOK = { id: 'ch-fb', kind: 'facebook_page' as const, name: 'Riverside on Facebook' };
export const X_ACCOUNT = { id: 'ch-x', kind: 'x_account' as const, name: '@RiversideFM' };

export function aQueueItem(overrides: Partial<ReviewQueueItem> = {}): ReviewQueueItem {
  return {
    id: 'p-1',
    kind: 'post',
    urgency: null,
    text: 'Flu shots are here: walk in any weekday from 8 to 6.',
    channels: [FACEBOOK],
    author: DANA,
    submittedAt: '2026-03-02T14:00:00.000Z',
    scheduledAt: '2026-03-05T14:00:00.000Z',
    revision: 2,
    requiredApprovals: 1,
    approvalCount: 0,
    approvedByMe: false,
    changedSinceMyLastDecision: false,
    changedParts: [],
    blockingFindings: 0,
    mine: false,
    ...overrides,
  };
}

/** A blocking date-of-birth finding in the base text "…born 03/14/1962…". */
export function aPhiFinding(overrides: Partial<Finding> = {}): Finding {
  return {
    rule: 'phi.date',
    severity: 'block',
    message: 'A full date next to a person may identify a patient.',
    field: 'base.text',
    span: { start: 23, end: 33 },
    excerpt: '03/14/1962',
    suggestion: 'Remove the date, or write only the month.',
    ...overrides,
  };
}

export function aPost(overrides: Partial<PostDetail> = {}): PostDetail {
  return {
    id: 'p-1',
    kind: 'health_alert',
    state: 'in_review',
    urgency: 'urgent',
    validFrom: '2026-03-02T13:00:00.000Z',
    validUntil: '2026-03-03T23:00:00.000Z',
    allClearText: 'We are open again as usual.',
    text: 'Our patient Jane, born 03/14/1962, asks: are we closed? Yes, closed today for snow.',
    link: null,
    tags: ['weather'],
    variants: [
      {
        channelId: FACEBOOK.id,
        channelKind: FACEBOOK.kind,
        channelName: FACEBOOK.name,
        text: null,
        title: null,
        body: null,
      },
      {
        channelId: X_ACCOUNT.id,
        channelKind: X_ACCOUNT.kind,
        channelName: X_ACCOUNT.name,
        text: 'Closed today for snow.',
        title: null,
        body: null,
      },
    ],
    images: [
      {
        mediaId: 'm-1',
        url: '/api/media/m-1',
        contentType: 'image/jpeg',
        width: 800,
        height: 600,
        altText: 'The clinic entrance under snow',
        decorative: false,
      },
    ],
    spanish: { text: 'Cerrado hoy por la nieve.', title: null, body: null },
    scheduledAt: null,
    submittedAt: '2026-03-02T14:00:00.000Z',
    revision: 3,
    contentHash: 'a3f9c2e81b7d4f60aa11',
    author: DANA,
    lastEditedBy: DANA,
    createdAt: '2026-03-02T13:00:00.000Z',
    updatedAt: '2026-03-02T14:00:00.000Z',
    findings: [aPhiFinding()],
    ...overrides,
  };
}

/**
 * The review state the api gives `roles` (signed in as `viewerId`) for `post`: the moves of the
 * workflow table for that person, the post's blocking findings, no approvals yet.
 */
export function aReviewState(
  post: PostDetail = aPost(),
  roles: Role[] = ['reviewer'],
  viewerId = MARCUS.id,
  overrides: Partial<PostReviewState> = {},
): PostReviewState {
  const allowedActions = actionsAllowedBy(post.state, {
    permissions: permissionsOf(roles),
    isAuthor: post.author?.id === viewerId,
  }).filter((a) => a !== 'fast_track');
  return {
    postId: post.id,
    state: post.state,
    revision: post.revision,
    contentHash: post.contentHash,
    author: post.author,
    requiredApprovals: 1,
    approvals: [],
    allowedActions,
    refusedActions: [],
    findings: post.findings,
    blockingFindings: post.findings.filter((f) => f.severity === 'block'),
    overrides: [],
    fastTrack: { available: false, firstApproval: null },
    myLastDecision: null,
    changesSinceMyLastDecision: [],
    ...overrides,
  };
}

export function anApproval(overrides: Partial<ApprovalRecord> = {}): ApprovalRecord {
  return {
    id: 'a-1',
    postId: 'p-1',
    revision: 3,
    contentHash: 'a3f9c2e81b7d4f60aa11',
    channels: [FACEBOOK],
    author: DANA,
    approver: { kind: 'member', id: MARCUS.id, name: MARCUS.name, email: 'marcus@riverside.example' },
    decision: 'approved',
    path: 'standard',
    approverRoles: ['reviewer'],
    comment: 'Good to go.',
    findings: [],
    overrides: [],
    decidedAt: '2026-03-02T15:00:00.000Z',
    current: true,
    ...overrides,
  };
}

export function anOutsideReviewPage(overrides: Partial<OutsideReviewPage> = {}): OutsideReviewPage {
  const post = aPost({ findings: [] });
  return {
    organisationName: 'Riverside Family Medicine',
    organisationTimeZone: 'America/New_York',
    approverName: 'Dr. Ana Ruiz',
    requestedBy: MARCUS.name,
    message: 'Could you check the dosage wording?',
    expiresAt: '2026-03-05T14:00:00.000Z',
    post: {
      kind: post.kind,
      urgency: post.urgency,
      validFrom: post.validFrom,
      validUntil: post.validUntil,
      allClearText: post.allClearText,
      text: 'Closed today for snow. Call us at 555-0100 if you need help.',
      link: null,
      variants: post.variants,
      images: post.images.map((i) => ({ ...i, url: `/api/outside-reviews/tok/media/${i.mediaId}` })),
      spanish: post.spanish,
      scheduledAt: null,
      revision: 3,
      findings: [],
    },
    ...overrides,
  };
}
