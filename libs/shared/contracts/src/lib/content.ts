export const POST_KINDS = ['post', 'health_alert'] as const;
export type PostKind = (typeof POST_KINDS)[number];

export const ALERT_URGENCIES = ['routine', 'urgent', 'emergency'] as const;
export type AlertUrgency = (typeof ALERT_URGENCIES)[number];

/** The post's life (architecture.md, "State machines"); the moves between them are in post-workflow.ts. */
export const POST_STATES = [
  'draft',
  'in_review',
  'changes_requested',
  'approved',
  'scheduled',
  'publishing',
  'published',
  'partially_published',
  'failed',
  'expired',
  'cancelled',
] as const;
export type PostState = (typeof POST_STATES)[number];

export const POST_STATE_LABELS: Record<PostState, string> = {
  draft: 'Draft',
  in_review: 'In review',
  changes_requested: 'Changes requested',
  approved: 'Approved',
  scheduled: 'Scheduled',
  publishing: 'Publishing',
  published: 'Published',
  partially_published: 'Partly published',
  failed: 'Failed',
  expired: 'Expired',
  cancelled: 'Cancelled',
};

export const MAX_POST_IMAGES = 4;
