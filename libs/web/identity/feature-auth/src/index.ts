export * from './lib/account/account-security.routes';
export * from './lib/invitation/accept-invitation.routes';
export * from './lib/password/forgot-password.routes';
export * from './lib/password/reset-password.routes';
export * from './lib/sign-in/sign-in.routes';
