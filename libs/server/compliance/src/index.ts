export * from './lib/compliance.module';
export * from './lib/compliance.service';
export * from './lib/link-probe';
export * from './lib/http-link-probe';
export * from './lib/link-checker';
