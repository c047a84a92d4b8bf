import type { ApprovalDecision, ApprovalPath } from '@carecast/shared/contracts';
import { countingApprovals, STANDARD_PATHS } from './counting-approvals';
import type { StoredApproval } from './review.types';

let n = 0;
const decision = (
  email: string,
  decision: ApprovalDecision,
  over: { hash?: string; path?: ApprovalPath; revision?: number } = {},
): StoredApproval => ({
  id: `d-${++n}`,
  organisationId: 'org',
  postId: 'post',
  revision: over.revision ?? 1,
  contentHash: over.hash ?? 'h1',
  channels: [],
  author: null,
  approverUserId: over.path === 'outside' ? null : `user-${email}`,
  approverName: email,
  approverEmail: email,
  approverRoles: [],
  outsideLinkId: over.path === 'outside' ? `link-${n}` : null,
  path: over.path ?? 'standard',
  decision,
  comment: decision === 'approved' ? null : 'Change it.',
  findings: [],
  overrides: [],
  decidedAt: new Date(2026, 2, 2, 9, n),
});

const H1 = { contentHash: 'h1', since: 1 };

describe('countingApprovals', () => {
  it('counts each person once, by address whatever its case, across members and outside approvers', () => {
    const a = decision('ana@x.example', 'approved');
    const b = decision('Ana@X.example', 'approved', { path: 'outside' });
    const c = decision('ben@x.example', 'approved');
    expect(countingApprovals([a, b, c], H1, STANDARD_PATHS).map((d) => d.approverEmail)).toEqual([
      'Ana@X.example',
      'ben@x.example',
    ]);
  });

  it('counts only approvals of this content, on these paths, that their giver did not follow with a request for changes', () => {
    const old = decision('ana@x.example', 'approved', { hash: 'h0' });
    const changedMind = [
      decision('ben@x.example', 'approved'),
      decision('ben@x.example', 'changes_requested'),
    ];
    const fast = decision('cy@x.example', 'approved', { path: 'fast_track' });
    const back = [decision('dee@x.example', 'changes_requested'), decision('dee@x.example', 'approved')];
    const counted = countingApprovals([old, ...changedMind, fast, ...back], H1, STANDARD_PATHS);
    expect(counted.map((d) => d.approverEmail)).toEqual(['dee@x.example']);
    expect(countingApprovals([old, fast], H1, ['fast_track'])).toEqual([fast]);
  });

  it('counts nothing decided before an edit, even when a later edit brought the same content back', () => {
    const before = decision('ana@x.example', 'approved', { revision: 1 });
    const after = decision('ben@x.example', 'approved', { revision: 3 });
    // Revision 2 had other content; revision 3 brought h1 back.
    expect(countingApprovals([before, after], { contentHash: 'h1', since: 3 }, STANDARD_PATHS)).toEqual([
      after,
    ]);
    // A revision that changed only tags keeps the content: nothing is voided.
    expect(countingApprovals([before, after], H1, STANDARD_PATHS)).toEqual([before, after]);
  });
});
