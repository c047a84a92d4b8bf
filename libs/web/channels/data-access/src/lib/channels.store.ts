import { computed, inject, Injectable, signal } from '@angular/core';
import {
  CHANNEL_KIND_LABELS,
  type ChannelConnectOption,
  type ChannelKind,
  type ChannelSummary,
  type ChooseAccountsResult,
  type PendingAccountChoice,
} from '@carecast/shared/contracts';
import { AuthStore } from '@carecast/web/core';
import {
  applyServerErrors,
  errorStatus,
  EXTERNAL_NAVIGATION,
  readyToSubmit,
  runSubmission,
  type Submission,
  userMessage,
} from '@carecast/web/shared/util';
import { firstValueFrom, type Observable } from 'rxjs';
import { ChannelsService } from './channels.service';
import {
  CONNECT_VARIANTS,
  CONNECTABLE_KINDS,
  connectForm,
  connectRequest,
  fieldsOf,
  type ConnectableKind,
  type ConnectForm,
} from './connect-fields';

/** The organisation's channels as the page shows them. */
export type ChannelList =
  | { state: 'loading' }
  | { state: 'ready'; channels: readonly ChannelSummary[] }
  | { state: 'failed'; message: string };

/** Connecting (or reconnecting) an account: closed, choosing the kind, or entering its details. */
export type ConnectFlow =
  | { step: 'closed' }
  | { step: 'choose-kind' }
  | {
      step: 'details';
      kind: ConnectableKind;
      /** The channel being reconnected; its settings prefill the form. */
      reconnecting: ChannelSummary | null;
      /** The way of connecting, for kinds that offer several sets of credentials (X: OAuth 2.0 or 1.0a). */
      variant: string | null;
      /** The person chose to paste tokens although the platform's sign-in is offered. */
      pasteInstead: boolean;
      form: ConnectForm;
    };

/** After signing in with a platform that grants several accounts (Facebook Pages): the choice. */
export type AccountChoice =
  | { step: 'none' }
  | { step: 'choosing'; id: string; pending: PendingAccountChoice; chosen: ReadonlySet<string> };

/** What the page says after an action, in the tone of a notice. */
export interface ChannelsMessage {
  tone: 'success' | 'warning' | 'error';
  text: string;
}

/** What the page was sent back with from a platform's sign-in (its query parameters). */
export interface SignInReturn {
  connected: string | null;
  error: string | null;
  choose: string | null;
}

/**
 * Asks the person whether to connect an account that another organisation in Carecast has connected
 * too; resolves true when they confirm.
 */
export type ConfirmSharedAccount = (name: string, text: string) => Promise<boolean>;

export function channelKindLabel(kind: ChannelKind): string {
  return CHANNEL_KIND_LABELS[kind] ?? kind;
}

function isConnectable(kind: ChannelKind): kind is ConnectableKind {
  return (CONNECTABLE_KINDS as readonly ChannelKind[]).includes(kind);
}

/**
 * Signal store of the Channels page: the list, connecting and reconnecting (pasted credentials or
 * the platform's sign-in), choosing among the accounts a sign-in granted, and enabling, disabling
 * and removing. Provided by the page, so each visit starts afresh. Questions to the person (is this
 * shared account really yours?) are asked through the `ConfirmSharedAccount` the page passes in.
 */
@Injectable()
export class ChannelsStore {
  private readonly api = inject(ChannelsService);
  private readonly auth = inject(AuthStore);
  private readonly navigateAway = inject(EXTERNAL_NAVIGATION);

  private readonly _list = signal<ChannelList>({ state: 'loading' });
  private readonly _busyId = signal<string | null>(null);
  private readonly _message = signal<ChannelsMessage | null>(null);
  private readonly _connect = signal<ConnectFlow>({ step: 'closed' });
  private readonly _options = signal<ChannelConnectOption[] | null>(null);
  private readonly _redirecting = signal(false);
  private readonly _choice = signal<AccountChoice>({ step: 'none' });
  private readonly connectSubmission: Submission = {
    busy: signal(false),
    error: signal<string | null>(null),
  };
  private readonly choiceSubmission: Submission = { busy: signal(false), error: signal<string | null>(null) };

  readonly list = this._list.asReadonly();
  /** The channels once loaded; null while loading or after a failed load. */
  readonly channels = computed(() => {
    const list = this._list();
    return list.state === 'ready' ? list.channels : null;
  });
  /** The channel an action is running on (its buttons are disabled meanwhile). */
  readonly busyId = this._busyId.asReadonly();
  readonly message = this._message.asReadonly();
  readonly canManage = computed(() => this.auth.can('channels.manage'));

  readonly connect = this._connect.asReadonly();
  readonly connectOpen = computed(() => this._connect().step !== 'closed');
  readonly connectKind = computed(() => {
    const flow = this._connect();
    return flow.step === 'details' ? flow.kind : null;
  });
  readonly reconnecting = computed(() => {
    const flow = this._connect();
    return flow.step === 'details' ? flow.reconnecting : null;
  });
  /** The chosen way of connecting; null for the kind's first (default) one. */
  readonly variant = computed(() => {
    const flow = this._connect();
    return flow.step === 'details' ? flow.variant : null;
  });
  /** The connect form of the chosen kind (and way of connecting). */
  readonly form = computed(() => {
    const flow = this._connect();
    return flow.step === 'details' ? flow.form : null;
  });
  readonly variants = computed(() => {
    const kind = this.connectKind();
    return (kind && CONNECT_VARIANTS[kind]) || [];
  });
  readonly fields = computed(() => {
    const flow = this._connect();
    return flow.step === 'details' ? fieldsOf(flow.kind, flow.variant) : [];
  });
  /** Whether the chosen kind can be connected with the platform's sign-in here. */
  readonly oauthOffered = computed(() => {
    const kind = this.connectKind();
    return !!kind && (this._options()?.some((o) => o.kind === kind && o.oauth) ?? false);
  });
  /** The platform's sign-in is offered and the person has not chosen to paste tokens instead. */
  readonly signInWithPlatform = computed(() => {
    const flow = this._connect();
    return this.oauthOffered() && flow.step === 'details' && !flow.pasteInstead;
  });
  /** On the way to the platform's sign-in page. */
  readonly redirecting = this._redirecting.asReadonly();
  readonly connectBusy = this.connectSubmission.busy.asReadonly();
  readonly connectError = this.connectSubmission.error.asReadonly();

  readonly choice = this._choice.asReadonly();
  readonly choiceBusy = this.choiceSubmission.busy.asReadonly();
  readonly choiceError = this.choiceSubmission.error.asReadonly();

  async load(): Promise<void> {
    // A reload keeps the list on screen; after a failure the page shows it is loading again.
    if (this._list().state === 'failed') this._list.set({ state: 'loading' });
    try {
      this._list.set({ state: 'ready', channels: await firstValueFrom(this.api.list()) });
    } catch (error: unknown) {
      this._list.set({ state: 'failed', message: userMessage(error) });
    }
  }

  /** Back from a platform's sign-in: say what happened, or offer the accounts it granted. */
  async arriveFromSignIn({ connected, error, choose }: SignInReturn): Promise<void> {
    if (connected) this._message.set({ tone: 'success', text: `Connected ${connected}.` });
    if (error) this._message.set({ tone: 'error', text: error });
    if (!choose) return;
    try {
      const pending = await firstValueFrom(this.api.pendingChoice(choose));
      const chosen = new Set(pending.choices.filter((c) => !c.unavailableReason).map((c) => c.id));
      this._choice.set({ step: 'choosing', id: choose, pending, chosen });
    } catch (problem: unknown) {
      this._message.set({ tone: 'error', text: userMessage(problem) });
    }
  }

  toggleChoice(id: string, on: boolean): void {
    this._choice.update((choice) => {
      if (choice.step !== 'choosing') return choice;
      const chosen = new Set(choice.chosen);
      if (on) chosen.add(id);
      else chosen.delete(id);
      return { ...choice, chosen };
    });
  }

  cancelChoice(): void {
    this._choice.set({ step: 'none' });
  }

  /** Connects the chosen accounts, asking first about any another organisation has connected. */
  async confirmChoice(confirmShared: ConfirmSharedAccount): Promise<void> {
    const choice = this._choice();
    if (choice.step !== 'choosing') return;
    if (!choice.chosen.size) {
      this.choiceSubmission.error.set('Choose at least one account to connect.');
      return;
    }
    const ids = [...choice.chosen];
    const shared = choice.pending.choices.filter(
      (c) => c.sharedWithAnotherOrganisation && ids.includes(c.id),
    );
    let confirmed = false;
    if (shared.length) {
      const one = shared.length === 1;
      confirmed = await confirmShared(
        shared.map((c) => c.name).join(', '),
        `${one ? 'It is' : 'They are'} already connected to another organisation in Carecast. Connect ${one ? 'it' : 'them'} here as well only if both really publish to ${one ? 'it' : 'them'}: posting to the wrong practice is a real risk.`,
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
          this._choice.update((current) =>
            current.step === 'choosing' ? { ...current, pending } : { ...choice, pending },
          );
          askAgain = pending.choices.some((c) => c.sharedWithAnotherOrganisation && ids.includes(c.id));
          if (!askAgain) throw problem;
          return;
        }
        this._choice.set({ step: 'none' });
        const parts = [
          ...(result.connected.length
            ? [`Connected ${result.connected.map((c) => c.displayName).join(', ')}.`]
            : []),
          ...result.refused.map((r) => `${r.name}: ${r.message}`),
        ];
        this._message.set({ tone: result.refused.length ? 'warning' : 'success', text: parts.join(' ') });
        await this.load();
      },
      (problem) => userMessage(problem),
    );
    if (askAgain) await this.confirmChoice(confirmShared);
  }

  openConnect(): void {
    void this.loadOptions();
    this._message.set(null);
    this.connectSubmission.error.set(null);
    this._connect.set({ step: 'choose-kind' });
  }

  /** Opens the connect form for a channel's kind, its settings prefilled; false if it cannot be. */
  reconnect(channel: ChannelSummary): boolean {
    if (!isConnectable(channel.kind)) return false;
    void this.loadOptions();
    this._message.set(null);
    this.showDetails(channel.kind, channel, null);
    return true;
  }

  chooseKind(kind: ConnectableKind): void {
    const flow = this._connect();
    if (flow.step === 'closed') return;
    this.showDetails(kind, flow.step === 'details' ? flow.reconnecting : null, null);
  }

  chooseVariant(variant: string): void {
    const flow = this._connect();
    if (flow.step !== 'details') return;
    this.showDetails(flow.kind, flow.reconnecting, variant, flow.pasteInstead);
  }

  pasteTokensInstead(): void {
    this._connect.update((flow) => (flow.step === 'details' ? { ...flow, pasteInstead: true } : flow));
  }

  cancelConnect(): void {
    this._connect.set({ step: 'closed' });
    this.connectSubmission.error.set(null);
  }

  /** Off to the platform's sign-in page; it sends the browser back to the Channels page. */
  async startOAuth(): Promise<void> {
    const kind = this.connectKind();
    if (!kind) return;
    await runSubmission(
      this.connectSubmission,
      async () => {
        const { url } = await firstValueFrom(this.api.startOAuth(kind));
        this._redirecting.set(true);
        this.navigateAway(url);
      },
      (problem) => userMessage(problem),
    );
  }

  /**
   * Sends the connect form. Resolves with the connected channel (the list is loaded again by then),
   * or null when the form was not valid, the person did not confirm, or the API refused it (its
   * words are in `connectError`, its field errors on the form).
   */
  async submitConnect(confirmShared: ConfirmSharedAccount): Promise<ChannelSummary | null> {
    const flow = this._connect();
    if (flow.step !== 'details') return null;
    const { kind, form } = flow;
    // A refusal of the credentials as a whole (`details[].field: 'credentials'`) sits on the group:
    // clear it so the corrected form can be sent again.
    form.controls.credentials.updateValueAndValidity();
    form.controls.settings.updateValueAndValidity();
    if (!readyToSubmit(form, this.connectSubmission)) return null;
    let connected: ChannelSummary | null = null;
    await runSubmission(
      this.connectSubmission,
      async () => {
        const request = connectRequest(kind, form);
        let channel: ChannelSummary;
        try {
          channel = await firstValueFrom(this.api.connect(request));
        } catch (error: unknown) {
          // 409: another organisation has this account connected. Connect only when confirmed.
          if (errorStatus(error) !== 409) throw error;
          if (!(await confirmShared(channelKindLabel(kind), userMessage(error)))) return;
          channel = await firstValueFrom(this.api.connect({ ...request, confirmSharedAccount: true }));
        }
        this.cancelConnect();
        connected = channel;
        await this.load();
      },
      (error) => {
        applyServerErrors(form, error);
        return userMessage(error);
      },
    );
    return connected;
  }

  async disable(channel: ChannelSummary): Promise<void> {
    await this.act(channel, () => this.api.disable(channel.id), `${channel.displayName} is disabled.`);
  }

  async enable(channel: ChannelSummary): Promise<void> {
    await this.act(channel, () => this.api.enable(channel.id), `${channel.displayName} is enabled again.`);
  }

  /** Removes a channel (the page asks first). */
  async remove(channel: ChannelSummary): Promise<void> {
    this._busyId.set(channel.id);
    this._message.set(null);
    try {
      await firstValueFrom(this.api.remove(channel.id));
      this.updateChannels((list) => list.filter((c) => c.id !== channel.id));
      this._message.set({ tone: 'success', text: `${channel.displayName} is removed.` });
    } catch (error: unknown) {
      this._message.set({ tone: 'error', text: userMessage(error) });
    } finally {
      this._busyId.set(null);
    }
  }

  private showDetails(
    kind: ConnectableKind,
    reconnecting: ChannelSummary | null,
    variant: string | null,
    pasteInstead = false,
  ): void {
    this.connectSubmission.error.set(null);
    this._connect.set({
      step: 'details',
      kind,
      reconnecting,
      variant,
      pasteInstead,
      form: connectForm(kind, reconnecting?.kind === kind ? reconnecting : null, variant),
    });
  }

  private async loadOptions(): Promise<void> {
    if (this._options()) return;
    try {
      this._options.set(await firstValueFrom(this.api.connectOptions()));
    } catch {
      this._options.set([]); // pasting credentials still works
    }
  }

  private async act(
    channel: ChannelSummary,
    call: () => Observable<ChannelSummary>,
    done: string,
  ): Promise<void> {
    this._busyId.set(channel.id);
    this._message.set(null);
    try {
      const updated = await firstValueFrom(call());
      this.updateChannels((list) => list.map((c) => (c.id === updated.id ? updated : c)));
      this._message.set({ tone: 'success', text: done });
    } catch (error: unknown) {
      this._message.set({ tone: 'error', text: userMessage(error) });
    } finally {
      this._busyId.set(null);
    }
  }

  private updateChannels(change: (list: readonly ChannelSummary[]) => readonly ChannelSummary[]): void {
    this._list.update((list) =>
      list.state === 'ready' ? { ...list, channels: change(list.channels) } : list,
    );
  }
}
