export type RuntimeEnv = 'development' | 'production' | 'test';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/** Typed configuration of the api and the worker, validated once at start-up. */
export interface AppConfig {
  env: RuntimeEnv;
  http: {
    host: string;
    port: number;
    /** Express `trust proxy`: false, true (any), or how many proxies stand in front. */
    trustProxy: boolean | number;
    /** Where users reach the product (used in links and logs). */
    publicUrl: string;
    /** Built dashboard served at `/`; empty string disables serving it. */
    webDistDir: string;
    /** Requests one client (IP) may make per minute before answers are 429. */
    rateLimitPerMinute: number;
    /** Sign-in, code, reset and invitation requests per client (IP) per minute. */
    signInRateLimitPerMinute: number;
  };
  /**
   * `url` is what the api and the worker connect with (a role that owns nothing);
   * `migrationUrl` (default: `url`) is the schema owner's, used only to apply migrations.
   */
  database: { url: string; poolSize: number; migrationUrl: string };
  redis: { url: string; prefix: string };
  log: { level: LogLevel; pretty: boolean };
  worker: { concurrency: number; heartbeatIntervalMs: number };
  shutdownTimeoutMs: number;
  /** Keys for encrypting secrets at rest (AES-256-GCM); `activeKeyId` encrypts, all decrypt. */
  encryption: { keys: Record<string, Buffer>; activeKeyId: string };
  mail: { smtpUrl: string | null; from: string };
  /** Where the platform APIs are (the real ones, or the local sandbox) and the app registrations. */
  platforms: {
    xApiBaseUrl: string;
    /**
     * How long a request to X may wait for an answer before it is abandoned (a token renewal
     * holds its channel's row lock meanwhile).
     */
    xRequestTimeoutMs: number;
    facebookGraphBaseUrl: string;
    /** X OAuth 2.0 app (Authorization Code with PKCE); null: tokens are pasted instead. */
    xOAuth2: { clientId: string; clientSecret: string | null; authorizeUrl: string } | null;
    /** X OAuth 1.0a consumer key pair, for channels connected with OAuth 1.0a user tokens. */
    xOAuth1: { consumerKey: string; consumerSecret: string } | null;
    /** Facebook app: Facebook Login for pages, and the signing secret of its webhooks. */
    facebookApp: { appId: string; appSecret: string; dialogUrl: string } | null;
    /** The token Facebook echoes when it verifies the webhook subscription. */
    facebookWebhookVerifyToken: string | null;
    /**
     * Private, loopback or link-local addresses a WordPress site may have anyway (`host`,
     * `host:port`, `[IPv6]:port` or CIDR); every other such address is refused.
     */
    wordpressAllowedPrivateHosts: string[];
  };
  /**
   * Checking that a post's links open: how long one request may take, how long an answer is
   * remembered, and the private, loopback or link-local addresses a link may have anyway (same
   * form as `wordpressAllowedPrivateHosts`; every other such address is refused).
   */
  compliance: {
    linkCheckTimeoutMs: number;
    linkCheckCacheSeconds: number;
    /** How long "no answer" is remembered (briefly: the site or the network may be back soon). */
    linkCheckUncheckedCacheSeconds: number;
    linkCheckAllowedPrivateHosts: string[];
  };
  /** The Carecast blog: public pages under /blog/<organisation>/. */
  blog: { commentsPerHourPerIp: number };
  /** Create the demo organisation and users on start (development only). */
  demoData: boolean;
  /** The audit trail's HMAC key (never stored in the database) and its signed checkpoints. */
  audit: { hmacKey: Buffer; checkpointDir: string; checkpointIntervalMs: number };
  /** Uploaded images (metadata removed): the folder of the local-disk store, and the largest upload. */
  media: { dir: string; maxUploadBytes: number };
}

export interface LauncherConfig {
  databaseUrl: string | null;
  redisUrl: string | null;
  host: string;
  port: number;
  sandboxPort: number;
  dataDir: string;
  /** `password` null: the launcher makes one for this machine (kept in the data folder). */
  embeddedPostgres: { port: number; password: string | null };
  embeddedRedisPort: number;
  localRedisUrl: string;
  dataEncryptionKeys: string | null;
  auditHmacKey: string | null;
  auditCheckpointDir: string | null;
  mediaDir: string | null;
  databaseMigrationUrl: string | null;
  env: RuntimeEnv;
  childEnv: (overrides: Record<string, string>) => Record<string, string | undefined>;
}

export interface SandboxConfig {
  host: string;
  port: number;
  /** Where the emulated Facebook app POSTs signed Page `feed` notifications; null: nowhere. */
  facebookWebhook: { url: string; appSecret: string } | null;
  /** The X app registered with the emulated X (its secret null: a public client); null: none. */
  xClient: { clientId: string; clientSecret: string | null } | null;
}
