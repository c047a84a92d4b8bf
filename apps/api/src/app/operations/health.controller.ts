import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { Public } from '../identity/access';
import {
  HealthCheck,
  type HealthCheckResult,
  HealthCheckService,
  HealthIndicatorService,
} from '@nestjs/terminus';
import { DependencyProbe } from '@carecast/server/operations';
import type { ServiceHealth } from '@carecast/shared/contracts';

@ApiTags('operations')
@SkipThrottle()
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly probe: DependencyProbe,
  ) {}

  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process is up and serving HTTP. Checks nothing else.' })
  @ApiOkResponse({ description: 'Always `{ "status": "ok" }` while the process runs.' })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @HealthCheck()
  @ApiOperation({
    summary: 'Readiness: PostgreSQL and Redis answer. Use it for load balancers and orchestrators.',
  })
  @ApiServiceUnavailableResponse({
    description: '503 `not_ready`: `message` names each dependency that is down; `checks` has every result.',
  })
  async ready(): Promise<HealthCheckResult> {
    try {
      return await this.health.check([
        () => this.probe.postgres().then((h) => this.result('postgres', h)),
        () => this.probe.redisPing().then((h) => this.result('redis', h)),
      ]);
    } catch (err) {
      if (!(err instanceof ServiceUnavailableException)) throw err;
      const result = err.getResponse() as HealthCheckResult;
      const down = Object.entries(result.error ?? {}).map(
        ([name, r]) => `${name} (${String(r?.['message'] ?? 'down')})`,
      );
      throw new ServiceUnavailableException({
        error: 'not_ready',
        message: `Not ready: ${down.join('; ')}`,
        checks: result.details,
      });
    }
  }

  private result(key: string, health: ServiceHealth) {
    const session = this.indicators.check(key);
    return health.status === 'up'
      ? session.up({ latencyMs: health.latencyMs })
      : session.down({ message: health.error ?? `${key} is down` });
  }
}
