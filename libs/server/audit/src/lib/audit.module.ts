import { Module } from '@nestjs/common';
import { AuditCheckpointStore } from './audit-checkpoint.store';
import { AuditSigner } from './audit-signer';
import { AuditRepository } from './audit.repository';
import { AuditService } from './audit.service';

/** The audit trail. Needs the config, core and database modules. */
@Module({
  providers: [AuditRepository, AuditService, AuditSigner, AuditCheckpointStore],
  exports: [AuditService],
})
export class AuditModule {}
