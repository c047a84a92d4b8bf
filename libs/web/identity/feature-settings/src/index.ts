export * from './lib/security/security-settings.routes';
export * from './lib/users/users.routes';
