import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  ElementRef,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatDialog, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatRadioModule } from '@angular/material/radio';
import { MatSnackBar } from '@angular/material/snack-bar';
import { ActivatedRoute, Router } from '@angular/router';
import {
  CHANNEL_KIND_LABELS,
  type ChannelConnectOption,
  type ChannelKind,
  type ChannelStatus,
  type ChannelSummary,
  type ChooseAccountsResult,
  type PendingAccountChoice,
} from '@carecast/shared/contracts';
import { ChannelsService } from '@carecast/web/channels/data-access';
import { AuthStore, ORGANISATION } from '@carecast/web/core';
import {
  applyServerErrors,
  describeTimeZone,
  errorStatus,
  EXTERNAL_NAVIGATION,
  fieldError,
  formatDateTime,
  readyToSubmit,
  runSubmission,
  type Submission,
  userMessage,
} from '@carecast/web/shared/util';
import {
  ConfirmDialog,
  type ConfirmDialogData,
  EmptyState,
  FormError,
  Notice,
  type NoticeTone,
} from '@carecast/web/ui';
import { firstValueFrom, type Observable } from 'rxjs';
import {
  CONNECT_VARIANTS,
  CONNECTABLE_KINDS,
  connectForm,
  connectRequest,
  fieldsOf,
  type ConnectableKind,
  type ConnectField,
  type ConnectForm,
} from './connect-fields';

const STATUS_LABELS: Record<ChannelStatus, string> = {
  connected: 'Connected',
  needs_reconnect: 'Needs reconnecting',
  disabled: 'Disabled',
};

interface KindHelp {
  name: string;
  does: string;
}

/** The accounts Carecast publishes to, and (for administrators) connecting and managing them. */
@Component({
  selector: 'cc-channels-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    MatRadioModule,
    EmptyState,
    FormError,
    Notice,
  ],
  templateUrl: './channels-page.html',
  styleUrl: './channels-page.scss',
})
export class ChannelsPage {
  protected readonly auth = inject(AuthStore);
  private readonly api = inject(ChannelsService);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly organisation = inject(ORGANISATION);
  private readonly dialogs = new Set<MatDialogRef<unknown>>();
  private readonly navigateAway = inject(EXTERNAL_NAVIGATION);
  private readonly router = inject(Router);

  protected readonly kinds: readonly KindHelp[] = [
    { name: 'Facebook Pages', does: 'Publishes posts to your Pages and brings in comments on them.' },
    { name: 'X', does: 'Publishes posts and brings in replies and mentions of your account.' },
    {
      name: 'Carecast blog',
      does: 'A blog Carecast hosts for your practice, with feeds and moderated comments.',
    },
    { name: 'WordPress blog', does: "Publishes longer articles and notices to your practice's own website." },
  ];
  protected readonly connectableKinds = CONNECTABLE_KINDS;
  protected readonly canManage = computed(() => this.auth.can('channels.manage'));
  protected readonly timeZone = computed(() => {
    this.auth.organisation();
    return describeTimeZone(this.organisation);
  });

  protected readonly channels = signal<ChannelSummary[] | null>(null);
  protected readonly loadError = signal<string | null>(null);
  protected readonly busyId = signal<string | null>(null);
  protected readonly message = signal<{ tone: NoticeTone; text: string } | null>(null);

  /** The connect form: open, its kind once chosen, and the channel it reconnects (if any). */
  protected readonly connectOpen = signal(false);
  protected readonly connectKind = signal<ConnectableKind | null>(null);
  protected readonly reconnecting = signal<ChannelSummary | null>(null);
  protected readonly form = signal<ConnectForm | null>(null);
  protected readonly submission: Submission = { busy: signal(false), error: signal<string | null>(null) };
  /** The way of connecting, for kinds that offer several sets of credentials (X: OAuth 2.0 or 1.0a). */
  protected readonly variant = signal<string | null>(null);
  protected readonly variants = computed(() => {
    const kind = this.connectKind();
    return (kind && CONNECT_VARIANTS[kind]) || [];
  });
  protected readonly fields = computed(() => {
    const kind = this.connectKind();
    return kind ? fieldsOf(kind, this.variant()) : [];
  });

  /** How each kind can be connected here; null until known (then pasting is offered). */
  protected readonly options = signal<ChannelConnectOption[] | null>(null);
  /** The person chose to paste tokens although the platform's sign-in is offered. */
  protected readonly pasteInstead = signal(false);
  protected readonly oauthOffered = computed(() => {
    const kind = this.connectKind();
    return !!kind && (this.options()?.some((o) => o.kind === kind && o.oauth) ?? false);
  });
  protected readonly redirecting = signal(false);

  /** After signing in with a platform that grants several accounts (Facebook pages): the choice. */
  protected readonly choice = signal<{ id: string; pending: PendingAccountChoice } | null>(null);
  protected readonly chosen = signal<ReadonlySet<string>>(new Set());
  protected readonly choiceSubmission: Submission = {
    busy: signal(false),
    error: signal<string | null>(null),
  };
  private readonly connectHeading = viewChild<ElementRef<HTMLElement>>('connectHeading');

  constructor() {
    inject(DestroyRef).onDestroy(() => this.dialogs.forEach((ref) => ref.close()));
    void this.load();
    void this.arriveFromSignIn(inject(ActivatedRoute).snapshot.queryParamMap);
  }

  async load(): Promise<void> {
    this.loadError.set(null);
    try {
      this.channels.set(await firstValueFrom(this.api.list()));
    } catch (error: unknown) {
      this.loadError.set(userMessage(error));
    }
  }

  protected kindLabel(kind: ChannelKind): string {
    return CHANNEL_KIND_LABELS[kind] ?? kind;
  }

  protected kindIcon(kind: ChannelKind): string {
    return { facebook_page: 'f', x_account: 'X', wordpress_blog: 'W', carecast_blog: 'C' }[kind] ?? '?';
  }

  protected statusLabel(status: ChannelStatus): string {
    return STATUS_LABELS[status] ?? status;
  }

  protected when(iso: string): string {
    return formatDateTime(iso, this.organisation);
  }

  protected control(field: ConnectField) {
    return this.form()?.controls[field.group].controls[field.name] ?? null;
  }

  protected error(field: ConnectField): string {
    const control = this.control(field);
    if (field.pattern && control?.errors?.['pattern']) return 'Enter an address starting with https://';
    return fieldError(control, field.label);
  }

  /** Back from a platform's sign-in: say what happened, or offer the accounts it granted. */
  private async arriveFromSignIn(params: { get(name: string): string | null }): Promise<void> {
    const connected = params.get('connected');
    const error = params.get('error');
    const choiceId = params.get('choose');
    if (!connected && !error && !choiceId) return;
    void this.router.navigate([], { queryParams: {}, replaceUrl: true });
    if (connected) this.message.set({ tone: 'success', text: `Connected ${connected}.` });
    if (error) this.message.set({ tone: 'error', text: error });
    if (!choiceId) return;
    try {
      const pending = await firstValueFrom(this.api.pendingChoice(choiceId));
      this.chosen.set(new Set(pending.choices.filter((c) => !c.unavailableReason).map((c) => c.id)));
      this.choice.set({ id: choiceId, pending });
    } catch (problem: unknown) {
      this.message.set({ tone: 'error', text: userMessage(problem) });
    }
  }

  protected toggleChoice(id: string, on: boolean): void {
    this.chosen.update((set) => {
      const next = new Set(set);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  }

  protected async confirmChoice(): Promise<void> {
    const choice = this.choice();
    if (!choice) return;
    if (!this.chosen().size) {
      this.choiceSubmission.error.set('Choose at least one account to connect.');
      return;
    }
    const ids = [...this.chosen()];
    const shared = choice.pending.choices.filter(
      (c) => c.sharedWithAnotherOrganisation && ids.includes(c.id),
    );
    let confirmed = false;
    if (shared.length) {
      confirmed = await this.confirmSharedAccount(
        shared.map((c) => c.name).join(', '),
        `${shared.length === 1 ? 'It is' : 'They are'} already connected to another organisation in Carecast. Connect ${shared.length === 1 ? 'it' : 'them'} here as well only if both really publish to ${shared.length === 1 ? 'it' : 'them'}: posting to the wrong practice is a real risk.`,
      );
      if (!confirmed) return;
    }
    let askAgain = false;
    await runSubmission(
      this.choiceSubmission,
      async () => {
        let result: ChooseAccountsResult;
        try {
          result = await firstValueFrom(this.api.choose(choice.id, ids, confirmed));
        } catch (problem: unknown) {
          // 409: an account became connected in another organisation after it was offered. The
          // choice is kept: read it again, so the warning is shown and can be confirmed.
          if (errorStatus(problem) !== 409 || confirmed) throw problem;
          const pending = await firstValueFrom(this.api.pendingChoice(choice.id));
          this.choice.set({ id: choice.id, pending });
          askAgain = pending.choices.some((c) => c.sharedWithAnotherOrganisation && ids.includes(c.id));
          if (!askAgain) throw problem;
          return;
        }
        this.choice.set(null);
        const parts = [
          ...(result.connected.length
            ? [`Connected ${result.connected.map((c) => c.displayName).join(', ')}.`]
            : []),
          ...result.refused.map((r) => `${r.name}: ${r.message}`),
        ];
        this.message.set({ tone: result.refused.length ? 'warning' : 'success', text: parts.join(' ') });
        await this.load();
      },
      (problem) => userMessage(problem),
    );
    if (askAgain) await this.confirmChoice();
  }

  protected cancelChoice(): void {
    this.choice.set(null);
  }

  /** Off to the platform's sign-in page; it sends the browser back to this page. */
  protected async startOAuth(): Promise<void> {
    const kind = this.connectKind();
    if (!kind) return;
    await runSubmission(
      this.submission,
      async () => {
        const { url } = await firstValueFrom(this.api.startOAuth(kind));
        this.redirecting.set(true);
        this.navigateAway(url);
      },
      (problem) => userMessage(problem),
    );
  }

  protected blogUrl(channel: ChannelSummary): string {
    return `/blog/${encodeURIComponent(channel.externalAccountId)}/`;
  }

  private async loadOptions(): Promise<void> {
    if (this.options()) return;
    try {
      this.options.set(await firstValueFrom(this.api.connectOptions()));
    } catch {
      this.options.set([]); // pasting credentials still works
    }
  }

  protected openConnect(): void {
    void this.loadOptions();
    this.message.set(null);
    this.reconnecting.set(null);
    this.connectKind.set(null);
    this.form.set(null);
    this.submission.error.set(null);
    this.connectOpen.set(true);
    this.focusHeading();
  }

  protected reconnect(channel: ChannelSummary): void {
    if (!isConnectable(channel.kind)) return;
    void this.loadOptions();
    this.message.set(null);
    this.reconnecting.set(channel);
    this.connectOpen.set(true);
    this.choose(channel.kind);
    this.focusHeading();
  }

  protected choose(kind: ConnectableKind): void {
    this.connectKind.set(kind);
    this.pasteInstead.set(false);
    this.variant.set(null);
    this.buildForm();
  }

  protected chooseVariant(variant: string): void {
    this.variant.set(variant);
    this.buildForm();
  }

  private buildForm(): void {
    const kind = this.connectKind();
    if (!kind) return;
    this.submission.error.set(null);
    const reconnecting = this.reconnecting();
    this.form.set(connectForm(kind, reconnecting?.kind === kind ? reconnecting : null, this.variant()));
  }

  protected cancelConnect(): void {
    this.connectOpen.set(false);
    this.connectKind.set(null);
    this.reconnecting.set(null);
    this.form.set(null);
    this.submission.error.set(null);
  }

  protected async connect(): Promise<void> {
    const kind = this.connectKind();
    const form = this.form();
    if (!kind || !form) return;
    // A refusal of the credentials as a whole (`details[].field: 'credentials'`) sits on the group:
    // clear it so the corrected form can be sent again.
    form.controls.credentials.updateValueAndValidity();
    form.controls.settings.updateValueAndValidity();
    if (!readyToSubmit(form, this.submission)) return;
    await runSubmission(
      this.submission,
      async () => {
        const request = connectRequest(kind, form);
        let channel: ChannelSummary;
        try {
          channel = await firstValueFrom(this.api.connect(request));
        } catch (error: unknown) {
          // 409: another organisation has this account connected. Connect only when confirmed.
          if (errorStatus(error) !== 409) throw error;
          if (!(await this.confirmSharedAccount(this.kindLabel(kind), userMessage(error)))) return;
          channel = await firstValueFrom(this.api.connect({ ...request, confirmSharedAccount: true }));
        }
        this.cancelConnect();
        this.snackBar.open(`Connected ${channel.displayName} (${this.kindLabel(channel.kind)}).`, 'OK', {
          duration: 6000,
        });
        await this.load();
      },
      (error) => {
        applyServerErrors(form, error);
        return userMessage(error);
      },
    );
  }

  protected async disable(channel: ChannelSummary): Promise<void> {
    await this.act(channel, () => this.api.disable(channel.id), `${channel.displayName} is disabled.`);
  }

  protected async enable(channel: ChannelSummary): Promise<void> {
    await this.act(channel, () => this.api.enable(channel.id), `${channel.displayName} is enabled again.`);
  }

  protected async remove(channel: ChannelSummary): Promise<void> {
    const ref = this.dialog.open<ConfirmDialog, ConfirmDialogData, boolean>(ConfirmDialog, {
      data: {
        title: `Remove ${channel.displayName}?`,
        text: `Remove ${channel.displayName} (${this.kindLabel(channel.kind)})? Scheduled posts to it will not be published.`,
        confirm: 'Remove',
        destructive: true,
      },
      width: '440px',
      maxWidth: 'calc(100vw - 32px)',
    });
    this.dialogs.add(ref as MatDialogRef<unknown>);
    const ok = await firstValueFrom(ref.afterClosed());
    this.dialogs.delete(ref as MatDialogRef<unknown>);
    if (!ok) return;
    this.busyId.set(channel.id);
    this.message.set(null);
    try {
      await firstValueFrom(this.api.remove(channel.id));
      this.channels.update((list) => list?.filter((c) => c.id !== channel.id) ?? null);
      this.message.set({ tone: 'success', text: `${channel.displayName} is removed.` });
    } catch (error: unknown) {
      this.message.set({ tone: 'error', text: userMessage(error) });
    } finally {
      this.busyId.set(null);
    }
  }

  /** Warns that the account is connected in another organisation; true when the person confirms. */
  private async confirmSharedAccount(name: string, text: string): Promise<boolean> {
    const ref = this.dialog.open<ConfirmDialog, ConfirmDialogData, boolean>(ConfirmDialog, {
      data: {
        title: `Connect ${name} here as well?`,
        text,
        confirm: 'Connect anyway',
      },
      width: '440px',
      maxWidth: 'calc(100vw - 32px)',
    });
    this.dialogs.add(ref as MatDialogRef<unknown>);
    const ok = await firstValueFrom(ref.afterClosed());
    this.dialogs.delete(ref as MatDialogRef<unknown>);
    return ok === true;
  }

  private async act(
    channel: ChannelSummary,
    call: () => Observable<ChannelSummary>,
    done: string,
  ): Promise<void> {
    this.busyId.set(channel.id);
    this.message.set(null);
    try {
      const updated = await firstValueFrom(call());
      this.channels.update((list) => list?.map((c) => (c.id === updated.id ? updated : c)) ?? null);
      this.message.set({ tone: 'success', text: done });
    } catch (error: unknown) {
      this.message.set({ tone: 'error', text: userMessage(error) });
    } finally {
      this.busyId.set(null);
    }
  }

  private focusHeading(): void {
    setTimeout(() => this.connectHeading()?.nativeElement.focus());
  }
}

function isConnectable(kind: ChannelKind): kind is ConnectableKind {
  return (CONNECTABLE_KINDS as readonly ChannelKind[]).includes(kind);
}
