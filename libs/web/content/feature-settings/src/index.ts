export * from './lib/content-settings-page';
export * from './lib/content-settings.routes';
