import type { ApprovalDecision, ApprovalPath } from '@carecast/shared/contracts';
import { countingApprovals, STANDARD_PATHS } from './counting-approvals';
import type { StoredApproval } from './review.types';

let n = 0;
const decision = (
  email: string,
  decision: ApprovalDecision,
  over: { hash?: string; path?: ApprovalPath } = {},
): StoredApproval => ({
  id: `d-${++n}`,
  organisationId: 'org',
  postId: 'post',
  revision: 1,
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

describe('countingApprovals', () => {
  it('counts each person once, by address whatever its case, across members and outside approvers', () => {
    const a = decision('ana@x.example', 'approved');
    const b = decision('Ana@X.example', 'approved', { path: 'outside' });
    const c = decision('ben@x.example', 'approved');
    expect(countingApprovals([a, b, c], 'h1', STANDARD_PATHS).map((d) => d.approverEmail)).toEqual([
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
    const counted = countingApprovals([old, ...changedMind, fast, ...back], 'h1', STANDARD_PATHS);
    expect(counted.map((d) => d.approverEmail)).toEqual(['dee@x.example']);
    expect(countingApprovals([old, fast], 'h1', ['fast_track'])).toEqual([fast]);
  });
});
