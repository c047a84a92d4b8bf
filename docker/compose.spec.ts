// No Docker engine runs where the tests run, so the compose file and the Dockerfile are checked
// for structure: the services, their health checks and dependencies, and what they point at.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';

const ROOT = resolve(__dirname, '..');

interface Service {
  image?: string;
  build?: { context: string; dockerfile: string; target: string };
  command?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  volumes?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[]; interval?: string };
}

const compose = parse(readFileSync(resolve(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, Service>;
  volumes: Record<string, unknown>;
};
const dockerfile = readFileSync(resolve(ROOT, 'docker/Dockerfile'), 'utf8');
const stages = new Map<string, string>(
  [...dockerfile.matchAll(/^FROM\s+(\S+)\s+AS\s+(\S+)/gim)].map((m) => [m[2], m[1]]),
);

/** The lines of one stage of the Dockerfile, up to the next FROM. */
function stage(name: string): string {
  const start = dockerfile.search(new RegExp(`^FROM\\s+\\S+\\s+AS\\s+${name}\\s*$`, 'im'));
  const rest = dockerfile.slice(start + 1);
  const next = rest.search(/^FROM\s/im);
  return next === -1 ? rest : rest.slice(0, next);
}

describe('docker-compose.yml', () => {
  const { services } = compose;

  it('has the five services of the product and the one-shot migration', () => {
    expect(Object.keys(services).sort()).toEqual(['api', 'migrate', 'postgres', 'redis', 'web', 'worker']);
  });

  it.each(['postgres', 'redis', 'api', 'worker', 'web'])('%s has a health check', (name) => {
    const test = services[name].healthcheck?.test;
    expect(test?.length).toBeGreaterThan(1);
    expect(['CMD', 'CMD-SHELL']).toContain(test?.[0]);
  });

  it('runs PostgreSQL 16+ and Redis 7+ with append-only persistence, on named volumes', () => {
    expect(Number(/postgres:(\d+)/.exec(services.postgres.image ?? '')?.[1])).toBeGreaterThanOrEqual(16);
    expect(Number(/redis:(\d+)/.exec(services.redis.image ?? '')?.[1])).toBeGreaterThanOrEqual(7);
    expect(services.redis.command?.join(' ')).toMatch(/--appendonly yes/);
    for (const name of ['postgres', 'redis']) {
      const volume = services[name].volumes?.[0]?.split(':')[0] ?? '';
      expect(Object.keys(compose.volumes)).toContain(volume);
    }
  });

  it('starts each app only after what it needs is healthy', () => {
    const healthy = (name: string) => Object.entries(services[name].depends_on ?? {});
    for (const app of ['api', 'worker']) {
      expect(healthy(app)).toEqual(
        expect.arrayContaining([
          ['postgres', { condition: 'service_healthy' }],
          ['redis', { condition: 'service_healthy' }],
        ]),
      );
    }
    expect(healthy('worker')).toContainEqual(['api', { condition: 'service_healthy' }]);
    expect(healthy('migrate')).toEqual([['postgres', { condition: 'service_healthy' }]]);
    for (const app of ['api', 'worker']) {
      expect(healthy(app)).toContainEqual(['migrate', { condition: 'service_completed_successfully' }]);
    }
    expect(healthy('web')).toEqual([['api', { condition: 'service_healthy' }]]);
  });

  it('publishes only the dashboard port', () => {
    const published = Object.entries(services).filter(([, s]) => s.ports?.length);
    expect(published.map(([n]) => n)).toEqual(['web']);
    expect(services.web.ports?.[0]).toMatch(/:8080$/);
  });

  it('builds api, worker, migrate and web from stages that exist in the Dockerfile', () => {
    for (const name of ['api', 'worker', 'migrate', 'web']) {
      const build = services[name].build;
      expect(build?.dockerfile).toBe('docker/Dockerfile');
      expect(stages.has(build?.target ?? '')).toBe(true);
    }
  });

  it('keeps secrets out of the file: the database passwords and keys come from the environment', () => {
    expect(services.postgres.environment?.['POSTGRES_PASSWORD']).toMatch(/^\$\{POSTGRES_PASSWORD:\?/);
    for (const app of ['api', 'worker', 'migrate']) {
      expect(services[app].environment?.['REDIS_URL']).toBe('redis://redis:6379');
      expect(services[app].environment?.['DATA_ENCRYPTION_KEYS']).toMatch(/^\$\{DATA_ENCRYPTION_KEYS:\?/);
      expect(services[app].environment?.['AUDIT_HMAC_KEY']).toMatch(/^\$\{AUDIT_HMAC_KEY:\?/);
    }
  });

  it('runs api and worker as the role that owns nothing; only migrate knows the owner', () => {
    for (const app of ['api', 'worker', 'migrate']) {
      expect(services[app].environment?.['DATABASE_URL']).toMatch(
        /^postgres:\/\/carecast_app:\$\{POSTGRES_APP_PASSWORD:\?[^}]+\}@postgres:5432\/carecast$/,
      );
    }
    for (const app of ['api', 'worker']) {
      expect(services[app].environment?.['DATABASE_MIGRATION_URL']).toBeUndefined();
      expect(JSON.stringify(services[app].environment)).not.toContain('POSTGRES_PASSWORD:');
    }
    expect(services.migrate.environment?.['DATABASE_MIGRATION_URL']).toMatch(
      /^postgres:\/\/carecast:\$\{POSTGRES_PASSWORD:\?[^}]+\}@postgres:5432\/carecast$/,
    );
    expect(services.migrate.build?.target).toBe('migrate');
  });

  it('lets migrate create or correct the role on every start, so an existing volume upgrades', () => {
    // No script that runs only when the volume is first initialised: migrate's entry point makes
    // the role of DATABASE_URL (with its password) before it grants, on old and new volumes alike.
    expect(services.postgres.volumes).toEqual(['postgres-data:/var/lib/postgresql/data']);
    expect(services.postgres.environment?.['POSTGRES_APP_PASSWORD']).toBeUndefined();
    expect(stage('migrate')).toMatch(/CMD \["node", "dist\/apps\/api\/apps\/api\/src\/migrate\.js"\]/);
    const migrate = readFileSync(resolve(ROOT, 'apps/api/src/migrate.ts'), 'utf8');
    expect(migrate).toMatch(/runMigrations\([^)]*appUrl: config\.database\.url/s);
  });

  it('keeps the signed audit checkpoints on a volume that api and worker share', () => {
    expect(Object.keys(compose.volumes)).toContain('audit-checkpoints');
    for (const app of ['api', 'worker']) {
      expect(services[app].volumes).toContain('audit-checkpoints:/var/lib/carecast/audit-checkpoints');
      expect(services[app].environment?.['AUDIT_CHECKPOINT_DIR']).toBe('/var/lib/carecast/audit-checkpoints');
    }
    expect(stage('server')).toMatch(/chown -R node:node \/var\/lib\/carecast/);
  });

  it('keeps uploaded images on a volume that api and worker share (the worker publishes them)', () => {
    expect(Object.keys(compose.volumes)).toContain('media');
    for (const app of ['api', 'worker']) {
      expect(services[app].volumes).toContain('media:/var/lib/carecast/media');
      expect(services[app].environment?.['MEDIA_DIR']).toBe('/var/lib/carecast/media');
    }
    expect(stage('server')).toMatch(/mkdir -p [^\n]*\/var\/lib\/carecast\/media/);
  });
});

describe('docker/Dockerfile', () => {
  it('runs the api and worker as the unprivileged node user', () => {
    expect(stage('server')).toMatch(/^USER node$/m);
    expect(stages.get('api')).toBe('server');
    expect(stages.get('worker')).toBe('server');
    expect(stages.get('migrate')).toBe('server');
  });

  it('serves the dashboard from an unprivileged nginx that proxies /api to the api', () => {
    expect(stages.get('web')).toMatch(/nginx-unprivileged/);
    const nginx = readFileSync(resolve(ROOT, 'docker/nginx.conf'), 'utf8');
    expect(nginx).toMatch(/location \^~ \/api\/ \{[^}]*proxy_pass http:\/\/api:3000;/);
    // The public blogs too, ahead of the static-file rule (their feeds end in .xml).
    expect(nginx).toMatch(/location \^~ \/blog\/ \{[^}]*proxy_pass http:\/\/api:3000;/);
    expect(nginx).toMatch(/try_files \$uri \$uri\/ \/index\.html;/);
  });

  it('points its commands at entry points that exist in the source', () => {
    const entries = [...dockerfile.matchAll(/dist\/apps\/(\w+)\/apps\/\1\/src\/([\w-]+)\.js/g)];
    expect(entries.length).toBeGreaterThanOrEqual(4);
    for (const [, app, file] of entries) {
      expect(existsSync(resolve(ROOT, `apps/${app}/src/${file}.ts`))).toBe(true);
    }
  });
});
