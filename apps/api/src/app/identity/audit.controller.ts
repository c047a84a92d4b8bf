import { Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AuditService, type AuditFilters } from '@carecast/server/audit';
import { Clock } from '@carecast/server/core';
import { actorOf, type AuthSession, type RequestMeta } from '@carecast/server/identity';
import type { AuditPage, AuditVerification } from '@carecast/shared/contracts';
import { CurrentSession, Meta, RequirePermission } from './access';
import { AuditQueryDto } from './identity.dto';

function filtersOf(q: AuditQueryDto): AuditFilters {
  return {
    action: q.action,
    actorUserId: q.actorUserId,
    entityType: q.entityType,
    entityId: q.entityId,
    from: q.from ? new Date(q.from) : undefined,
    to: q.to ? new Date(q.to) : undefined,
  };
}

@ApiTags('audit')
@Controller('audit')
export class AuditController {
  constructor(
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  @Get()
  @RequirePermission('audit.read')
  @ApiOperation({
    summary: 'Audit entries of the current organisation, newest first, with cursor pagination.',
  })
  list(@CurrentSession() session: AuthSession, @Query() q: AuditQueryDto): Promise<AuditPage> {
    return this.audit.list(session.organisation.id, filtersOf(q), q.cursor ?? null, q.limit ?? 50);
  }

  @Get('export')
  @RequirePermission('audit.export')
  @ApiProduces('text/csv')
  @ApiOperation({ summary: 'Every matching entry as CSV, oldest first. The export is itself audited.' })
  async export(
    @CurrentSession() session: AuthSession,
    @Query() q: AuditQueryDto,
    @Meta() meta: RequestMeta,
    @Res() res: Response,
  ): Promise<void> {
    const filters = filtersOf(q);
    const { csv, rows } = await this.audit.exportCsv(session.organisation.id, filters);
    await this.audit.record(actorOf(session, meta), {
      action: 'audit.exported',
      entityType: 'audit',
      after: { rows, filters: { ...q, cursor: undefined, limit: undefined } },
    });
    // What was handed out is pinned by a signed checkpoint outside the database.
    await this.audit.checkpoint(session.organisation.id, 'export');
    const stamp = this.clock.now().toISOString().slice(0, 10);
    res
      .type('text/csv; charset=utf-8')
      .attachment(`carecast-audit-${session.organisation.slug}-${stamp}.csv`)
      .send(csv);
  }

  @Post('verify')
  @RequirePermission('audit.read')
  @HttpCode(200)
  @ApiOperation({
    summary:
      "Recompute the organisation's keyed hash chain, compare it with the latest signed checkpoint, and name the first entry that does not fit or the entries missing at the end.",
  })
  async verify(
    @CurrentSession() session: AuthSession,
    @Meta() meta: RequestMeta,
  ): Promise<AuditVerification> {
    const result = await this.audit.verify(session.organisation.id);
    await this.audit.record(actorOf(session, meta), {
      action: 'audit.verified',
      entityType: 'audit',
      after: {
        intact: result.intact,
        anchored: result.anchored,
        checked: result.checked,
        firstBrokenSeq: result.firstBroken?.seq ?? null,
      },
    });
    if (result.intact) await this.audit.checkpoint(session.organisation.id, 'verify');
    return result;
  }
}
