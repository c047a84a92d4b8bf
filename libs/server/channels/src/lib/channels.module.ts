import { Module } from '@nestjs/common';
import { AuditModule } from '@carecast/server/audit';
import { BlogModule } from '@carecast/server/blog';
import { ChannelRepository } from './channel.repository';
import { ChannelEventRepository } from './channel-event.repository';
import { ChannelEventsService } from './channel-events.service';
import { ChannelsService } from './channels.service';
import { ChannelRemovalGuards } from './channel-removal-guards';
import { ChannelOAuthService } from './channel-oauth.service';
import { PendingOAuthStore } from './pending-oauth.store';
import { ChannelAdapterRegistry } from './channel-adapter.registry';
import { CHANNEL_ADAPTERS, type ChannelAdapter } from './channel-adapter';
import { ChannelCredentialsRepository } from './channel-credentials.repository';
import { ChannelCredentialsService } from './channel-credentials.service';
import { CarecastBlogAdapter } from './adapters/carecast-blog/carecast-blog.adapter';
import { FacebookAdapter } from './adapters/facebook/facebook.adapter';
import { WordPressAdapter } from './adapters/wordpress/wordpress.adapter';
import { XAdapter } from './adapters/x/x.adapter';

/** Channels: encrypted credentials and the adapter registry (adapters register via CHANNEL_ADAPTERS). */
@Module({
  imports: [AuditModule, BlogModule],
  providers: [
    ChannelRepository,
    ChannelsService,
    ChannelRemovalGuards,
    ChannelEventRepository,
    ChannelEventsService,
    ChannelCredentialsRepository,
    ChannelCredentialsService,
    ChannelAdapterRegistry,
    XAdapter,
    FacebookAdapter,
    WordPressAdapter,
    CarecastBlogAdapter,
    // Every platform adapter, looked up by kind through the registry.
    {
      provide: CHANNEL_ADAPTERS,
      inject: [XAdapter, FacebookAdapter, WordPressAdapter, CarecastBlogAdapter],
      useFactory: (...adapters: ChannelAdapter[]) => adapters,
    },
  ],
  exports: [
    ChannelsService,
    ChannelRemovalGuards,
    ChannelEventsService,
    ChannelCredentialsService,
    ChannelAdapterRegistry,
  ],
})
export class ChannelsModule {}

/**
 * Connecting channels through the platforms' sign-in (OAuth). Separate because it keeps the
 * in-flight sign-ins in Redis (`PendingOAuthStore`, on the global QueueModule's ordinary client),
 * which commands that only touch stored channels (secret rotation) do not need.
 */
@Module({
  imports: [ChannelsModule],
  providers: [ChannelOAuthService, PendingOAuthStore],
  exports: [ChannelOAuthService],
})
export class ChannelOAuthModule {}
