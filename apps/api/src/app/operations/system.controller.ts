import { Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Clock } from '@carecast/server/core';
import { RequirePermission } from '../identity/access';
import { JobProducer } from '@carecast/server/queue';
import { SystemStatusService } from '@carecast/server/operations';
import { JobName, type HeartbeatRequested, type SystemStatus } from '@carecast/shared/contracts';

@ApiTags('operations')
@Controller('system')
export class SystemController {
  constructor(
    private readonly status: SystemStatusService,
    private readonly jobs: JobProducer,
    private readonly clock: Clock,
  ) {}

  @Get('status')
  @RequirePermission('system.read')
  @ApiOperation({
    summary: 'Live status of PostgreSQL, Redis and the worker (from its last heartbeat), for the dashboard.',
  })
  @ApiOkResponse({ description: 'Always 200; each service says `up` or `down` with the reason.' })
  systemStatus(): Promise<SystemStatus> {
    return this.status.status();
  }

  @Post('heartbeat')
  @RequirePermission('system.read')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Ask a worker to report now. The request id travels with the job into the heartbeat record.',
  })
  @ApiAcceptedResponse({ description: 'The heartbeat job was queued.' })
  async heartbeat(@Req() req: Request & { id: string }): Promise<HeartbeatRequested> {
    const requestId = String(req.id);
    const jobId = await this.jobs.enqueue(JobName.Heartbeat, {
      requestId,
      requestedAt: this.clock.now().toISOString(),
      source: 'api',
    });
    return { jobId, requestId };
  }
}
