import {
  NOTIFICATION_DEFAULTS,
  permissionsOf,
  type NotificationChannels,
  type NotificationKind,
  type Permission,
  type Role,
} from '@carecast/shared/contracts';

/** An active member of the organisation being notified. */
export interface ActiveMember {
  userId: string;
  roles: Role[];
}

/** Whom a notification is for, as the caller put it. */
export interface RecipientRule {
  recipientUserIds?: string[];
  recipientPermission?: Permission;
  excludeUserIds?: string[];
}

/**
 * The user ids a notification goes to: the listed users and every member holding the
 * permission, less the excluded ones, each once, in the order of `members`. Only the given
 * (active) members can be among them: a listed user who is not one (another organisation's, a
 * deactivated or only invited member) gets nothing.
 */
export function resolveRecipients(members: readonly ActiveMember[], rule: RecipientRule): string[] {
  const listed = new Set(rule.recipientUserIds ?? []);
  const excluded = new Set(rule.excludeUserIds ?? []);
  const permission = rule.recipientPermission;
  return members
    .filter(
      (m) =>
        !excluded.has(m.userId) &&
        (listed.has(m.userId) || (permission !== undefined && permissionsOf(m.roles).includes(permission))),
    )
    .map((m) => m.userId)
    .filter((id, i, ids) => ids.indexOf(id) === i);
}

/** A stored choice of one person for one kind. */
export interface StoredPreference extends NotificationChannels {
  userId: string;
  kind: NotificationKind;
}

/** How each recipient wants this kind: their stored choice, else the product's default. */
export function channelsFor(
  recipients: readonly string[],
  kind: NotificationKind,
  stored: readonly StoredPreference[],
): Map<string, NotificationChannels> {
  const chosen = new Map(stored.filter((p) => p.kind === kind).map((p) => [p.userId, p]));
  return new Map(
    recipients.map((id) => {
      const p = chosen.get(id) ?? NOTIFICATION_DEFAULTS[kind];
      return [id, { inApp: p.inApp, email: p.email }];
    }),
  );
}
