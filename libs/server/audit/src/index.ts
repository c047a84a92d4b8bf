export * from './lib/audit.module';
export * from './lib/audit.service';
export type { AuditContext, AuditEvent, AuditFilters } from './lib/audit.types';
export { unkeyedEntryHash, type HashedFields } from './lib/audit-hash';
