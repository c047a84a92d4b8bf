import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { loadTestInfraConfig } from '@carecast/server/config';
import {
  createTestDatabase,
  deleteRedisPrefix,
  freePort,
  uniqueRedisPrefix,
  type TestDatabase,
} from '@carecast/server/testing';

const ROOT = resolve(__dirname, '../../..');

export interface RunningProcess {
  name: string;
  child: ChildProcess;
  output: string[];
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function start(name: string, env: NodeJS.ProcessEnv): RunningProcess {
  const child = spawn(process.execPath, [resolve(ROOT, `dist/apps/${name}/apps/${name}/src/main.js`)], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stdout?.on('data', (d: Buffer) => output.push(d.toString()));
  child.stderr?.on('data', (d: Buffer) => output.push(d.toString()));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) =>
    child.once('exit', (code, signal) => r({ code, signal })),
  );
  return { name, child, output, exit };
}

/** The built product (api + worker) on its own database and Redis prefix. */
export class ProductStack {
  private constructor(
    readonly baseUrl: string,
    readonly api: RunningProcess,
    readonly worker: RunningProcess,
    private readonly db: TestDatabase,
    private readonly redisUrl: string,
    private readonly prefix: string,
  ) {}

  /** `env` adds to (or overrides) the processes' environment; it gets the stack's base URL. */
  static async start(env: (baseUrl: string) => Record<string, string> = () => ({})): Promise<ProductStack> {
    const infra = loadTestInfraConfig();
    const db = await createTestDatabase(infra.DATABASE_URL, 'e2e');
    const prefix = uniqueRedisPrefix('e2e');
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const processEnv: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_URL: db.appUrl,
      REDIS_URL: infra.REDIS_URL,
      REDIS_PREFIX: prefix,
      WEB_DIST_DIR: resolve(ROOT, 'dist/apps/web/browser'),
      WORKER_HEARTBEAT_INTERVAL_MS: '2000',
      LOG_LEVEL: 'warn',
      DATA_ENCRYPTION_KEYS: `e2e:${randomBytes(32).toString('base64')}`,
      AUDIT_HMAC_KEY: randomBytes(32).toString('base64'),
      AUDIT_CHECKPOINT_DIR: resolve(ROOT, `tmp/e2e/audit-checkpoints-${prefix}`),
      // Uploaded images of this run: never the product's own .data/media.
      MEDIA_DIR: resolve(ROOT, `tmp/e2e/media-${prefix}`),
      DEMO_DATA: 'true',
      ...env(baseUrl),
    };
    const worker = start('worker', processEnv);
    const api = start('api', processEnv);
    const stack = new ProductStack(baseUrl, api, worker, db, infra.REDIS_URL, prefix);
    await stack.waitUntilReady();
    return stack;
  }

  private async waitUntilReady(): Promise<void> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      try {
        const res = await fetch(`${this.baseUrl}/api/health/ready`);
        if (res.ok) return;
      } catch {
        // not listening yet
      }
      if (this.api.child.exitCode !== null) throw new Error(`api exited:\n${this.api.output.join('')}`);
      if (Date.now() > deadline) throw new Error(`api not ready in 30 s:\n${this.api.output.join('')}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  get databaseUrl(): string {
    return this.db.url;
  }

  /** SIGTERM both processes and report how each ended. */
  async stop(): Promise<{ api: { code: number | null }; worker: { code: number | null } }> {
    this.api.child.kill('SIGTERM');
    this.worker.child.kill('SIGTERM');
    const [api, worker] = await Promise.all([this.api.exit, this.worker.exit]);
    return { api, worker };
  }

  async dispose(): Promise<void> {
    for (const p of [this.api, this.worker]) if (p.child.exitCode === null) p.child.kill('SIGKILL');
    await deleteRedisPrefix(this.redisUrl, this.prefix);
    await this.db.drop();
  }
}
