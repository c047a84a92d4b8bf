export * from './lib/account/account-security-page';
export * from './lib/invitation/accept-invitation-page';
export * from './lib/password/forgot-password-page';
export * from './lib/password/reset-password-page';
export * from './lib/sign-in/sign-in.routes';
