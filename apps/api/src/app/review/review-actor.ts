import { actorOf, type AuthSession, type RequestMeta } from '@carecast/server/identity';
import type { ReviewActor } from '@carecast/server/review';

/** The signed-in member acting on a post, as the review services take them. */
export function reviewActorOf(session: AuthSession, meta: RequestMeta): ReviewActor {
  return {
    ...actorOf(session, meta),
    organisationId: session.organisation.id,
    actorUserId: session.user.id,
    name: session.user.displayName || session.user.email,
    email: session.user.email,
    roles: session.roles,
    permissions: session.permissions,
  };
}
