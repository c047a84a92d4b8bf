import { inject } from '@angular/core';
import { CanActivateFn, RedirectCommand, Router } from '@angular/router';
import type { Permission } from '@carecast/shared/contracts';
import { AuthStore } from './auth.store';
import { safeReturnUrl } from './sign-in-reason';

/** The route data key naming the permission a page needs. */
export const PERMISSION_DATA_KEY = 'permission';

/** Where the "you do not have access" page lives (shown without changing the address). */
export const NO_ACCESS_PATH = '/no-access';

/**
 * Lets a signed-in user through; anyone else goes to the sign-in page, which brings them back
 * here afterwards. Asks the API who is signed in once, at start-up.
 */
export const signedInGuard: CanActivateFn = async (_route, state) => {
  const store = inject(AuthStore);
  const router = inject(Router);
  const check = await store.ensureLoaded();
  if (store.signedIn()) return true;
  const returnUrl = safeReturnUrl(state.url);
  return router.createUrlTree(['/sign-in'], {
    queryParams: {
      ...(returnUrl && returnUrl !== '/' ? { returnUrl } : {}),
      ...(check.reason ? { reason: check.reason } : {}),
    },
  });
};

/**
 * Lets the user through when their role allows the route's `data.permission`; otherwise shows
 * the "you do not have access to this page" page at the same address.
 */
export const permissionGuard: CanActivateFn = async (route, state) => {
  const store = inject(AuthStore);
  const router = inject(Router);
  const permission = route.data[PERMISSION_DATA_KEY] as Permission | undefined;
  await store.ensureLoaded();
  if (!permission || store.can(permission)) return true;
  return new RedirectCommand(router.parseUrl(NO_ACCESS_PATH), {
    browserUrl: state.url,
    skipLocationChange: false,
  });
};

/** The sign-in page and its kin are for people who are not signed in: others go on to the app. */
export const signedOutGuard: CanActivateFn = async (route) => {
  const store = inject(AuthStore);
  const router = inject(Router);
  await store.ensureLoaded();
  if (!store.signedIn()) return true;
  return router.parseUrl(safeReturnUrl(route.queryParamMap.get('returnUrl')) ?? '/calendar');
};
