import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTableModule } from '@angular/material/table';
import { ActivatedRoute, type ParamMap, Router } from '@angular/router';
import { auditActionLabel, type AuditEntry, type AuditVerification } from '@carecast/shared/contracts';
import { AuditQuery, AuditService } from '@carecast/web/audit/data-access';
import { AuthStore, ORGANISATION } from '@carecast/web/core';
import { describeTimeZone, formatDateTime, startOfDayIso, userMessage } from '@carecast/web/shared/util';
import { EmptyState, Icon, injectNarrow, Notice } from '@carecast/web/ui';
import { firstValueFrom } from 'rxjs';

export interface DiffRow {
  field: string;
  from: string;
  to: string;
}

/** A value of a change, as readable text: JSON pretty-printed, nothing shown as "—". */
export function showValue(value: unknown): string {
  if (value === undefined || value === null) return '—';
  if (typeof value === 'string') return value;
  return JSON.stringify(value, null, 2);
}

/** The filters as typed (dates as `YYYY-MM-DD` days in the organisation's zone). */
export interface AuditFilterValues {
  action: string;
  entityType: string;
  entityId: string;
  from: string;
  to: string;
}

const FILTER_KEYS = ['action', 'entityType', 'entityId', 'from', 'to'] as const;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The filters an address asks for, e.g. `/audit?entityType=post&entityId=<id>` (a post's audit
 * entries); days as `from=2026-03-01`. Anything else in the address is left out.
 */
export function filtersFromAddress(params: ParamMap): AuditFilterValues {
  const value = (key: (typeof FILTER_KEYS)[number]) => (params.get(key) ?? '').trim();
  const day = (key: 'from' | 'to') => (DAY.test(value(key)) ? value(key) : '');
  return {
    action: value('action'),
    entityType: value('entityType'),
    entityId: value('entityId'),
    from: day('from'),
    to: day('to'),
  };
}

export function diffRows(entry: AuditEntry): DiffRow[] {
  return Object.entries(entry.diff ?? {}).map(([field, change]) => ({
    field,
    from: showValue(change?.from),
    to: showValue(change?.to),
  }));
}

/**
 * The audit log: filters, the entries newest first with their details (what changed, hashes),
 * the CSV export of the filtered entries, and re-checking the hash chain.
 */
@Component({
  selector: 'cc-audit-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    MatTableModule,
    EmptyState,
    Icon,
    Notice,
  ],
  templateUrl: './audit-page.html',
  styleUrl: './audit-page.scss',
})
export class AuditPage {
  protected readonly auth = inject(AuthStore);
  private readonly api = inject(AuditService);
  private readonly organisation = inject(ORGANISATION);
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);
  /** The filters on screen, as the address carries them. */
  private shown: AuditFilterValues | null = null;

  /** On phones the time column also shows the action and actor; the rest is in the details. */
  protected readonly narrow = injectNarrow();
  protected readonly columns = computed(() =>
    this.narrow() ? ['at', 'toggle'] : ['at', 'action', 'actor', 'entity', 'requestId', 'toggle'],
  );
  protected readonly timeZone = computed(() => {
    this.auth.organisation();
    return describeTimeZone(this.organisation);
  });

  protected readonly filters = new FormGroup({
    action: new FormControl('', { nonNullable: true }),
    entityType: new FormControl('', { nonNullable: true }),
    entityId: new FormControl('', { nonNullable: true }),
    from: new FormControl('', { nonNullable: true }),
    to: new FormControl('', { nonNullable: true }),
  });
  /** The filters of the entries on screen (applied with "Show entries"). */
  private readonly query = signal<AuditQuery>({});
  protected readonly filtered = computed(() => Object.values(this.query()).some((v) => !!v));
  protected readonly exportHref = computed(() => this.api.exportUrl(this.query()));

  protected readonly entries = signal<AuditEntry[] | null>(null);
  protected readonly nextCursor = signal<string | null>(null);
  protected readonly loadError = signal<string | null>(null);
  protected readonly loadingMore = signal(false);
  protected readonly expanded = signal<string | null>(null);

  protected readonly verification = signal<AuditVerification | null>(null);
  protected readonly verifying = signal(false);
  protected readonly verifyError = signal<string | null>(null);

  private readonly diffCache = new WeakMap<AuditEntry, DiffRow[]>();

  constructor() {
    // The address says which entries to show (a link from a post's page, a bookmark, Back).
    this.route.queryParamMap.pipe(takeUntilDestroyed()).subscribe((params) => {
      const wanted = filtersFromAddress(params);
      if (this.shown && FILTER_KEYS.every((k) => wanted[k] === this.shown?.[k])) return;
      this.filters.setValue(wanted);
      this.show(wanted);
    });
  }

  /** Shows the entries the filters select, and keeps them in the address. */
  protected apply(): void {
    const value = this.trimmed();
    this.show(value);
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: Object.fromEntries(FILTER_KEYS.map((k) => [k, value[k] || null])),
      replaceUrl: true,
    });
  }

  private trimmed(): AuditFilterValues {
    const raw = this.filters.getRawValue();
    return Object.fromEntries(FILTER_KEYS.map((k) => [k, raw[k].trim()])) as unknown as AuditFilterValues;
  }

  private show(value: AuditFilterValues): void {
    this.shown = value;
    const zone = this.organisation.timeZone;
    this.query.set({
      action: value.action || undefined,
      entityType: value.entityType || undefined,
      entityId: value.entityId || undefined,
      from: (value.from && startOfDayIso(value.from, zone)) || undefined,
      // The API's `to` is exclusive: the start of the day after the chosen one.
      to: (value.to && startOfDayIso(value.to, zone, true)) || undefined,
    });
    void this.reload();
  }

  protected clearFilters(): void {
    this.filters.reset();
    this.apply();
  }

  async reload(): Promise<void> {
    this.entries.set(null);
    this.loadError.set(null);
    this.expanded.set(null);
    try {
      const page = await firstValueFrom(this.api.page(this.query(), null));
      this.entries.set(page.entries);
      this.nextCursor.set(page.nextCursor);
    } catch (error: unknown) {
      this.loadError.set(userMessage(error));
    }
  }

  protected async loadOlder(): Promise<void> {
    const cursor = this.nextCursor();
    if (!cursor || this.loadingMore()) return;
    this.loadingMore.set(true);
    try {
      const page = await firstValueFrom(this.api.page(this.query(), cursor));
      this.entries.update((list) => [...(list ?? []), ...page.entries]);
      this.nextCursor.set(page.nextCursor);
    } catch (error: unknown) {
      this.loadError.set(userMessage(error));
    } finally {
      this.loadingMore.set(false);
    }
  }

  protected async verify(): Promise<void> {
    this.verifying.set(true);
    this.verifyError.set(null);
    this.verification.set(null);
    try {
      this.verification.set(await firstValueFrom(this.api.verify()));
    } catch (error: unknown) {
      this.verifyError.set(userMessage(error));
    } finally {
      this.verifying.set(false);
    }
  }

  protected toggle(entry: AuditEntry): void {
    this.expanded.update((id) => (id === entry.id ? null : entry.id));
  }

  protected changes(entry: AuditEntry): DiffRow[] {
    let rows = this.diffCache.get(entry);
    if (!rows) {
      rows = diffRows(entry);
      this.diffCache.set(entry, rows);
    }
    return rows;
  }

  protected time(iso: string): string {
    return formatDateTime(iso, this.organisation);
  }

  protected count(n: number): string {
    return `${new Intl.NumberFormat(this.organisation.locale).format(n)} ${n === 1 ? 'entry' : 'entries'}`;
  }

  /** "entry #57 (Feb 28, 2026, 5:06 AM EST)"; entries missing at the end have no time. */
  protected brokenAt(broken: NonNullable<AuditVerification['firstBroken']>): string {
    return broken.at ? `entry #${broken.seq} (${this.time(broken.at)})` : `entry #${broken.seq}`;
  }

  /** An action in plain words ("Signed in"); its code is in the details and the export. */
  protected label(code: string): string {
    return auditActionLabel(code);
  }

  protected shortId(id: string): string {
    return id.length > 12 ? `${id.slice(0, 8)}…` : id;
  }
}
