import { CreateWorkerHeartbeat1764300000000 } from './1764300000000-create-worker-heartbeat';
import { IdentityAndAudit1764400000000 } from './1764400000000-identity-and-audit';
import { Channels1764500000000 } from './1764500000000-channels';
import { CarecastBlog1764600000000 } from './1764600000000-carecast-blog';
import { ChannelEvents1764700000000 } from './1764700000000-channel-events';
import { MembershipJoinedAt1764800000000 } from './1764800000000-membership-joined-at';
import { AuditKeyedChain1764900000000 } from './1764900000000-audit-keyed-chain';
import { MembershipInvitedNotJoined1764910000000 } from './1764910000000-membership-invited-not-joined';
import { ChannelEventChangeTime1765000000000 } from './1765000000000-channel-event-change-time';
import { Content1766000000000 } from './1766000000000-content';
import { PostVariantKeepsChannel1766000000050 } from './1766000000050-post-variant-keeps-channel';
import { Review1766100000000 } from './1766100000000-review';
import { ReviewOrder1766100000001 } from './1766100000001-review-order';
import { ApprovalOncePerRevision1766100000002 } from './1766100000002-approval-once-per-revision';
import { Notifications1766200000000 } from './1766200000000-notifications';

/** Every migration, oldest first. A new migration is added here as well as in this folder. */
export const MIGRATIONS = [
  CreateWorkerHeartbeat1764300000000,
  IdentityAndAudit1764400000000,
  Channels1764500000000,
  CarecastBlog1764600000000,
  ChannelEvents1764700000000,
  MembershipJoinedAt1764800000000,
  AuditKeyedChain1764900000000,
  MembershipInvitedNotJoined1764910000000,
  ChannelEventChangeTime1765000000000,
  Content1766000000000,
  PostVariantKeepsChannel1766000000050,
  Review1766100000000,
  ReviewOrder1766100000001,
  ApprovalOncePerRevision1766100000002,
  Notifications1766200000000,
];
