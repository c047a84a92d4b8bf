import { computed, inject, Injectable, signal } from '@angular/core';
import {
  APPROVAL_DECISION_LABELS,
  POST_STATE_LABELS,
  type ApprovalRecord,
  type AuditEntry,
  type Finding,
  type FindingOverride,
  type OutsideReviewSummary,
  type PersonRef,
  type PostChanges,
  type PostDetail,
  type PostHistoryEntry,
  type PostReviewState,
  type PostVersionSummary,
  type RequestOutsideReviewRequest,
  type ReviewComment,
  type ReviewOutcome,
  type Role,
} from '@carecast/shared/contracts';
import { AuthStore } from '@carecast/web/core';
import { errorStatus, userMessage } from '@carecast/web/shared/util';
import { firstValueFrom, forkJoin, map, type Observable } from 'rxjs';
import { NO_ACTIONS, offeredActions, type OfferedActions } from './post-actions';
import { ReviewService } from './review.service';

/** Something read from the api: not asked yet, on its way, there, or failed with the reason. */
export type Loadable<T> =
  | { state: 'idle' }
  | { state: 'loading' }
  | { state: 'ready'; value: T }
  | { state: 'failed'; message: string };

export type PostLoad =
  { state: 'loading' } | { state: 'ready' } | { state: 'failed'; message: string; notFound: boolean };

/** The parts of the post page read only when opened. */
export type PostSection =
  'versions' | 'history' | 'approvals' | 'comments' | 'outside' | 'audit' | 'mentionable';

/** Someone who can be @mentioned in a comment (with their roles, when the api listed them). */
export interface Mentionable {
  id: string;
  name: string;
  roles?: readonly Role[];
}

export interface DiffView {
  from: number;
  to: number;
  result: Loadable<PostChanges>;
}

/** What a move did, in plain words, for the notice at the top of the page. */
export function describeOutcome(action: string, outcome: ReviewOutcome): string {
  const state = POST_STATE_LABELS[outcome.state];
  const approvals = `${outcome.approvals} of ${outcome.requiredApprovals} approval${outcome.requiredApprovals === 1 ? '' : 's'}`;
  switch (action) {
    case 'approve':
    case 'fast_track':
      return outcome.state === 'in_review'
        ? `Your approval was recorded (${approvals}). The post waits for the others.`
        : `Your approval was recorded (${approvals}). The post is now: ${state}.`;
    case 'request_changes':
      return 'Sent back to the author with your comment.';
    case 'submit':
      return 'Submitted for review. The reviewers have been told.';
    case 'cancel':
      return 'The post was cancelled. It stays here with its history.';
    default:
      return `The post is now: ${state}.`;
  }
}

/**
 * Signal store of one post under review (provided by the post page): the post, where it stands
 * in review for the signed-in person and what they may do, the moves, and the parts read on
 * demand (versions and the diff, history, approvals, comments, outside approvers, audit).
 */
@Injectable()
export class PostReviewStore {
  private readonly api = inject(ReviewService);
  private readonly auth = inject(AuthStore);

  private readonly _postId = signal<string | null>(null);
  private readonly _load = signal<PostLoad>({ state: 'loading' });
  private readonly _post = signal<PostDetail | null>(null);
  private readonly _review = signal<PostReviewState | null>(null);
  private readonly _notice = signal<string | null>(null);
  private readonly _versions = signal<Loadable<PostVersionSummary[]>>({ state: 'idle' });
  private readonly _history = signal<Loadable<PostHistoryEntry[]>>({ state: 'idle' });
  private readonly _approvals = signal<Loadable<ApprovalRecord[]>>({ state: 'idle' });
  private readonly _comments = signal<Loadable<ReviewComment[]>>({ state: 'idle' });
  private readonly _outside = signal<Loadable<OutsideReviewSummary[]>>({ state: 'idle' });
  private readonly _audit = signal<Loadable<AuditEntry[]>>({ state: 'idle' });
  private readonly _mentionable = signal<Loadable<Mentionable[]>>({ state: 'idle' });
  private readonly _diff = signal<DiffView | null>(null);
  private generation = 0;

  readonly postId = this._postId.asReadonly();
  readonly load = this._load.asReadonly();
  readonly post = this._post.asReadonly();
  readonly review = this._review.asReadonly();
  /** What the last move did ("Your approval was recorded…"). */
  readonly notice = this._notice.asReadonly();
  readonly versions = this._versions.asReadonly();
  readonly history = this._history.asReadonly();
  readonly approvals = this._approvals.asReadonly();
  readonly comments = this._comments.asReadonly();
  readonly outside = this._outside.asReadonly();
  readonly audit = this._audit.asReadonly();
  readonly diff = this._diff.asReadonly();

  readonly isAuthor = computed(() => {
    const me = this.auth.user()?.id;
    return !!me && this._post()?.author?.id === me;
  });

  /** What the page offers the signed-in person on this post now. */
  readonly actions = computed<OfferedActions>(() => {
    const post = this._post();
    if (!post) return NO_ACTIONS;
    return offeredActions(
      this._review()?.state ?? post.state,
      post.author?.id ?? null,
      { userId: this.auth.user()?.id ?? null, permissions: this.auth.permissions() },
      this._review(),
    );
  });

  /** The findings of the current content, each with the override that lets it pass (if one does). */
  readonly findings = computed(() => {
    const review = this._review();
    const findings = review?.findings ?? this._post()?.findings ?? [];
    return findings.map((finding) => ({
      finding,
      override: overrideOf(finding, review?.overrides ?? []),
    }));
  });

  readonly blockingCount = computed(() => this._review()?.blockingFindings.length ?? 0);

  /**
   * The revisions the diff compares by default: since the signed-in person's last decision when
   * the post changed since, else the previous revision against the current one.
   */
  readonly defaultDiff = computed<{ from: number; to: number } | null>(() => {
    const review = this._review();
    const current = review?.revision ?? this._post()?.revision ?? 0;
    const mine = review?.myLastDecision?.revision;
    if (mine && mine < current) return { from: mine, to: current };
    return current > 1 ? { from: current - 1, to: current } : null;
  });

  /**
   * People who can be @mentioned, never oneself: the members of the practice who can read posts
   * (read with `read('mentionable')`), or, until they are read or if they cannot be, the people
   * already on this post (author, editors, reviewers, commenters).
   */
  readonly mentionable = computed<Mentionable[]>(() => {
    const listed = this._mentionable();
    const me = this.auth.user()?.id;
    if (listed.state === 'ready') return listed.value.filter((m) => m.id !== me);
    return this.peopleOnPost();
  });

  /** Reads the post and its review state; the parts already opened are read again. */
  async open(postId: string): Promise<void> {
    const generation = ++this.generation;
    const switched = this._postId() !== postId;
    this._postId.set(postId);
    if (switched) {
      this._load.set({ state: 'loading' });
      this._post.set(null);
      this._review.set(null);
      this._notice.set(null);
      this._diff.set(null);
      for (const s of this.sections()) s.set({ state: 'idle' });
    }
    try {
      const { post, review } = await firstValueFrom(
        forkJoin({ post: this.api.post(postId), review: this.api.reviewState(postId) }),
      );
      if (generation !== this.generation) return;
      this._post.set(post);
      this._review.set(review);
      this._load.set({ state: 'ready' });
    } catch (error: unknown) {
      if (generation !== this.generation) return;
      const status = errorStatus(error);
      this._load.set({
        state: 'failed',
        message:
          status === 404
            ? 'This post does not exist, or it belongs to another organisation.'
            : userMessage(error),
        notFound: status === 404,
      });
      return;
    }
    await Promise.all(
      (['versions', 'history', 'approvals', 'comments', 'outside', 'audit'] as const)
        .filter((s) => this.signalOf(s)().state !== 'idle')
        .map((s) => this.read(s, true)),
    );
  }

  /** Reads a part of the page the first time it is shown (or again with `force`). */
  async read(section: PostSection, force = false): Promise<void> {
    const postId = this._postId();
    const target = this.signalOf(section);
    if (!postId || (!force && target().state !== 'idle')) return;
    if (target().state !== 'ready') target.set({ state: 'loading' });
    try {
      const value = await firstValueFrom(this.request(section, postId));
      if (postId === this._postId()) target.set({ state: 'ready', value });
    } catch (error: unknown) {
      if (postId === this._postId()) target.set({ state: 'failed', message: userMessage(error) });
    }
  }

  /** Compares two saved revisions (the earlier one first). */
  async compare(a: number, b: number): Promise<void> {
    const postId = this._postId();
    if (!postId) return;
    const [from, to] = a <= b ? [a, b] : [b, a];
    this._diff.set({ from, to, result: { state: 'loading' } });
    if (from === to) {
      this._diff.set({
        from,
        to,
        result: { state: 'ready', value: { fromRevision: from, toRevision: to, changes: [] } },
      });
      return;
    }
    try {
      const value = await firstValueFrom(this.api.changes(postId, from, to));
      const current = this._diff();
      if (current?.from === from && current.to === to)
        this._diff.set({ from, to, result: { state: 'ready', value } });
    } catch (error: unknown) {
      const current = this._diff();
      if (current?.from === from && current.to === to)
        this._diff.set({ from, to, result: { state: 'failed', message: userMessage(error) } });
    }
  }

  // Moves (each throws the api's refusal, for the form that asked; success reloads the post) ---

  approve(comment: string | null): Promise<void> {
    return this.move('approve', (id) => this.api.approve(id, comment?.trim() || null));
  }

  requestChanges(comment: string): Promise<void> {
    return this.move('request_changes', (id) => this.api.requestChanges(id, comment.trim()));
  }

  submit(): Promise<void> {
    return this.move('submit', (id) => this.api.submit(id));
  }

  cancel(reason: string | null): Promise<void> {
    return this.move('cancel', (id) => this.api.cancel(id, reason?.trim() || null));
  }

  fastTrack(comment: string | null): Promise<void> {
    return this.move('fast_track', (id) => this.api.fastTrack(id, comment?.trim() || null));
  }

  async override(finding: Finding, reason: string): Promise<void> {
    const id = this.requirePostId();
    await firstValueFrom(
      this.api.override(id, {
        rule: finding.rule,
        field: finding.field,
        excerpt: finding.excerpt,
        reason: reason.trim(),
      }),
    );
    await this.open(id);
    this._notice.set('The finding was overridden with your reason. It is kept with the approval record.');
  }

  async addComment(text: string, mentionedUserIds: string[]): Promise<void> {
    const id = this.requirePostId();
    const comment = await firstValueFrom(
      this.api.addComment(id, text.trim(), [...new Set(mentionedUserIds)]),
    );
    const current = this._comments();
    this._comments.set({
      state: 'ready',
      value: [...(current.state === 'ready' ? current.value : []), comment],
    });
    if (this._history().state !== 'idle') void this.read('history', true);
  }

  async askOutside(request: RequestOutsideReviewRequest): Promise<OutsideReviewSummary> {
    const id = this.requirePostId();
    const made = await firstValueFrom(
      this.api.requestOutsideReview(id, {
        name: request.name.trim(),
        email: request.email.trim(),
        message: request.message?.trim() || null,
      }),
    );
    this._notice.set(`${made.name} was emailed a link to review this post. It works once, for 72 hours.`);
    await this.read('outside', true);
    return made;
  }

  dismissNotice(): void {
    this._notice.set(null);
  }

  private async move(action: string, send: (postId: string) => Observable<ReviewOutcome>): Promise<void> {
    const id = this.requirePostId();
    const outcome = await firstValueFrom(send(id));
    await this.open(id);
    this._notice.set(describeOutcome(action, outcome));
  }

  private requirePostId(): string {
    const id = this._postId();
    if (!id) throw new Error('No post is open.');
    return id;
  }

  private request(section: PostSection, postId: string): Observable<unknown> {
    switch (section) {
      case 'versions':
        return this.api.versions(postId);
      case 'history':
        return this.api.history(postId);
      case 'approvals':
        return this.api.approvals(postId);
      case 'comments':
        return this.api.comments(postId);
      case 'outside':
        return this.api.outsideReviews(postId);
      case 'audit':
        return this.api.audit(postId).pipe(map((page) => page.entries));
      case 'mentionable':
        return this.api.mentionable(postId);
    }
  }

  private signalOf(section: PostSection) {
    const map = {
      versions: this._versions,
      history: this._history,
      approvals: this._approvals,
      comments: this._comments,
      outside: this._outside,
      audit: this._audit,
      mentionable: this._mentionable,
    } as const;
    return map[section] as unknown as ReturnType<typeof signal<Loadable<unknown>>>;
  }

  private sections() {
    // Not the people one may mention: they are the practice's, whichever post is open.
    return (['versions', 'history', 'approvals', 'comments', 'outside', 'audit'] as const).map((s) =>
      this.signalOf(s),
    );
  }

  private peopleOnPost(): Mentionable[] {
    const people: PersonRef[] = [];
    const post = this._post();
    if (post?.author) people.push(post.author);
    if (post?.lastEditedBy) people.push(post.lastEditedBy);
    const comments = this._comments();
    if (comments.state === 'ready') people.push(...comments.value.flatMap((c) => [c.author, ...c.mentions]));
    const approvals = this._approvals();
    if (approvals.state === 'ready')
      for (const a of approvals.value)
        if (a.approver.kind === 'member') people.push({ id: a.approver.id, name: a.approver.name });
    for (const a of this._review()?.approvals ?? [])
      if (a.approver.kind === 'member') people.push({ id: a.approver.id, name: a.approver.name });
    for (const o of this._review()?.overrides ?? []) people.push(o.reviewer);
    const me = this.auth.user();
    const seen = new Map<string, Mentionable>();
    for (const p of people)
      if (p.id !== me?.id && !seen.has(p.id)) seen.set(p.id, { id: p.id, name: p.name });
    return [...seen.values()].sort((a, b) => a.name.localeCompare(b.name));
  }
}

/** The override of a finding, when one in force lets it pass. */
export function overrideOf(finding: Finding, overrides: readonly FindingOverride[]): FindingOverride | null {
  return (
    overrides.find(
      (o) =>
        o.inForce &&
        o.rule === finding.rule &&
        o.field === finding.field &&
        (o.excerpt ?? null) === (finding.excerpt ?? null),
    ) ?? null
  );
}

/** "Approved", "Changes requested". */
export function decisionLabel(decision: ApprovalRecord['decision']): string {
  return APPROVAL_DECISION_LABELS[decision];
}

/** What someone did, as a verb after "you": "approved it", "requested changes". */
export function decisionVerb(decision: ApprovalRecord['decision']): string {
  return decision === 'approved' ? 'approved it' : 'requested changes';
}
