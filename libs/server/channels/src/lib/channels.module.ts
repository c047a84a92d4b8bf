import { Module } from '@nestjs/common';
import { ChannelAdapterRegistry } from './channel-adapter.registry';
import { CHANNEL_ADAPTERS } from './channel-adapter';
import { ChannelCredentialsRepository } from './channel-credentials.repository';
import { ChannelCredentialsService } from './channel-credentials.service';

/** Channels: encrypted credentials and the adapter registry (adapters register via CHANNEL_ADAPTERS). */
@Module({
  providers: [
    ChannelCredentialsRepository,
    ChannelCredentialsService,
    ChannelAdapterRegistry,
    // No platform adapter is registered yet; each adds itself to this list.
    { provide: CHANNEL_ADAPTERS, useValue: [] },
  ],
  exports: [ChannelCredentialsService, ChannelAdapterRegistry],
})
export class ChannelsModule {}
