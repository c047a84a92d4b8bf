import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatTabsModule } from '@angular/material/tabs';
import {
  CHANNEL_KIND_LABELS,
  isBlogChannel,
  type AlertUrgency,
  type ChannelKind,
  type Finding,
  type PostImage,
  type PostKind,
  type PostVariant,
  type SpanishVariant,
} from '@carecast/shared/contracts';
import { formatDateTime, type Organisation } from '@carecast/web/shared/util';
import { MarkedText } from './marked-text';

/** What the preview needs of a post (a signed-in member's post, or the outside approver's copy). */
export interface PreviewContent {
  kind: PostKind;
  urgency: AlertUrgency | null;
  validFrom: string | null;
  validUntil: string | null;
  allClearText: string | null;
  text: string;
  link: string | null;
  variants: PostVariant[];
  images: PostImage[];
  spanish: SpanishVariant | null;
}

export const URGENCY_LABELS: Record<AlertUrgency, string> = {
  routine: 'Routine',
  urgent: 'Urgent',
  emergency: 'Emergency',
};

/** One tab of the preview: a channel's version of the post, or the Spanish version. */
export interface PreviewTab {
  key: string;
  label: string;
  kind: ChannelKind | 'spanish' | 'base';
  lang: 'en' | 'es';
  title: { text: string; field: string } | null;
  text: { text: string; field: string };
  body: string | null;
}

/** The tabs of the preview: each channel as it will appear there, then the Spanish version. */
export function previewTabs(content: PreviewContent): PreviewTab[] {
  const base = { text: content.text, field: 'base.text' };
  const tabs: PreviewTab[] = content.variants.map((v) => {
    const blog = isBlogChannel(v.channelKind);
    return {
      key: v.channelId,
      label: `${v.channelName} · ${CHANNEL_KIND_LABELS[v.channelKind]}`,
      kind: v.channelKind,
      lang: 'en',
      title: blog && v.title ? { text: v.title, field: `variants.${v.channelId}.title` } : null,
      text: v.text ? { text: v.text, field: `variants.${v.channelId}.text` } : base,
      body: blog ? v.body : null,
    };
  });
  if (tabs.length === 0) {
    tabs.push({
      key: 'base',
      label: 'Base text (no channel chosen yet)',
      kind: 'base',
      lang: 'en',
      title: null,
      text: base,
      body: null,
    });
  }
  if (content.spanish) {
    tabs.push({
      key: 'spanish',
      label: 'Spanish · Español',
      kind: 'spanish',
      lang: 'es',
      title: content.spanish.title ? { text: content.spanish.title, field: 'spanish.title' } : null,
      text: { text: content.spanish.text, field: 'spanish.text' },
      body: content.spanish.body,
    });
  }
  return tabs;
}

/**
 * The post as it will appear on each of its channels (text per variant, blog title and article,
 * images with their alt text), the Spanish version of an alert, and an alert's own fields; the
 * words the findings point at are marked where they stand.
 */
@Component({
  selector: 'cc-post-preview',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatTabsModule, MarkedText],
  templateUrl: './post-preview.html',
  styleUrl: './post-preview.scss',
})
export class PostPreview {
  readonly content = input.required<PreviewContent>();
  readonly findings = input<readonly Finding[]>([]);
  readonly organisation = input.required<Organisation>();

  protected readonly tabs = computed(() => previewTabs(this.content()));
  protected readonly urgency = computed(() => {
    const c = this.content();
    return c.kind === 'health_alert' ? (c.urgency ?? 'routine') : null;
  });

  protected readonly urgencyLabels = URGENCY_LABELS;

  protected time(iso: string | null): string {
    return iso ? formatDateTime(iso, this.organisation()) : 'not set';
  }

  protected altField(index: number): string {
    return `media.${index}.altText`;
  }
}
