import { Module } from '@nestjs/common';
import { ComplianceService } from './compliance.service';
import { HttpLinkProbe, LINK_RESOLVE, systemLinkResolve } from './http-link-probe';
import { LinkCheckCache } from './link-check-cache';
import { LinkChecker } from './link-checker';
import { LINK_PROBE } from './link-probe';

/**
 * Compliance checks for posts and replies (the shared pure checks + link resolution). Needs the
 * global configuration and the queue module's Redis client (link answers are remembered there).
 */
@Module({
  providers: [
    ComplianceService,
    LinkChecker,
    LinkCheckCache,
    { provide: LINK_RESOLVE, useValue: systemLinkResolve },
    { provide: LINK_PROBE, useClass: HttpLinkProbe },
  ],
  exports: [ComplianceService],
})
export class ComplianceModule {}
