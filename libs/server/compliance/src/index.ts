export * from './lib/compliance.module';
export * from './lib/compliance.service';
