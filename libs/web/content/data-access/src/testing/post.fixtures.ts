import type {
  ChannelSummary,
  ContentSettings,
  PostDetail,
  PostSummary,
  PostTemplate,
} from '@carecast/shared/contracts';
import { DEFAULT_CONTENT_SETTINGS, POST_TEMPLATES } from '@carecast/shared/contracts';

export const X_CHANNEL: ChannelSummary = {
  id: 'c-x',
  kind: 'x_account',
  displayName: 'Riverside on X',
  externalAccountId: 'riversidefm',
  status: 'connected',
  lastError: null,
  capabilities: { mentions: true, reply: true, hide: false, maxImages: 4 },
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

export const FACEBOOK_CHANNEL: ChannelSummary = {
  ...X_CHANNEL,
  id: 'c-fb',
  kind: 'facebook_page',
  displayName: 'Riverside Family Medicine',
  externalAccountId: '1234567890',
};

export const BLOG_CHANNEL: ChannelSummary = {
  ...X_CHANNEL,
  id: 'c-blog',
  kind: 'carecast_blog',
  displayName: 'Riverside blog',
  externalAccountId: 'blog',
};

export function aContentSettings(over: Partial<ContentSettings> = {}): ContentSettings {
  return {
    ...DEFAULT_CONTENT_SETTINGS,
    contact: { phones: ['(555) 010-2000'], emails: [], addresses: [], websites: [] },
    updatedAt: null,
    updatedBy: null,
    ...over,
  };
}

export const TEMPLATES: PostTemplate[] = [...POST_TEMPLATES];

export function aPostDetail(over: Partial<PostDetail> = {}): PostDetail {
  return {
    id: 'p-1',
    kind: 'post',
    state: 'draft',
    urgency: null,
    validFrom: null,
    validUntil: null,
    allClearText: null,
    text: 'Flu shots are here.',
    link: null,
    tags: [],
    variants: [],
    images: [],
    spanish: null,
    scheduledAt: null,
    submittedAt: null,
    revision: 1,
    contentHash: 'a'.repeat(64),
    author: { id: 'u-1', name: 'Avery Morgan' },
    lastEditedBy: { id: 'u-1', name: 'Avery Morgan' },
    createdAt: '2026-03-02T14:00:00.000Z',
    updatedAt: '2026-03-02T14:41:05.000Z',
    findings: [],
    ...over,
  };
}

export function aPostSummary(over: Partial<PostSummary> = {}): PostSummary {
  return {
    id: 'p-1',
    kind: 'post',
    state: 'draft',
    urgency: null,
    text: 'Flu shots are here.',
    channels: [],
    tags: [],
    imageCount: 0,
    scheduledAt: null,
    submittedAt: null,
    revision: 1,
    author: { id: 'u-1', name: 'Avery Morgan' },
    createdAt: '2026-03-02T14:00:00.000Z',
    updatedAt: '2026-03-02T14:41:05.000Z',
    ...over,
  };
}
