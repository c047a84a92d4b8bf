export * from './lib/security-settings.service';
export * from './lib/users.service';
