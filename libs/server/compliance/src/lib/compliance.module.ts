import { Module } from '@nestjs/common';
import { ComplianceService } from './compliance.service';

/** Compliance checks for posts and replies (shared pure checks + link resolution). */
@Module({
  providers: [ComplianceService],
  exports: [ComplianceService],
})
export class ComplianceModule {}
