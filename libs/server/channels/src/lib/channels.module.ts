import { Module } from '@nestjs/common';
import { AuditModule } from '@carecast/server/audit';
import { ChannelRepository } from './channel.repository';
import { ChannelsService } from './channels.service';
import { ChannelAdapterRegistry } from './channel-adapter.registry';
import { CHANNEL_ADAPTERS, type ChannelAdapter } from './channel-adapter';
import { ChannelCredentialsRepository } from './channel-credentials.repository';
import { ChannelCredentialsService } from './channel-credentials.service';
import { FacebookAdapter } from './adapters/facebook/facebook.adapter';
import { WordPressAdapter } from './adapters/wordpress/wordpress.adapter';
import { XAdapter } from './adapters/x/x.adapter';

/** Channels: encrypted credentials and the adapter registry (adapters register via CHANNEL_ADAPTERS). */
@Module({
  imports: [AuditModule],
  providers: [
    ChannelRepository,
    ChannelsService,
    ChannelCredentialsRepository,
    ChannelCredentialsService,
    ChannelAdapterRegistry,
    XAdapter,
    FacebookAdapter,
    WordPressAdapter,
    // Every platform adapter, looked up by kind through the registry.
    {
      provide: CHANNEL_ADAPTERS,
      inject: [XAdapter, FacebookAdapter, WordPressAdapter],
      useFactory: (...adapters: ChannelAdapter[]) => adapters,
    },
  ],
  exports: [ChannelsService, ChannelCredentialsService, ChannelAdapterRegistry],
})
export class ChannelsModule {}
