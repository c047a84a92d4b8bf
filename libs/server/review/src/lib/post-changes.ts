import {
  ALERT_URGENCIES,
  CHANNEL_KIND_LABELS,
  type PostChange,
  type PostSnapshot,
} from '@carecast/shared/contracts';

type Part = { label: string; value: string | null };

const yesNo = (b: boolean) => (b ? 'yes' : 'no');

/**
 * Every part of a revision a reviewer reads, as text, by field (named like the findings name
 * them): the texts, the link, the alert's details, each channel's variant, each image's alt text.
 */
function partsOf(s: PostSnapshot): Map<string, Part> {
  const parts = new Map<string, Part>();
  const put = (field: string, label: string, value: string | null | undefined) =>
    parts.set(field, { label, value: value ?? null });
  put('kind', 'Kind', s.kind === 'health_alert' ? 'Health alert' : 'Post');
  if (s.kind === 'health_alert') {
    put('urgency', 'Urgency', s.urgency && ALERT_URGENCIES.includes(s.urgency) ? s.urgency : null);
    put('validFrom', 'Valid from', s.validFrom);
    put('validUntil', 'Valid until', s.validUntil);
    put('allClearText', '"All clear" text', s.allClearText);
  }
  put('text', 'Text', s.text);
  put('link', 'Link', s.link);
  put('tags', 'Campaign tags', s.tags.length ? s.tags.join(', ') : null);
  put('scheduledAt', 'Scheduled time', s.scheduledAt);
  put(
    'channels',
    'Channels',
    s.variants.map((v) => CHANNEL_KIND_LABELS[v.channelKind] ?? v.channelKind).join(', ') || null,
  );
  for (const v of s.variants) {
    const on = CHANNEL_KIND_LABELS[v.channelKind] ?? v.channelKind;
    put(`variants.${v.channelId}.text`, `${on}: text`, v.text);
    put(`variants.${v.channelId}.title`, `${on}: title`, v.title);
    put(`variants.${v.channelId}.body`, `${on}: article`, v.body);
  }
  s.images.forEach((image, i) => {
    put(`media.${i}`, `Image ${i + 1}`, image.sha256);
    put(`media.${i}.altText`, `Image ${i + 1}: alt text`, image.altText);
    put(`media.${i}.decorative`, `Image ${i + 1}: decorative`, yesNo(image.decorative));
  });
  if (s.spanish) {
    put('spanish.text', 'Spanish text', s.spanish.text);
    put('spanish.title', 'Spanish title', s.spanish.title);
    put('spanish.body', 'Spanish article', s.spanish.body);
  }
  return parts;
}

/**
 * What differs between two revisions, part by part, in reading order (a part only one of them
 * has counts as changed from or to nothing). Images are compared by their content, so the same
 * picture uploaded again is no change; the image itself is shown as "changed", not as its hash.
 */
export function postChanges(before: PostSnapshot, after: PostSnapshot): PostChange[] {
  const a = partsOf(before);
  const b = partsOf(after);
  const fields = [...b.keys(), ...[...a.keys()].filter((f) => !b.has(f))];
  const changes: PostChange[] = [];
  for (const field of fields) {
    const was = a.get(field)?.value ?? null;
    const now = b.get(field)?.value ?? null;
    if (was === now) continue;
    const label = (b.get(field) ?? a.get(field))?.label ?? field;
    const isImage = /^media\.\d+$/.test(field);
    changes.push({
      field,
      label,
      before: isImage ? (was === null ? null : 'an image') : was,
      after: isImage ? (now === null ? null : 'another image') : now,
    });
  }
  return changes;
}
