import { Module } from '@nestjs/common';
import { ChannelAdapterRegistry } from './channel-adapter.registry';
import { CHANNEL_ADAPTERS } from './channel-adapter';
import { ChannelCredentialsRepository } from './channel-credentials.repository';
import { ChannelCredentialsService } from './channel-credentials.service';
import { XAdapter } from './adapters/x/x.adapter';

/** Channels: encrypted credentials and the adapter registry (adapters register via CHANNEL_ADAPTERS). */
@Module({
  providers: [
    ChannelCredentialsRepository,
    ChannelCredentialsService,
    ChannelAdapterRegistry,
    XAdapter,
    // Every platform adapter, looked up by kind through the registry.
    { provide: CHANNEL_ADAPTERS, inject: [XAdapter], useFactory: (x: XAdapter) => [x] },
  ],
  exports: [ChannelCredentialsService, ChannelAdapterRegistry],
})
export class ChannelsModule {}
