import { Module } from '@nestjs/common';
import { AuditModule } from '@carecast/server/audit';
import { BlogRepository } from './blog.repository';
import { BlogCommentsService } from './blog-comments.service';
import { BlogFeeds } from './blog-feeds';
import { BlogPages } from './blog-pages';
import { BlogPostsService } from './blog-posts.service';

/**
 * The Carecast blog a practice gets without any outside account: posts with images, visitor
 * comments held for moderation, its public pages and feeds. Needs the config, core and database modules.
 */
@Module({
  imports: [AuditModule],
  providers: [BlogRepository, BlogPostsService, BlogCommentsService, BlogPages, BlogFeeds],
  exports: [BlogPostsService, BlogCommentsService, BlogPages, BlogFeeds],
})
export class BlogModule {}
