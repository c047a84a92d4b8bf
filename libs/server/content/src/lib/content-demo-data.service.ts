import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@carecast/server/config';
import { DEMO_USERS } from '@carecast/server/identity';
import { ContentSettingsRepository, type ContentSettingsValues } from './content-settings.repository';
import { ContentSettingsService } from './content-settings.service';

/** The demo organisation made by the identity demo data (`DemoDataService`). */
const DEMO_ORGANISATION_SLUG = 'riverside-family-medicine';

/**
 * Riverside's published details and staff: its own phone number, address and website may appear
 * in posts, and so may the names of its staff (the demo users and two physicians). Emergency
 * alerts may take the fast path, so it can be tried.
 */
export const DEMO_CONTENT_SETTINGS: ContentSettingsValues = {
  requiredApprovals: { post: 1, health_alert: 1 },
  allowEmergencyFastPath: true,
  requireSpanishForAlerts: false,
  contact: {
    phones: ['(555) 010-2000'],
    emails: ['hello@riverside.example'],
    addresses: ['120 River Road, Springfield, IL 62701'],
    websites: ['https://riverside.example'],
  },
  staffNames: [...DEMO_USERS.map((u) => u.displayName), 'Dr. Ana Ortiz', 'Dr. James Whitaker'],
};

/** In development: the demo organisation's content settings, once (saved settings are left alone). */
@Injectable()
export class ContentDemoDataService {
  private readonly logger = new Logger(ContentDemoDataService.name);

  constructor(
    private readonly settings: ContentSettingsService,
    private readonly repository: ContentSettingsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Called by the api at start-up, after the identity demo data. */
  async ensureForDevelopment(): Promise<void> {
    if (!this.config.demoData || this.config.env === 'production') return;
    if (await this.ensure()) this.logger.log('Demo content settings created');
  }

  /** True when the settings were written now. */
  async ensure(): Promise<boolean> {
    const organisationId = await this.repository.organisationIdBySlug(DEMO_ORGANISATION_SLUG);
    return organisationId !== null && this.settings.seed(organisationId, DEMO_CONTENT_SETTINGS);
  }
}
