import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type {
  ApprovalRecord,
  AuditPage,
  FindingOverride,
  MentionablePerson,
  OutsideDecisionRequest,
  OutsideDecisionResult,
  OutsideReviewPage,
  OutsideReviewSummary,
  OverrideFindingRequest,
  PostChanges,
  PostDetail,
  PostHistoryEntry,
  PostKind,
  PostReviewState,
  PostVersionSummary,
  RequestOutsideReviewRequest,
  ReviewComment,
  ReviewOutcome,
  ReviewQueueItem,
} from '@carecast/shared/contracts';
import { Observable } from 'rxjs';

export const REVIEW_QUEUE_URL = '/api/review-queue';
export const POSTS_URL = '/api/posts';
export const OUTSIDE_REVIEWS_URL = '/api/outside-reviews';
export const AUDIT_URL = '/api/audit';

/** The address of a post's sub-resource: `/api/posts/<id>/<rest>`. */
export function postUrl(postId: string, rest = ''): string {
  return `${POSTS_URL}/${encodeURIComponent(postId)}${rest ? `/${rest}` : ''}`;
}

/** The address of an outside approver's link: `/api/outside-reviews/<token>/<rest>`. */
export function outsideReviewUrl(token: string, rest = ''): string {
  return `${OUTSIDE_REVIEWS_URL}/${encodeURIComponent(token)}${rest ? `/${rest}` : ''}`;
}

/**
 * HTTP calls of the review context: the queue, the moves of the workflow, the decisions,
 * comments, overrides, versions and history of a post, and the outside approver's link.
 */
@Injectable({ providedIn: 'root' })
export class ReviewService {
  private readonly http = inject(HttpClient);

  // The queue -------------------------------------------------------------------------------

  queue(filters: { kind?: PostKind; limit?: number } = {}): Observable<ReviewQueueItem[]> {
    let params = new HttpParams();
    if (filters.kind) params = params.set('kind', filters.kind);
    if (filters.limit) params = params.set('limit', String(filters.limit));
    return this.http.get<ReviewQueueItem[]>(REVIEW_QUEUE_URL, { params });
  }

  // Reading a post --------------------------------------------------------------------------

  post(postId: string): Observable<PostDetail> {
    return this.http.get<PostDetail>(postUrl(postId));
  }

  reviewState(postId: string): Observable<PostReviewState> {
    return this.http.get<PostReviewState>(postUrl(postId, 'review'));
  }

  versions(postId: string): Observable<PostVersionSummary[]> {
    return this.http.get<PostVersionSummary[]>(postUrl(postId, 'versions'));
  }

  changes(postId: string, from: number, to: number): Observable<PostChanges> {
    const params = new HttpParams().set('from', String(from)).set('to', String(to));
    return this.http.get<PostChanges>(postUrl(postId, 'changes'), { params });
  }

  history(postId: string): Observable<PostHistoryEntry[]> {
    return this.http.get<PostHistoryEntry[]>(postUrl(postId, 'history'));
  }

  approvals(postId: string): Observable<ApprovalRecord[]> {
    return this.http.get<ApprovalRecord[]>(postUrl(postId, 'approvals'));
  }

  comments(postId: string): Observable<ReviewComment[]> {
    return this.http.get<ReviewComment[]>(postUrl(postId, 'comments'));
  }

  overrides(postId: string): Observable<FindingOverride[]> {
    return this.http.get<FindingOverride[]>(postUrl(postId, 'overrides'));
  }

  outsideReviews(postId: string): Observable<OutsideReviewSummary[]> {
    return this.http.get<OutsideReviewSummary[]>(postUrl(postId, 'outside-reviews'));
  }

  /** The audit entries about this post, newest first (people who may read the audit log). */
  audit(postId: string, limit = 50): Observable<AuditPage> {
    const params = new HttpParams().set('entityType', 'post').set('entityId', postId).set('limit', limit);
    return this.http.get<AuditPage>(AUDIT_URL, { params });
  }

  /** Whom a comment on this post may @mention: the practice's members who can read posts. */
  mentionable(postId: string): Observable<MentionablePerson[]> {
    return this.http.get<MentionablePerson[]>(postUrl(postId, 'mentionable'));
  }

  // Moves of the workflow -------------------------------------------------------------------

  submit(postId: string): Observable<ReviewOutcome> {
    return this.http.post<ReviewOutcome>(postUrl(postId, 'submit'), {});
  }

  approve(postId: string, comment: string | null): Observable<ReviewOutcome> {
    return this.http.post<ReviewOutcome>(postUrl(postId, 'approve'), { comment });
  }

  requestChanges(postId: string, comment: string): Observable<ReviewOutcome> {
    return this.http.post<ReviewOutcome>(postUrl(postId, 'request-changes'), { comment });
  }

  cancel(postId: string, reason: string | null): Observable<ReviewOutcome> {
    return this.http.post<ReviewOutcome>(postUrl(postId, 'cancel'), { reason });
  }

  fastTrack(postId: string, comment: string | null): Observable<ReviewOutcome> {
    return this.http.post<ReviewOutcome>(postUrl(postId, 'fast-track'), { comment });
  }

  override(postId: string, request: OverrideFindingRequest): Observable<FindingOverride> {
    return this.http.post<FindingOverride>(postUrl(postId, 'overrides'), request);
  }

  addComment(postId: string, text: string, mentionedUserIds: string[]): Observable<ReviewComment> {
    return this.http.post<ReviewComment>(postUrl(postId, 'comments'), { text, mentionedUserIds });
  }

  requestOutsideReview(
    postId: string,
    request: RequestOutsideReviewRequest,
  ): Observable<OutsideReviewSummary> {
    return this.http.post<OutsideReviewSummary>(postUrl(postId, 'outside-reviews'), request);
  }

  // The outside approver's link (no session) --------------------------------------------------

  outsideReview(token: string): Observable<OutsideReviewPage> {
    return this.http.get<OutsideReviewPage>(outsideReviewUrl(token));
  }

  decideOutside(token: string, request: OutsideDecisionRequest): Observable<OutsideDecisionResult> {
    return this.http.post<OutsideDecisionResult>(outsideReviewUrl(token, 'decision'), request);
  }
}
