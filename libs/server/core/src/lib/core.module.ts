import { Global, Module } from '@nestjs/common';
import { Clock, SystemClock } from './clock';
import { SecretBox } from './secret-box';

/** Process-wide side-effect ports (time, encryption of secrets at rest). */
@Global()
@Module({
  providers: [{ provide: Clock, useClass: SystemClock }, SecretBox],
  exports: [Clock, SecretBox],
})
export class CoreModule {}
