import { Module } from '@nestjs/common';
import { AuditModule } from '@carecast/server/audit';
import { ChannelsModule } from '@carecast/server/channels';
import { ComplianceModule } from '@carecast/server/compliance';
import { ChannelRemovalPostsService } from './channel-removal-posts.service';
import { ContentDemoDataService } from './content-demo-data.service';
import { ContentSettingsRepository } from './content-settings.repository';
import { ContentSettingsService } from './content-settings.service';
import { ImageProcessor } from './image-processor';
import { LocalDiskMediaStorage } from './local-disk-media-storage';
import { MediaAssetRepository } from './media-asset.repository';
import { MediaService } from './media.service';
import { MediaStorage } from './media-storage';
import { PostRepository } from './post.repository';
import { PostVersionRepository } from './post-version.repository';
import { PostsService } from './posts.service';

/**
 * Content: posts with their variants, images and versions, and each organisation's content
 * settings. `PostRepository` is exported for the review workflow, which moves posts between
 * states inside its own transactions (`transition`).
 */
@Module({
  imports: [AuditModule, ChannelsModule, ComplianceModule],
  providers: [
    PostRepository,
    PostVersionRepository,
    MediaAssetRepository,
    ContentSettingsRepository,
    PostsService,
    MediaService,
    ContentSettingsService,
    ContentDemoDataService,
    ChannelRemovalPostsService,
    ImageProcessor,
    { provide: MediaStorage, useClass: LocalDiskMediaStorage },
  ],
  exports: [PostsService, MediaService, ContentSettingsService, ContentDemoDataService, PostRepository],
})
export class ContentModule {}
