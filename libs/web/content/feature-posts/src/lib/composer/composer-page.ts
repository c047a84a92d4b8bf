import { Location } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  DOCUMENT,
  effect,
  inject,
  signal,
  untracked,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatChipInputEvent, MatChipsModule } from '@angular/material/chips';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatRadioModule } from '@angular/material/radio';
import { MatSelectModule } from '@angular/material/select';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { MatTabsModule } from '@angular/material/tabs';
import { ActivatedRoute, RouterLink } from '@angular/router';
import {
  ALERT_URGENCIES,
  CHANNEL_KIND_LABELS,
  fillTemplate,
  isBlogChannel,
  MAX_POST_IMAGES,
  POST_LIMITS,
  POST_STATE_LABELS,
  type AlertUrgency,
  type ChannelSummary,
  type Finding,
  type PostKind,
  type PostState,
  type PostTemplate,
} from '@carecast/shared/contracts';
import {
  checkContextOf,
  ComposerStore,
  composerValueOf,
  contentRequestOf,
  emptyComposerValue,
  liveFindingsOf,
  PostsService,
  zonedToUtcIso,
  type ChannelRef,
  type ComposerValue,
  type ImageDraft,
  type ScheduleMode,
} from '@carecast/web/content/data-access';
import { AuthStore, DraftKeeper, ORGANISATION, type DraftHandle } from '@carecast/web/core';
import { describeTimeZone, formatClockTime, formatDateTime, userMessage } from '@carecast/web/shared/util';
import { ConfirmDialog, type ConfirmDialogData, Icon, Notice } from '@carecast/web/ui';
import { firstValueFrom } from 'rxjs';
import { BlogBodyEditor } from './blog-body-editor';
import { CheckedText } from './checked-text';
import { FindingsList, type ShownFinding } from './findings-list';
import { ImagePicker, type UploadProgress } from './image-picker';
import { BlogPreview, FacebookPreview, type PreviewChannel, XCounter, XPreview } from './previews';
import { TemplateDialog } from './template-dialog';

/** The name of the composer's form in the drafts kept in the browser. */
export const COMPOSER_DRAFT = 'composer';
/** How long after a keystroke the checks run again. */
export const LIVE_CHECK_DELAY_MS = 250;

const URGENCY_LABELS: Record<AlertUrgency, string> = {
  routine: 'Routine',
  urgent: 'Urgent',
  emergency: 'Emergency',
};

/** States in which a post is written and sent; from any other editable state an edit returns it to draft. */
const WRITING_STATES: readonly PostState[] = ['draft', 'changes_requested'];
const EDITABLE_STATES: readonly PostState[] = [
  'draft',
  'in_review',
  'changes_requested',
  'approved',
  'scheduled',
  'expired',
];

const variantGroup = () =>
  new FormGroup({
    text: new FormControl<string | null>(null),
    title: new FormControl<string | null>(null),
    body: new FormControl<string | null>(null),
  });
type VariantGroup = ReturnType<typeof variantGroup>;

const text = (value = '') => new FormControl(value, { nonNullable: true });

/** Stops keeping a draft under one address (a new post's) when it gets its own. */
class DraftScope {
  private callbacks: Array<() => void> = [];
  onDestroy(callback: () => void): () => void {
    this.callbacks.push(callback);
    return () => (this.callbacks = this.callbacks.filter((c) => c !== callback));
  }
  destroy(): void {
    for (const callback of this.callbacks.splice(0)) callback();
  }
}

/**
 * The composer: a post or a health alert, its text and per-channel variants with previews true to
 * each platform, the checks' findings as it is typed, images, a template, the schedule; saved as
 * it is written (and kept in the browser, so an expired session loses nothing), then sent for review.
 */
@Component({
  selector: 'cc-composer-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  providers: [ComposerStore],
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatButtonToggleModule,
    MatCheckboxModule,
    MatChipsModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    MatRadioModule,
    MatSelectModule,
    MatSlideToggleModule,
    MatTabsModule,
    Notice,
    Icon,
    CheckedText,
    FindingsList,
    ImagePicker,
    BlogBodyEditor,
    XPreview,
    XCounter,
    FacebookPreview,
    BlogPreview,
  ],
  templateUrl: './composer-page.html',
  styleUrl: './composer-page.scss',
})
export class ComposerPage {
  protected readonly store = inject(ComposerStore);
  private readonly api = inject(PostsService);
  private readonly route = inject(ActivatedRoute);
  private readonly auth = inject(AuthStore);
  protected readonly org = inject(ORGANISATION);
  private readonly drafts = inject(DraftKeeper);
  private readonly dialog = inject(MatDialog);
  private readonly location = inject(Location);
  private readonly document = inject(DOCUMENT);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly urgencies = ALERT_URGENCIES.map((id) => ({ id, label: URGENCY_LABELS[id] }));
  protected readonly kindLabels = CHANNEL_KIND_LABELS;
  protected readonly stateLabels = POST_STATE_LABELS;
  protected readonly limits = POST_LIMITS;

  protected readonly form = new FormGroup({
    kind: new FormControl<PostKind>('post', { nonNullable: true }),
    urgency: new FormControl<AlertUrgency>('routine', { nonNullable: true }),
    validFromDate: text(),
    validFromTime: text(),
    validUntilDate: text(),
    validUntilTime: text(),
    allClearText: text(),
    text: text(),
    spanishText: text(),
    spanishTitle: text(),
    spanishBody: text(),
    link: text(),
    tags: new FormControl<string[]>([], { nonNullable: true }),
    channelIds: new FormControl<string[]>([], { nonNullable: true }),
    variants: new FormGroup<Record<string, VariantGroup>>({}),
    images: new FormControl<ImageDraft[]>([], { nonNullable: true }),
    scheduleMode: new FormControl<ScheduleMode>('on_approval', { nonNullable: true }),
    scheduleDate: text(),
    scheduleTime: text(),
  });

  /** The form's values now (every keystroke). */
  protected readonly value = signal<ComposerValue>(emptyComposerValue());
  /** The browser's findings (a moment after the last keystroke). */
  protected readonly liveFindings = signal<Finding[]>([]);
  protected readonly ready = signal(false);
  /** A post past writing (in review, approved...) is shown read-only until the person chooses to edit it. */
  protected readonly locked = signal(false);
  protected readonly uploads = signal<UploadProgress[]>([]);
  protected readonly selectedTab = signal(0);
  protected readonly template = signal<PostTemplate | null>(null);
  protected readonly templateValues = signal<Record<string, string>>({});
  protected readonly draft = signal<DraftHandle | null>(null);
  protected readonly submitted = signal(false);

  private lastFilled: Partial<Record<'text' | 'spanishText' | 'allClearText', string>> = {};
  private checkTimer: ReturnType<typeof setTimeout> | undefined;
  private uploadIds = 0;
  private postId: string | null = null;
  private newPostScope: DraftScope | null = null;

  protected readonly canWrite = computed(() => this.auth.can('content.write'));
  protected readonly canSeeChannels = computed(() => this.auth.can('channels.read'));
  protected readonly isAlert = computed(() => this.value().kind === 'health_alert');
  protected readonly timeZone = computed(() => describeTimeZone(this.org));
  protected readonly channelMap = computed(
    () => new Map<string, ChannelRef>(this.store.channels().map((c) => [c.id, { id: c.id, kind: c.kind }])),
  );
  /** The channels targeted, in the order of the organisation's list. */
  protected readonly targeted = computed(() => {
    const ids = new Set(this.value().channelIds);
    return this.store.channels().filter((c) => ids.has(c.id));
  });
  protected readonly postState = computed<PostState>(() => this.store.post()?.state ?? 'draft');
  protected readonly editable = computed(() => this.canWrite() && EDITABLE_STATES.includes(this.postState()));
  protected readonly heading = computed(() => {
    if (!this.store.post()) return this.isAlert() ? 'New health alert' : 'New post';
    return this.isAlert() ? 'Edit health alert' : 'Edit post';
  });
  /** The blog channels targeted: an alert's Spanish tab then holds the Spanish article too. */
  protected readonly targetedBlogs = computed(() => this.targeted().filter((c) => isBlogChannel(c.kind)));
  protected readonly spanishRequired = computed(
    () => this.isAlert() && (this.store.settings()?.requireSpanishForAlerts ?? false),
  );
  protected readonly xWithoutOwnText = computed(() =>
    this.targeted().some((c) => c.kind === 'x_account' && this.value().variants[c.id]?.text == null),
  );
  protected readonly scheduledAt = computed(() => {
    const v = this.value();
    return v.scheduleMode === 'at'
      ? zonedToUtcIso({ date: v.scheduleDate, time: v.scheduleTime }, this.org.timeZone)
      : null;
  });
  protected readonly scheduledAtText = computed(() => {
    const at = this.scheduledAt();
    return at ? formatDateTime(at, this.org) : null;
  });

  /** Overrides a reviewer made that still match the post's words. */
  private readonly overrides = computed(() =>
    (this.store.review()?.overrides ?? []).filter((o) => o.inForce),
  );

  protected readonly shownFindings = computed<ShownFinding[]>(() => {
    const overridden = (f: Finding) =>
      f.severity === 'block' &&
      this.overrides().some((o) => o.rule === f.rule && o.field === f.field && o.excerpt === f.excerpt);
    const live = this.liveFindings().map((finding) => ({
      finding,
      place: this.placeOf(finding.field),
      overridden: overridden(finding),
      fromServer: false,
    }));
    // Links are checked only by the server (it follows them); its other findings are the live ones.
    const server = this.store
      .serverFindings()
      .filter((f) => f.rule.startsWith('link.'))
      .map((finding) => ({ finding, place: 'Link', overridden: overridden(finding), fromServer: true }));
    return [...live, ...server];
  });

  protected findingsFor(field: string): Finding[] {
    return this.liveFindings().filter((f) => f.field === field);
  }

  protected readonly blockingCount = computed(
    () => this.shownFindings().filter((f) => f.finding.severity === 'block' && !f.overridden).length,
  );

  /** Why "Submit for review" cannot be pressed now, in the person's words; null when it can. */
  protected readonly submitBlocked = computed<string | null>(() => {
    if (!this.canWrite()) return 'Your role can read posts but not send them for review.';
    if (this.store.conflict()) return 'Reload the post first: someone else saved a newer version.';
    if (this.draft()?.held()) return 'First choose what to do with your unsaved changes.';
    const state = this.postState();
    if (this.store.post() && !WRITING_STATES.includes(state) && this.locked())
      return `It is ${POST_STATE_LABELS[state].toLowerCase()}: edit it first to send it again.`;
    if (this.value().text.trim() === '') return 'Write the text first.';
    if (this.value().channelIds.length === 0) return 'Choose at least one channel.';
    const blocking = this.blockingCount();
    if (blocking > 0)
      return `${blocking === 1 ? '1 problem' : `${blocking} problems`} marked "Must fix" must be fixed first (or let pass by a reviewer).`;
    if (this.uploads().some((u) => !u.error)) return 'Wait for the images to finish uploading.';
    return null;
  });

  protected readonly saveText = computed(() => {
    const state = this.store.saveState();
    switch (state.kind) {
      case 'idle':
        return this.store.post() ? 'All changes saved.' : 'Not saved yet: Carecast saves as you write.';
      case 'pending':
        return 'Changes not saved yet…';
      case 'saving':
        return 'Saving…';
      case 'saved':
        return `Saved at ${formatClockTime(state.at, this.org)}.`;
      case 'failed':
        return `Not saved: ${state.message}`;
      case 'conflict':
        return 'Not saved: someone else saved a newer version.';
    }
  });

  constructor() {
    this.form.valueChanges.pipe(takeUntilDestroyed()).subscribe(() => this.changed());
    this.destroyRef.onDestroy(() => {
      clearTimeout(this.checkTimer);
      this.newPostScope?.destroy();
    });
    effect(() => {
      const post = this.store.post();
      if (!post) return;
      untracked(() => {
        // A new post gets its address once it is first saved (without reloading the page).
        if (this.postId === null) this.adopt(post.id);
        // Saved while more changes wait: the copy in the browser is now based on this revision.
        else if (this.store.unsaved()) this.draft()?.save();
      });
    });
    // Once the server has the changes, the copy kept in the browser is no longer needed.
    effect(() => {
      if (this.store.saveState().kind === 'saved') untracked(() => this.draft()?.clear());
    });
    // The settings (allowed contact details) change what the checks find.
    effect(() => {
      this.store.settings();
      this.store.channels();
      untracked(() => this.scheduleCheck(0));
    });
    void this.start();
  }

  private async start(): Promise<void> {
    const id = this.route.snapshot.paramMap.get('id');
    this.postId = id;
    await this.store.init(id);
    if (this.store.load().state !== 'ready') return;
    const post = this.store.post();
    const variantIds = new Set([
      ...this.store.channels().map((c) => c.id),
      ...(post?.variants.map((v) => v.channelId) ?? []),
    ]);
    for (const channelId of variantIds) this.form.controls.variants.addControl(channelId, variantGroup());
    if (post) this.form.reset(composerValueOf(post, this.org.timeZone));
    this.value.set(this.form.getRawValue());

    if (!this.editable()) {
      this.form.disable({ emitEvent: false });
    } else if (post && !WRITING_STATES.includes(post.state)) {
      this.locked.set(true);
      this.form.disable({ emitEvent: false });
    } else {
      this.keepDraft();
    }
    this.ready.set(true);
    this.scheduleCheck(0);
    // Changes kept in the browser on this same revision, not yet on the server: save them now.
    if (this.draft()?.restored()) this.changed();

    const templateId = this.route.snapshot.queryParamMap.get('template');
    if (!post && templateId && !this.draft()?.restored()) {
      const template = this.store.templates().find((t) => t.id === templateId);
      if (template) this.applyTemplate(template);
      else if (templateId === 'choose') void this.chooseTemplate();
    }
  }

  private route_(id: string | null): string {
    return id ? `/posts/${id}/edit` : '/posts/new';
  }

  private keepDraft(): void {
    if (this.draft()) return;
    const scope = this.postId ? null : new DraftScope();
    this.newPostScope = scope;
    const revision = () => this.store.post()?.revision ?? null;
    const handle = this.drafts.keep(this.form, COMPOSER_DRAFT, {
      route: this.route_(this.postId),
      destroyRef: (scope ?? this.destroyRef) as DestroyRef,
      // Kept with the revision it changes; put back at once only onto that same revision.
      basedOn: revision,
      restoreIf: (kept) => kept.basedOn === revision(),
    });
    this.draft.set(handle);
    // Someone saved the post after these changes were kept: nothing changes until the person chooses.
    if (handle.held()) this.form.disable({ emitEvent: false });
    // Changes kept in the browser and not yet on the server: save them now.
    else if (handle.restored() && this.ready()) this.changed();
  }

  /** What the notice about a newer version says: who saved what, and when the changes were kept. */
  protected readonly newerVersion = computed(() => {
    const kept = this.draft()?.held();
    const post = this.store.post();
    if (!kept || !post) return null;
    const by = post.lastEditedBy ? post.lastEditedBy.name : 'Someone';
    const keptAt = formatDateTime(new Date(kept.savedAt).toISOString(), this.org);
    const on = typeof kept.basedOn === 'number' ? ` were made on version ${kept.basedOn} and` : '';
    return {
      saved: `${by} saved version ${post.revision} of this post on ${formatDateTime(post.updatedAt, this.org)}.`,
      kept: `Your unsaved changes${on} were kept in this browser on ${keptAt}.`,
    };
  });

  /** The person chose their kept changes: they are put back and saved over the newer version. */
  protected useKeptChanges(): void {
    const handle = this.draft();
    if (!handle?.held()) return;
    this.form.enable({ emitEvent: false });
    handle.restoreHeld();
    this.changed();
  }

  /** The person chose the newer version: their kept changes are forgotten. */
  protected discardKeptChanges(): void {
    this.draft()?.clear();
    this.form.enable({ emitEvent: false });
  }

  /** The new post was created: its address and its kept draft become its own. */
  private adopt(id: string): void {
    this.postId = id;
    this.location.replaceState(this.route_(id));
    if (this.newPostScope) {
      this.newPostScope.destroy();
      this.newPostScope = null;
      this.draft()?.clear();
      this.draft.set(null);
      this.keepDraft();
      // What was typed while the first save was on its way is kept under the new address at once.
      if (this.store.unsaved()) this.draft()?.save();
    }
  }

  private changed(): void {
    this.value.set(this.form.getRawValue());
    this.scheduleCheck(LIVE_CHECK_DELAY_MS);
    if (!this.ready() || this.form.disabled || !this.form.dirty || !this.editable()) return;
    const v = this.value();
    if (!this.store.post() && v.text.trim() === '' && v.channelIds.length === 0) return;
    this.store.queueSave(this.request());
  }

  private request() {
    return contentRequestOf(this.form.getRawValue(), this.channelMap(), this.org.timeZone);
  }

  private scheduleCheck(delay: number): void {
    clearTimeout(this.checkTimer);
    this.checkTimer = setTimeout(() => {
      const ctx = checkContextOf(this.org.name, this.store.settings());
      this.liveFindings.set(liveFindingsOf(this.form.getRawValue(), this.channelMap(), ctx));
    }, delay);
  }

  // ---- Editing a post past draft ---------------------------------------------------------------

  protected editAnyway(): void {
    this.locked.set(false);
    this.submitted.set(false);
    this.form.enable({ emitEvent: false });
    this.keepDraft();
  }

  protected async reload(): Promise<void> {
    const fresh = await this.store.reload();
    if (!fresh) return;
    this.draft()?.clear();
    this.form.reset(composerValueOf(fresh, this.org.timeZone));
    if (!WRITING_STATES.includes(fresh.state)) {
      this.locked.set(true);
      this.form.disable({ emitEvent: false });
    }
  }

  protected discardDraft(): void {
    this.draft()?.clear();
    const post = this.store.post();
    this.form.reset(post ? composerValueOf(post, this.org.timeZone) : emptyComposerValue());
    if (!post) this.value.set(this.form.getRawValue());
  }

  // ---- Channels ---------------------------------------------------------------------------------

  protected toggleChannel(channel: ChannelSummary, on: boolean): void {
    const ids = new Set(this.form.controls.channelIds.value);
    if (on) ids.add(channel.id);
    else ids.delete(channel.id);
    const order = this.store.channels().map((c) => c.id);
    this.form.controls.channelIds.setValue(order.filter((id) => ids.has(id)));
    this.form.markAsDirty();
    if (on && isBlogChannel(channel.kind)) {
      const title = this.variant(channel.id).controls.title;
      const template = this.template();
      if (!title.value && template) title.setValue(template.blogTitle);
    }
  }

  protected variant(channelId: string): VariantGroup {
    return this.form.controls.variants.controls[channelId];
  }

  protected variantText(channelId: string): FormControl<string> {
    return this.variant(channelId).controls.text as FormControl<string>;
  }

  protected hasOwnText(channelId: string): boolean {
    return this.value().variants[channelId]?.text != null;
  }

  protected setOwnText(channelId: string, on: boolean): void {
    this.variant(channelId).controls.text.setValue(on ? this.form.controls.text.value : null);
    this.form.markAsDirty();
  }

  protected textFor(channelId: string): string {
    return this.value().variants[channelId]?.text ?? this.value().text;
  }

  protected previewOf(channel: ChannelSummary): PreviewChannel {
    const handle = /^(?!\d+$)[A-Za-z0-9_]{1,15}$/.test(channel.externalAccountId)
      ? channel.externalAccountId
      : null;
    return { name: channel.displayName, handle: channel.kind === 'x_account' ? handle : null };
  }

  protected channelNote(channel: ChannelSummary): string | null {
    return channel.status === 'needs_reconnect' ? 'Needs reconnecting before it can publish' : null;
  }

  // ---- Findings ---------------------------------------------------------------------------------

  protected placeOf(field: string): string {
    const parts = field.split('.');
    const name = (id: string) => this.store.channels().find((c) => c.id === id)?.displayName ?? 'Channel';
    if (field === 'base.text') return 'Text';
    if (field === 'spanish.text') return 'Spanish text';
    if (field === 'spanish.title') return 'Spanish article title';
    if (field === 'spanish.body') return 'Spanish article body';
    if (field === 'allClearText') return '"All clear" text';
    if (parts[0] === 'media') return `Image ${Number(parts[1]) + 1}`;
    if (parts[0] === 'variants') {
      const part = parts[2] === 'body' ? 'article body' : parts[2] === 'title' ? 'article title' : 'text';
      return `${name(parts[1])}: ${part}`;
    }
    if (field.startsWith('link')) return 'Link';
    return 'Post';
  }

  /** The tab and element a finding's field lives in. */
  private locate(field: string): { tab: number | null; elementId: string } | null {
    const parts = field.split('.');
    if (field === 'base.text') return { tab: 0, elementId: 'composer-text' };
    if (parts[0] === 'spanish')
      return { tab: this.targeted().length + 1, elementId: `composer-spanish-${parts[1]}` };
    if (field === 'allClearText') return { tab: null, elementId: 'composer-all-clear' };
    if (parts[0] === 'media') return { tab: null, elementId: `composer-image-${parts[1]}-alt` };
    if (parts[0] === 'variants') {
      const index = this.targeted().findIndex((c) => c.id === parts[1]);
      if (index < 0) return null;
      return { tab: index + 1, elementId: `composer-variant-${parts[1]}-${parts[2]}` };
    }
    if (field.startsWith('link')) return { tab: null, elementId: 'composer-link' };
    return null;
  }

  protected readonly canShow = (finding: Finding) => this.locate(finding.field) !== null;

  /** Shows the words of a finding: its tab, then the words selected in the text. */
  protected showFinding(finding: Finding): void {
    const place = this.locate(finding.field);
    if (!place) return;
    if (place.tab !== null) this.selectedTab.set(place.tab);
    setTimeout(() => {
      const element = this.document.getElementById(place.elementId) as
        HTMLTextAreaElement | HTMLInputElement | null;
      if (!element) return;
      element.focus();
      if (finding.span && 'setSelectionRange' in element) {
        element.setSelectionRange(finding.span.start, finding.span.end);
      }
    }, 50);
  }

  // ---- Templates --------------------------------------------------------------------------------

  protected async chooseTemplate(): Promise<void> {
    const chosen = await firstValueFrom(
      this.dialog
        .open<TemplateDialog, PostTemplate[], PostTemplate | null>(TemplateDialog, {
          data: this.store.templates(),
          maxWidth: '640px',
          width: 'calc(100vw - 32px)',
        })
        .afterClosed(),
    );
    if (!chosen) return;
    if (this.form.controls.text.value.trim() !== '') {
      const replace = await firstValueFrom(
        this.dialog
          .open<ConfirmDialog, ConfirmDialogData, boolean>(ConfirmDialog, {
            data: {
              title: `Use "${chosen.name}"?`,
              text: 'The template replaces the text you have written.',
              confirm: 'Replace my text',
            },
          })
          .afterClosed(),
      );
      if (!replace) return;
    }
    this.applyTemplate(chosen);
  }

  private applyTemplate(template: PostTemplate): void {
    const phone = this.store.settings()?.contact.phones[0];
    const values: Record<string, string> = {
      ...(template.variables.some((v) => v.name === 'practiceName') && this.org.name
        ? { practiceName: this.org.name }
        : {}),
      ...(template.variables.some((v) => v.name === 'phone') && phone ? { phone } : {}),
    };
    this.template.set(template);
    this.templateValues.set(values);
    const c = this.form.controls;
    c.kind.setValue(template.kind);
    if (template.urgency) c.urgency.setValue(template.urgency);
    this.lastFilled = {
      text: fillTemplate(template.text, values),
      spanishText: template.spanishText ? fillTemplate(template.spanishText, values) : '',
      allClearText: template.allClearText ? fillTemplate(template.allClearText, values) : '',
    };
    c.text.setValue(this.lastFilled.text ?? '');
    if (template.kind === 'health_alert') {
      c.spanishText.setValue(this.lastFilled.spanishText ?? '');
      c.allClearText.setValue(this.lastFilled.allClearText ?? '');
    }
    c.tags.setValue([...new Set([...c.tags.value, ...template.tags])]);
    for (const channel of this.targeted())
      if (isBlogChannel(channel.kind) && !this.variant(channel.id).controls.title.value)
        this.variant(channel.id).controls.title.setValue(template.blogTitle);
    this.form.markAsDirty();
    this.changed();
  }

  /** The template's blanks fill the texts as they are typed, until the text is changed by hand. */
  protected setVariable(name: string, value: string): void {
    const template = this.template();
    if (!template) return;
    const values = { ...this.templateValues(), [name]: value };
    this.templateValues.set(values);
    const sources = {
      text: template.text,
      spanishText: template.spanishText,
      allClearText: template.allClearText,
    };
    for (const field of ['text', 'spanishText', 'allClearText'] as const) {
      const source = sources[field];
      const control = this.form.controls[field];
      if (!source || control.value !== this.lastFilled[field]) continue;
      const filled = fillTemplate(source, values);
      this.lastFilled[field] = filled;
      control.setValue(filled);
    }
    this.form.markAsDirty();
    this.changed();
  }

  protected variableValue(name: string): string {
    return this.templateValues()[name] ?? '';
  }

  protected readonly templateDetached = computed(() => {
    this.value();
    return this.template() !== null && this.value().text !== this.lastFilled.text;
  });

  protected closeTemplate(): void {
    this.template.set(null);
  }

  // ---- Tags -------------------------------------------------------------------------------------

  protected addTag(event: MatChipInputEvent): void {
    const tag = event.value.trim().replace(/^#/, '');
    event.chipInput.clear();
    if (!tag) return;
    const tags = this.form.controls.tags.value;
    if (tags.includes(tag) || tags.length >= POST_LIMITS.tags) return;
    this.form.controls.tags.setValue([...tags, tag.slice(0, POST_LIMITS.tag)]);
    this.form.markAsDirty();
  }

  protected removeTag(tag: string): void {
    this.form.controls.tags.setValue(this.form.controls.tags.value.filter((t) => t !== tag));
    this.form.markAsDirty();
  }

  // ---- Images -----------------------------------------------------------------------------------

  protected upload(files: File[]): void {
    const room =
      MAX_POST_IMAGES -
      this.form.controls.images.value.length -
      this.uploads().filter((u) => !u.error).length;
    for (const [i, file] of files.entries()) {
      const id = ++this.uploadIds;
      if (i >= room) {
        this.uploads.update((list) => [
          ...list,
          { id, name: file.name, percent: 0, error: `A post can have at most ${MAX_POST_IMAGES} images.` },
        ]);
        continue;
      }
      this.uploads.update((list) => [...list, { id, name: file.name, percent: 0, error: null }]);
      this.api.uploadMedia(file).subscribe({
        next: (event) => {
          if (event.kind === 'progress') {
            this.uploads.update((list) =>
              list.map((u) => (u.id === id ? { ...u, percent: event.percent } : u)),
            );
            return;
          }
          this.uploads.update((list) => list.filter((u) => u.id !== id));
          const a = event.asset;
          this.form.controls.images.setValue([
            ...this.form.controls.images.value,
            { mediaId: a.id, url: a.url, width: a.width, height: a.height, altText: '', decorative: false },
          ]);
          this.form.markAsDirty();
        },
        error: (error: unknown) =>
          this.uploads.update((list) =>
            list.map((u) =>
              u.id === id ? { ...u, error: `${file.name} was not uploaded. ${userMessage(error)}` } : u,
            ),
          ),
      });
    }
  }

  protected dismissUpload(id: number): void {
    this.uploads.update((list) => list.filter((u) => u.id !== id));
  }

  protected updateImage(index: number, change: Partial<ImageDraft>): void {
    this.form.controls.images.setValue(
      this.form.controls.images.value.map((image, i) => (i === index ? { ...image, ...change } : image)),
    );
    this.form.markAsDirty();
  }

  protected removeImage(index: number): void {
    this.form.controls.images.setValue(this.form.controls.images.value.filter((_, i) => i !== index));
    this.form.markAsDirty();
  }

  // ---- Saving and submitting -------------------------------------------------------------------

  protected async saveNow(): Promise<void> {
    if (!this.editable() || this.form.disabled) return;
    await this.store.saveNow(this.request());
  }

  protected async submit(): Promise<void> {
    if (this.submitBlocked()) return;
    if (await this.store.submit(this.request())) {
      this.draft()?.clear();
      this.submitted.set(true);
      this.locked.set(true);
      this.form.disable({ emitEvent: false });
    }
  }
}
