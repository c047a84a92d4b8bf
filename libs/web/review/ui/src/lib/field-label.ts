import { CHANNEL_KIND_LABELS, type ChannelKind } from '@carecast/shared/contracts';

/** The channels of a post, as far as naming a finding's field needs them. */
export interface ChannelNames {
  channelId: string;
  channelKind: ChannelKind;
  channelName: string;
}

/** A finding's field in plain words: "Base text", "Text for Riverside on Facebook", "Image 2 alt text". */
export function fieldLabel(field: string, variants: readonly ChannelNames[] = []): string {
  if (field === 'base.text' || field === 'text') return 'Base text';
  if (field === 'link') return 'Link';
  if (field === 'allClearText') return '“All clear” message';
  if (field === 'spanish') return 'Spanish version';
  const spanish = /^spanish\.(text|title|body)$/.exec(field);
  if (spanish)
    return (
      { text: 'Spanish text', title: 'Spanish title', body: 'Spanish article' }[spanish[1]] ??
      'Spanish version'
    );
  const media = /^(?:media|images)\.(\d+)\.altText$/.exec(field);
  if (media) return `Image ${Number(media[1]) + 1} alt text`;
  const variant = /^variants\.([^.]+)\.(text|title|body)$/.exec(field);
  if (variant) {
    const channel = variants.find((v) => v.channelId === variant[1]);
    const name = channel
      ? `${channel.channelName} (${CHANNEL_KIND_LABELS[channel.channelKind]})`
      : 'one channel';
    return `${{ text: 'Text', title: 'Title', body: 'Article' }[variant[2]]} for ${name}`;
  }
  return field;
}
