import { Global, Module } from '@nestjs/common';
import { Clock, SystemClock } from './clock';

/** Process-wide side-effect ports (time today; crypto and HTTP as they arrive). */
@Global()
@Module({
  providers: [{ provide: Clock, useClass: SystemClock }],
  exports: [Clock],
})
export class CoreModule {}
