import { HttpErrorResponse } from '@angular/common/http';
import { computed, DestroyRef, inject, Injectable, InjectionToken, signal } from '@angular/core';
import type {
  ChannelSummary,
  ContentSettings,
  CreatePostRequest,
  Finding,
  PostDetail,
  PostReviewState,
  PostTemplate,
  ReviewOutcome,
} from '@carecast/shared/contracts';
import { ChannelsService } from '@carecast/web/channels/data-access';
import { apiErrorBody, userMessage } from '@carecast/web/shared/util';
import { firstValueFrom } from 'rxjs';
import { PostsService } from './posts.service';

/** How long after the last change the composer saves to the server. */
export const AUTOSAVE_DELAY_MS = new InjectionToken<number>('AUTOSAVE_DELAY_MS', {
  providedIn: 'root',
  factory: () => 1500,
});

export type LoadState = { state: 'loading' } | { state: 'ready' } | { state: 'failed'; message: string };

export type SaveState =
  | { kind: 'idle' }
  | { kind: 'pending' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: string }
  /** Someone saved a newer revision: nothing more is saved until the post is reloaded. */
  | { kind: 'conflict'; message: string }
  | { kind: 'failed'; message: string };

export type SubmitState =
  | { kind: 'idle' }
  | { kind: 'sending' }
  | { kind: 'submitted'; outcome: ReviewOutcome }
  | { kind: 'refused'; message: string };

/**
 * The state of one composer page: the post as last saved, what the page needs to write it
 * (channels, content settings, templates), autosave and submission. Provided by the page.
 */
@Injectable()
export class ComposerStore {
  private readonly api = inject(PostsService);
  private readonly channelsApi = inject(ChannelsService);
  private readonly delayMs = inject(AUTOSAVE_DELAY_MS);

  private readonly _load = signal<LoadState>({ state: 'loading' });
  private readonly _post = signal<PostDetail | null>(null);
  private readonly _channels = signal<ChannelSummary[]>([]);
  private readonly _settings = signal<ContentSettings | null>(null);
  private readonly _templates = signal<PostTemplate[]>([]);
  private readonly _review = signal<PostReviewState | null>(null);
  private readonly _save = signal<SaveState>({ kind: 'idle' });
  private readonly _submit = signal<SubmitState>({ kind: 'idle' });

  readonly load = this._load.asReadonly();
  /** The post as the server last gave it; null until the first save of a new post. */
  readonly post = this._post.asReadonly();
  /** Channels a post can go to (connected or needing reconnection; not disabled ones). */
  readonly channels = computed(() => this._channels().filter((c) => c.status !== 'disabled'));
  readonly settings = this._settings.asReadonly();
  readonly templates = this._templates.asReadonly();
  readonly review = this._review.asReadonly();
  readonly saveState = this._save.asReadonly();
  readonly submitState = this._submit.asReadonly();
  /** What the server's checks found at the last save (including links, which only it checks). */
  readonly serverFindings = computed<Finding[]>(() => this._post()?.findings ?? []);
  readonly conflict = computed(() => this._save().kind === 'conflict');

  private timer: ReturnType<typeof setTimeout> | undefined;
  private queued: CreatePostRequest | null = null;
  private inFlight: Promise<PostDetail | null> | null = null;

  constructor() {
    inject(DestroyRef).onDestroy(() => clearTimeout(this.timer));
  }

  /** Loads what the page needs; `id` null for a new post. */
  async init(id: string | null): Promise<void> {
    this._load.set({ state: 'loading' });
    const soft = <T>(request: Promise<T>, fallback: T) => request.catch(() => fallback);
    const [channels, settings, templates] = await Promise.all([
      soft(firstValueFrom(this.channelsApi.list()), [] as ChannelSummary[]),
      soft(firstValueFrom(this.api.contentSettings()), null),
      soft(firstValueFrom(this.api.templates()), [] as PostTemplate[]),
    ]);
    this._channels.set(channels);
    this._settings.set(settings);
    this._templates.set(templates);
    if (id === null) {
      this._load.set({ state: 'ready' });
      return;
    }
    try {
      this._post.set(await firstValueFrom(this.api.get(id)));
      this._load.set({ state: 'ready' });
      void this.refreshReview();
    } catch (error: unknown) {
      this._load.set({ state: 'failed', message: userMessage(error) });
    }
  }

  /** Saves these contents after a pause in typing (each new call restarts the pause). */
  queueSave(content: CreatePostRequest): void {
    if (this.conflict()) return;
    this.queued = content;
    this._save.set({ kind: 'pending' });
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), this.delayMs);
  }

  /** Saves now whatever is waiting (or these contents); resolves to the saved post, or null if it failed. */
  async saveNow(content?: CreatePostRequest): Promise<PostDetail | null> {
    if (content) this.queued = content;
    clearTimeout(this.timer);
    return this.flush();
  }

  /** Whether changes are waiting or being saved. */
  readonly unsaved = computed(() => ['pending', 'saving'].includes(this._save().kind));

  private async flush(): Promise<PostDetail | null> {
    // One save at a time, in order: the next one is made on the revision the last one returned.
    while (this.inFlight) await this.inFlight;
    const content = this.queued;
    if (!content) return this._post();
    if (this.conflict()) return null;
    this.queued = null;
    this.inFlight = this.send(content);
    try {
      return await this.inFlight;
    } finally {
      this.inFlight = null;
    }
  }

  private async send(content: CreatePostRequest): Promise<PostDetail | null> {
    this._save.set({ kind: 'saving' });
    const post = this._post();
    try {
      const saved = post
        ? await firstValueFrom(this.api.update(post.id, { ...content, revision: post.revision }))
        : await firstValueFrom(this.api.create(content));
      this._post.set(saved);
      if (this.queued) this._save.set({ kind: 'pending' });
      else this._save.set({ kind: 'saved', at: saved.updatedAt });
      if (this._submit().kind === 'refused') this._submit.set({ kind: 'idle' });
      void this.refreshReview();
      return saved;
    } catch (error: unknown) {
      if (error instanceof HttpErrorResponse && error.status === 409) {
        this.queued = null;
        this._save.set({ kind: 'conflict', message: userMessage(error) });
      } else {
        // Kept so the next change (or "Save now") tries again.
        this.queued ??= content;
        this._save.set({ kind: 'failed', message: userMessage(error) });
      }
      return null;
    }
  }

  /** Loads the newest revision again (after a conflict); the page then shows it. */
  async reload(): Promise<PostDetail | null> {
    const post = this._post();
    if (!post) return null;
    clearTimeout(this.timer);
    this.queued = null;
    try {
      const fresh = await firstValueFrom(this.api.get(post.id));
      this._post.set(fresh);
      this._save.set({ kind: 'idle' });
      void this.refreshReview();
      return fresh;
    } catch (error: unknown) {
      this._save.set({ kind: 'conflict', message: userMessage(error) });
      return null;
    }
  }

  /** Saves what is waiting, then sends the post for review. */
  async submit(content: CreatePostRequest): Promise<boolean> {
    if (this._submit().kind === 'sending') return false;
    this._submit.set({ kind: 'sending' });
    const saved = await this.saveNow(content);
    if (!saved) {
      const state = this._save();
      this._submit.set({
        kind: 'refused',
        message:
          state.kind === 'conflict' || state.kind === 'failed'
            ? state.message
            : 'The post could not be saved.',
      });
      return false;
    }
    try {
      const outcome = await firstValueFrom(this.api.submit(saved.id));
      this._submit.set({ kind: 'submitted', outcome });
      this._post.set(await firstValueFrom(this.api.get(saved.id)));
      void this.refreshReview();
      return true;
    } catch (error: unknown) {
      const body = apiErrorBody(error);
      this._submit.set({ kind: 'refused', message: body?.message ?? userMessage(error) });
      void this.refreshReview();
      return false;
    }
  }

  private async refreshReview(): Promise<void> {
    const post = this._post();
    if (!post) return;
    try {
      this._review.set(await firstValueFrom(this.api.reviewState(post.id)));
    } catch {
      // The review state only refines what blocks submission; without it the findings still show.
      this._review.set(null);
    }
  }
}
