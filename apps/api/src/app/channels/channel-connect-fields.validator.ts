import { type ValidationArguments, type ValidationOptions, registerDecorator } from 'class-validator';
import { CHANNEL_KINDS, type ChannelKind } from '@carecast/shared/contracts';

interface KindFields {
  /** Every field the kind takes. */
  fields: readonly string[];
  /** One of these sets must be given in full (none: nothing is required). */
  required: ReadonlyArray<readonly string[]>;
}

const MAX_LENGTH = 4096;

/** What `POST /api/channels` takes per kind of channel, in credentials and in settings. */
export const CONNECT_FIELDS: Record<ChannelKind, { credentials: KindFields; settings: KindFields }> = {
  x_account: {
    credentials: {
      fields: ['accessToken', 'oauth1Token', 'oauth1Secret'],
      required: [['accessToken'], ['oauth1Token', 'oauth1Secret']],
    },
    settings: { fields: [], required: [] },
  },
  facebook_page: {
    credentials: { fields: ['userAccessToken'], required: [['userAccessToken']] },
    settings: { fields: ['pageId'], required: [] },
  },
  wordpress_blog: {
    credentials: {
      fields: ['username', 'applicationPassword'],
      required: [['username', 'applicationPassword']],
    },
    settings: { fields: ['siteUrl'], required: [['siteUrl']] },
  },
  carecast_blog: {
    credentials: { fields: [], required: [] },
    settings: { fields: [], required: [] },
  },
};

/** What is wrong with `value` as the credentials or settings of `kind`, naming the field; null if fine. */
export function connectFieldProblem(
  kind: unknown,
  group: 'credentials' | 'settings',
  value: unknown,
): string | null {
  if (!(CHANNEL_KINDS as readonly unknown[]).includes(kind)) return null; // `kind` reports itself.
  if (value === undefined && group === 'settings') value = {};
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return `${group} must be an object.`;
  const spec = CONNECT_FIELDS[kind as ChannelKind][group];
  const given = value as Record<string, unknown>;
  const names = spec.fields.length ? spec.fields.join(', ') : 'nothing';
  for (const [name, v] of Object.entries(given)) {
    if (!spec.fields.includes(name)) return `${group}.${name} is not taken for ${kind} (it takes ${names}).`;
    if (typeof v !== 'string') return `${group}.${name} must be a string.`;
    if (v.length > MAX_LENGTH) return `${group}.${name} must be at most ${MAX_LENGTH} characters.`;
  }
  const complete = (set: readonly string[]) =>
    set.every((n) => typeof given[n] === 'string' && (given[n] as string).trim() !== '');
  if (spec.required.length && !spec.required.some(complete)) {
    const missing = spec.required[0].filter((n) => !complete([n]));
    const alternatives = spec.required.map((set) => set.join(' and ')).join(', or ');
    return spec.required.length > 1
      ? `${group} for ${kind} need ${alternatives}.`
      : `${group}.${missing[0]} is required for ${kind}.`;
  }
  return null;
}

/** Checks a credentials or settings object against the fields of the request's `kind`. */
export function FitsChannelKind(group: 'credentials' | 'settings', options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'fitsChannelKind',
      target: target.constructor,
      propertyName,
      options,
      validator: {
        validate: (value: unknown, args: ValidationArguments) =>
          connectFieldProblem((args.object as { kind?: unknown }).kind, group, value) === null,
        defaultMessage: (args: ValidationArguments) =>
          connectFieldProblem((args.object as { kind?: unknown }).kind, group, args.value) ?? '',
      },
    });
}
