import { ComponentType } from '@angular/cdk/portal';
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
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatDialog, MatDialogConfig, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatMenuModule } from '@angular/material/menu';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSortModule, Sort } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import { ROLE_LABELS, type MemberStatus, type MemberSummary, type Role } from '@carecast/shared/contracts';
import { AuthStore, DraftKeeper, ORGANISATION } from '@carecast/web/core';
import { UsersService } from '@carecast/web/identity/data-access';
import {
  applyServerErrors,
  describeTimeZone,
  fieldError,
  formatDateTime,
  markSubmitted,
  SERVER_ERROR,
  userMessage,
} from '@carecast/web/shared/util';
import {
  ConfirmDialog,
  type ConfirmDialogData,
  EmptyState,
  Icon,
  injectNarrow,
  Notice,
  NoticeTone,
} from '@carecast/web/ui';
import { firstValueFrom } from 'rxjs';
import { MemberSessionsDialog } from './member-sessions-dialog';
import { ROLE_OPTIONS, rolesForm, selectedRoles } from './roles';
import { RolesDialog } from './roles-dialog';

/** The name under which the invite form's draft is kept. */
export const INVITE_DRAFT = 'invite';

const STATUS_LABELS: Record<MemberStatus, string> = {
  active: 'Active',
  invited: 'Invited',
  deactivated: 'Deactivated',
};

const SORT_KEYS: Record<string, (m: MemberSummary) => string> = {
  name: (m) => (m.displayName || m.email).toLocaleLowerCase(),
  email: (m) => m.email.toLocaleLowerCase(),
  status: (m) => m.status,
};

/** The members of the current organisation, their roles, and (for administrators) managing them. */
@Component({
  selector: 'cc-users-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    MatMenuModule,
    MatProgressBarModule,
    MatSortModule,
    MatTableModule,
    RouterLink,
    EmptyState,
    Icon,
    Notice,
  ],
  templateUrl: './users-page.html',
  styleUrl: './users-page.scss',
})
export class UsersPage {
  protected readonly auth = inject(AuthStore);
  private readonly api = inject(UsersService);
  private readonly dialog = inject(MatDialog);
  private readonly organisation = inject(ORGANISATION);
  private readonly destroyRef = inject(DestroyRef);
  private readonly dialogs = new Set<MatDialogRef<unknown>>();

  protected readonly roleOptions = ROLE_OPTIONS;
  protected readonly fieldError = fieldError;
  protected readonly organisationName = computed(() => this.auth.organisation()?.name ?? '');
  protected readonly timeZone = computed(() => {
    this.auth.organisation();
    return describeTimeZone(this.organisation);
  });
  protected readonly myId = computed(() => this.auth.user()?.id ?? null);
  protected readonly canManage = computed(() => this.auth.can('users.manage'));
  /** On phones the name column also shows the email, roles and last sign-in. */
  protected readonly narrow = injectNarrow();
  protected readonly columns = computed(() => [
    'name',
    ...(this.narrow() ? [] : ['email', 'roles']),
    'status',
    ...(this.narrow() ? [] : ['mfa', 'lastSignIn']),
    ...(this.canManage() ? ['actions'] : []),
  ]);

  protected readonly members = signal<MemberSummary[] | null>(null);
  protected readonly loadError = signal<string | null>(null);
  protected readonly sort = signal<Sort>({ active: 'name', direction: 'asc' });
  protected readonly rows = computed(() => sortMembers(this.members() ?? [], this.sort()));
  protected readonly onlyYou = computed(() => {
    const members = this.members();
    return members !== null && members.every((m) => m.userId === this.myId());
  });
  protected readonly busyId = signal<string | null>(null);
  protected readonly message = signal<{ tone: NoticeTone; text: string } | null>(null);

  protected readonly inviteForm = new FormGroup({
    email: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.email] }),
    roles: rolesForm(),
  });
  protected readonly inviteOpen = signal(false);
  protected readonly inviting = signal(false);
  protected readonly inviteError = signal<string | null>(null);
  private readonly inviteHeading = viewChild<ElementRef<HTMLElement>>('inviteHeading');
  /** Keeps the invite form through an expired session; reopens it when a draft is waiting. */
  protected readonly inviteDraft = inject(DraftKeeper).keep(this.inviteForm, INVITE_DRAFT, {
    destroyRef: this.destroyRef,
  });

  constructor() {
    // Dialogs live outside the page: close them with it (e.g. when an ended session leaves it).
    this.destroyRef.onDestroy(() => this.dialogs.forEach((ref) => ref.close()));
    if (this.inviteDraft.restored() && this.canManage()) this.inviteOpen.set(true);
    void this.load();
  }

  async load(): Promise<void> {
    this.loadError.set(null);
    try {
      this.members.set(await firstValueFrom(this.api.list()));
    } catch (error: unknown) {
      this.loadError.set(userMessage(error));
    }
  }

  protected roleLabel(role: Role): string {
    return ROLE_LABELS[role] ?? role;
  }

  protected statusLabel(status: MemberStatus): string {
    return STATUS_LABELS[status] ?? status;
  }

  protected when(iso: string): string {
    return formatDateTime(iso, this.organisation);
  }

  /** Like the fields: once the roles were changed and left, or the form submitted. */
  protected rolesShowError(): boolean {
    const roles = this.inviteForm.controls.roles;
    return roles.invalid && roles.dirty && roles.touched;
  }

  protected rolesError(): string {
    const errors = this.inviteForm.controls.roles.errors;
    return typeof errors?.[SERVER_ERROR] === 'string' ? errors[SERVER_ERROR] : 'Choose at least one role.';
  }

  protected openInvite(): void {
    this.message.set(null);
    this.inviteOpen.set(true);
    setTimeout(() => this.inviteHeading()?.nativeElement.focus());
  }

  protected cancelInvite(): void {
    this.inviteOpen.set(false);
    this.inviteError.set(null);
    this.inviteForm.reset();
    this.inviteDraft.clear();
  }

  protected async sendInvite(): Promise<void> {
    markSubmitted(this.inviteForm);
    if (this.inviteForm.invalid || this.inviting()) return;
    this.inviting.set(true);
    this.inviteError.set(null);
    const email = this.inviteForm.controls.email.value.trim();
    try {
      const created = await firstValueFrom(
        this.api.invite(email, selectedRoles(this.inviteForm.controls.roles)),
      );
      this.inviteDraft.clear();
      this.inviteForm.reset();
      this.inviteOpen.set(false);
      this.message.set({
        tone: 'success',
        text: `Invitation sent to ${created.email}. The link works until ${formatDateTime(created.expiresAt, this.organisation)}.`,
      });
      await this.load();
    } catch (error: unknown) {
      this.inviteError.set(applyServerErrors(this.inviteForm, error));
    } finally {
      this.inviting.set(false);
    }
  }

  protected async changeRoles(member: MemberSummary): Promise<void> {
    const updated = await firstValueFrom(
      this.open<RolesDialog, MemberSummary, MemberSummary>(RolesDialog, {
        data: member,
        width: '440px',
      }).afterClosed(),
    );
    if (!updated) return;
    this.replace(updated);
    this.message.set({ tone: 'success', text: `Roles of ${name(updated)} saved.` });
  }

  protected showSessions(member: MemberSummary): void {
    this.open(MemberSessionsDialog, { data: member, width: '560px' });
  }

  protected async deactivate(member: MemberSummary): Promise<void> {
    const ok = await this.confirm({
      title: `Deactivate ${name(member)}?`,
      text: `${name(member)} is signed out everywhere at once and cannot sign in to ${this.organisationName()} until someone reactivates them. What they did stays in the record.`,
      confirm: 'Deactivate',
      destructive: true,
    });
    if (ok)
      await this.act(member, () => this.api.deactivate(member.userId), `${name(member)} is deactivated.`);
  }

  protected async reactivate(member: MemberSummary): Promise<void> {
    const ok = await this.confirm({
      title: `Reactivate ${name(member)}?`,
      text: `${name(member)} can sign in to ${this.organisationName()} again, with the roles they had.`,
      confirm: 'Reactivate',
    });
    if (ok)
      await this.act(member, () => this.api.reactivate(member.userId), `${name(member)} is active again.`);
  }

  private async act(
    member: MemberSummary,
    call: () => ReturnType<UsersService['deactivate']>,
    done: string,
  ): Promise<void> {
    this.busyId.set(member.userId);
    this.message.set(null);
    try {
      this.replace(await firstValueFrom(call()));
      this.message.set({ tone: 'success', text: done });
    } catch (error: unknown) {
      this.message.set({ tone: 'error', text: userMessage(error) });
    } finally {
      this.busyId.set(null);
    }
  }

  private confirm(data: ConfirmDialogData): Promise<boolean | undefined> {
    return firstValueFrom(
      this.open<ConfirmDialog, ConfirmDialogData, boolean>(ConfirmDialog, {
        data,
        width: '440px',
      }).afterClosed(),
    );
  }

  private open<C, D, R>(component: ComponentType<C>, config: MatDialogConfig<D>): MatDialogRef<C, R> {
    const ref = this.dialog.open<C, D, R>(component, { maxWidth: 'calc(100vw - 32px)', ...config });
    this.dialogs.add(ref as MatDialogRef<unknown>);
    ref.afterClosed().subscribe(() => this.dialogs.delete(ref as MatDialogRef<unknown>));
    return ref;
  }

  private replace(updated: MemberSummary): void {
    this.members.update((list) => list?.map((m) => (m.userId === updated.userId ? updated : m)) ?? null);
  }
}

function name(member: MemberSummary): string {
  return member.displayName || member.email;
}

export function sortMembers(members: readonly MemberSummary[], sort: Sort): MemberSummary[] {
  const key = SORT_KEYS[sort.active];
  if (!key || !sort.direction) return [...members];
  const factor = sort.direction === 'asc' ? 1 : -1;
  return [...members].sort((a, b) => key(a).localeCompare(key(b)) * factor);
}
