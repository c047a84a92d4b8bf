import { FormControl, FormGroup, Validators } from '@angular/forms';
import type { ChannelKind, ChannelSummary, ConnectChannelRequest } from '@carecast/shared/contracts';

/** The kinds a manager can connect, in the order they are offered. */
export type ConnectableKind = ChannelKind;
export const CONNECTABLE_KINDS: readonly ConnectableKind[] = [
  'carecast_blog',
  'facebook_page',
  'x_account',
  'wordpress_blog',
];

export interface ConnectField {
  group: 'credentials' | 'settings';
  name: string;
  label: string;
  hint: string;
  type: 'text' | 'password' | 'url';
  /** `https://…` for site addresses. */
  pattern?: RegExp;
  /** Only for this way of connecting (see CONNECT_VARIANTS); absent: always asked. */
  variant?: string;
}

/** Kinds that can be connected with one of several sets of credentials; the first is the default. */
export const CONNECT_VARIANTS: Partial<
  Record<ConnectableKind, ReadonlyArray<{ id: string; label: string }>>
> = {
  x_account: [
    { id: 'oauth2', label: 'OAuth 2.0 token' },
    { id: 'oauth1', label: 'OAuth 1.0a token and secret' },
  ],
};

/** The fields of a kind for the chosen way of connecting. */
export function fieldsOf(kind: ConnectableKind, variant: string | null): readonly ConnectField[] {
  const chosen = variant ?? CONNECT_VARIANTS[kind]?.[0]?.id;
  return CONNECT_FIELDS[kind].filter((f) => !f.variant || f.variant === chosen);
}

/** What a person types to connect each kind without the platform's sign-in (the blog needs nothing). */
export const CONNECT_FIELDS: Record<ConnectableKind, readonly ConnectField[]> = {
  carecast_blog: [],
  x_account: [
    {
      group: 'credentials',
      name: 'accessToken',
      label: 'Access token',
      hint: 'Paste an OAuth 2.0 user token of the X account.',
      type: 'password',
      variant: 'oauth2',
    },
    {
      group: 'credentials',
      name: 'oauth1Token',
      label: 'Access token',
      hint: 'The OAuth 1.0a access token of the X account (needs the app’s consumer keys on the server).',
      type: 'password',
      variant: 'oauth1',
    },
    {
      group: 'credentials',
      name: 'oauth1Secret',
      label: 'Access token secret',
      hint: 'The secret that came with that token.',
      type: 'password',
      variant: 'oauth1',
    },
  ],
  facebook_page: [
    {
      group: 'credentials',
      name: 'userAccessToken',
      label: 'User access token',
      hint: 'A token of a Facebook account that manages the Page.',
      type: 'password',
    },
    {
      group: 'settings',
      name: 'pageId',
      label: 'Page ID',
      hint: 'The number in the Page’s About › Page transparency section.',
      type: 'text',
    },
  ],
  wordpress_blog: [
    {
      group: 'settings',
      name: 'siteUrl',
      label: 'Site address',
      hint: 'The address of the blog, starting with https://',
      type: 'url',
      pattern: /^https:\/\/\S+$/i,
    },
    {
      group: 'credentials',
      name: 'username',
      label: 'Username',
      hint: 'The WordPress user Carecast publishes as.',
      type: 'text',
    },
    {
      group: 'credentials',
      name: 'applicationPassword',
      label: 'Application password',
      hint: 'Create one in WordPress under Users › Profile › Application Passwords.',
      type: 'password',
    },
  ],
};

export type ConnectForm = FormGroup<{
  credentials: FormGroup<Record<string, FormControl<string>>>;
  settings: FormGroup<Record<string, FormControl<string>>>;
}>;

/** The form of a kind, its settings prefilled from the channel being reconnected. */
export function connectForm(
  kind: ConnectableKind,
  reconnecting: ChannelSummary | null = null,
  variant: string | null = null,
): ConnectForm {
  const credentials: Record<string, FormControl<string>> = {};
  const settings: Record<string, FormControl<string>> = {};
  for (const field of fieldsOf(kind, variant)) {
    const validators = [Validators.required, ...(field.pattern ? [Validators.pattern(field.pattern)] : [])];
    const value = field.group === 'settings' && reconnecting ? reconnecting.externalAccountId : '';
    (field.group === 'credentials' ? credentials : settings)[field.name] = new FormControl(value, {
      nonNullable: true,
      validators,
    });
  }
  return new FormGroup({ credentials: new FormGroup(credentials), settings: new FormGroup(settings) });
}

/** The body of `POST /api/channels` for the form's values (trimmed; secrets kept as typed). */
export function connectRequest(kind: ConnectableKind, form: ConnectForm): ConnectChannelRequest {
  const { credentials, settings } = form.getRawValue();
  const trimmed = Object.fromEntries(Object.entries(settings).map(([k, v]) => [k, v.trim()]));
  return Object.keys(trimmed).length
    ? { kind, credentials: { ...credentials }, settings: trimmed }
    : { kind, credentials: { ...credentials } };
}
