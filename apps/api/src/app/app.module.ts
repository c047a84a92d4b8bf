import {
  type DynamicModule,
  type ExecutionContext,
  Module,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { TerminusModule } from '@nestjs/terminus';
import { BlogModule } from '@carecast/server/blog';
import { ChannelOAuthModule, ChannelsModule } from '@carecast/server/channels';
import { APP_CONFIG, type AppConfig, ConfigModule } from '@carecast/server/config';
import { ContentDemoDataService, ContentModule } from '@carecast/server/content';
import { CoreModule, LoggingModule } from '@carecast/server/core';
import { DatabaseModule } from '@carecast/server/database';
import { DemoDataService, IdentityModule } from '@carecast/server/identity';
import { NotifyModule } from '@carecast/server/notify';
import { OperationsModule } from '@carecast/server/operations';
import { QueueModule, RedisThrottlerStorage } from '@carecast/server/queue';
import { ReviewModule } from '@carecast/server/review';
import { BlogCommentsController } from './blog/blog-comments.controller';
import { BlogPagesController } from './blog/blog-pages.controller';
import { CommentRateLimit } from './blog/comment-rate-limit';
import { ChannelOAuthController } from './channels/channel-oauth.controller';
import { ChannelsController } from './channels/channels.controller';
import { ContentSettingsController } from './content/content-settings.controller';
import { ImageUploadInterceptor } from './content/image-upload.interceptor';
import { MediaController } from './content/media.controller';
import { PostsController } from './content/posts.controller';
import { TemplatesController } from './content/templates.controller';
import { FacebookWebhooksController } from './channels/webhooks.controller';
import { ApiExceptionFilter } from './http/api-exception.filter';
import { RateLimitGuard } from './http/rate-limit.guard';
import { AuditController } from './identity/audit.controller';
import { AuthController } from './identity/auth.controller';
import { SIGN_IN_RATE_LIMIT_KEY } from './identity/access';
import { AuthGuard } from './identity/auth.guard';
import { OrganisationController, UsersController } from './identity/users.controller';
import { HealthController } from './operations/health.controller';
import { NotificationStreams } from './notifications/notification-streams';
import { NotificationsController } from './notifications/notifications.controller';
import { MetricsController } from './operations/metrics.controller';
import { SystemController } from './operations/system.controller';
import { FindingOverridesController } from './review/finding-overrides.controller';
import { OutsideReviewRequestsController } from './review/outside-review-requests.controller';
import { OutsideReviewsController } from './review/outside-reviews.controller';
import { PostCommentsController } from './review/post-comments.controller';
import { PostWorkflowController } from './review/post-workflow.controller';
import { ReviewQueueController } from './review/review-queue.controller';

/** The HTTP API: controllers only; every rule lives in the libraries' services. */
@Module({})
export class ApiModule implements OnApplicationBootstrap {
  constructor(
    private readonly demoData: DemoDataService,
    private readonly contentDemoData: ContentDemoDataService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.demoData.ensureForDevelopment();
    await this.contentDemoData.ensureForDevelopment();
  }

  static forRoot(config?: AppConfig): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        ConfigModule.forRoot(config),
        CoreModule,
        LoggingModule,
        DatabaseModule,
        QueueModule.forRoot(),
        TerminusModule.forRoot({ errorLogStyle: 'json', logger: false }),
        OperationsModule,
        IdentityModule,
        ChannelsModule,
        ChannelOAuthModule,
        BlogModule,
        ContentModule,
        NotifyModule,
        ReviewModule,
        ThrottlerModule.forRootAsync({
          inject: [APP_CONFIG, RedisThrottlerStorage],
          useFactory: (c: AppConfig, storage: RedisThrottlerStorage) => ({
            throttlers: [
              { name: 'default', ttl: 60_000, limit: c.http.rateLimitPerMinute },
              {
                name: 'sign-in',
                ttl: 60_000,
                limit: c.http.signInRateLimitPerMinute,
                skipIf: (ctx: ExecutionContext) =>
                  !Reflect.getMetadata(SIGN_IN_RATE_LIMIT_KEY, ctx.getHandler()),
              },
            ],
            storage,
          }),
        }),
      ],
      controllers: [
        HealthController,
        MetricsController,
        SystemController,
        AuthController,
        UsersController,
        OrganisationController,
        AuditController,
        ChannelsController,
        FacebookWebhooksController,
        ChannelOAuthController,
        BlogCommentsController,
        BlogPagesController,
        PostsController,
        MediaController,
        TemplatesController,
        ContentSettingsController,
        NotificationsController,
        PostWorkflowController,
        PostCommentsController,
        FindingOverridesController,
        OutsideReviewRequestsController,
        OutsideReviewsController,
        ReviewQueueController,
      ],
      providers: [
        CommentRateLimit,
        ImageUploadInterceptor,
        NotificationStreams,
        { provide: APP_FILTER, useClass: ApiExceptionFilter },
        { provide: APP_GUARD, useClass: RateLimitGuard },
        { provide: APP_GUARD, useClass: AuthGuard },
      ],
    };
  }
}
