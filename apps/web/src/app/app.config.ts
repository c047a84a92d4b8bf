import { provideHttpClient, withFetch, withInterceptors, withXsrfConfiguration } from '@angular/common/http';
import {
  ApplicationConfig,
  provideBrowserGlobalErrorListeners,
  provideZonelessChangeDetection,
} from '@angular/core';
import {
  provideRouter,
  TitleStrategy,
  withComponentInputBinding,
  withInMemoryScrolling,
} from '@angular/router';
import { authInterceptor, CarecastTitleStrategy } from '@carecast/web/core';
import { provideFormFields } from '@carecast/web/shared/util';
import { appRoutes } from './app.routes';

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideZonelessChangeDetection(),
    provideHttpClient(
      withFetch(),
      // Every write carries the session's CSRF token (the API's double-submit check).
      withXsrfConfiguration({ cookieName: 'cc_csrf', headerName: 'X-CSRF-Token' }),
      withInterceptors([authInterceptor]),
    ),
    provideRouter(
      appRoutes,
      withComponentInputBinding(),
      withInMemoryScrolling({ scrollPositionRestoration: 'top' }),
    ),
    { provide: TitleStrategy, useClass: CarecastTitleStrategy },
    provideFormFields(),
  ],
};
