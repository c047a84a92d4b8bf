import { permissionsOf, type Me, type Role } from '@carecast/shared/contracts';
import { AuthStore } from '../lib/auth/auth.store';

export const RIVERSIDE = {
  id: '11111111-1111-4111-8111-111111111111',
  slug: 'riverside',
  name: 'Riverside Family Medicine',
  timeZone: 'America/New_York',
};

/** A signed-in user of Riverside with the given roles (permissions follow the shared table). */
export function aMe(roles: Role[] = ['admin'], overrides: Partial<Me> = {}): Me {
  return {
    user: { id: 'u-1', email: 'avery@riverside.example', displayName: 'Avery Morgan', mfaEnabled: false },
    organisation: { ...RIVERSIDE, roles },
    organisations: [{ ...RIVERSIDE, roles }],
    roles,
    permissions: permissionsOf(roles),
    session: { id: 's-1', expiresAt: '2026-03-03T02:00:00.000Z', idleTimeoutMinutes: 15 },
    ...overrides,
  };
}

/** Signs the store in without asking the API (call after TestBed is configured). */
export function signInAs(store: AuthStore, me: Me = aMe()): Me {
  store.setMe(me);
  return me;
}
