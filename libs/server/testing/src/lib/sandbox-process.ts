import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { freePort } from './redis-server';

const ROOT = resolve(__dirname, '../../../../..');

/** The platform sandbox (apps/sandbox) as a real process, from source, on a free port. */
export class SandboxProcess {
  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
  ) {}

  static async start(): Promise<SandboxProcess> {
    const port = await freePort();
    const child = spawn(
      process.execPath,
      ['-r', '@swc-node/register', resolve(ROOT, 'apps/sandbox/src/main.ts')],
      {
        cwd: ROOT,
        env: {
          PATH: process.env['PATH'],
          SANDBOX_PORT: String(port),
          SWC_NODE_PROJECT: resolve(ROOT, 'tsconfig.server.json'),
        },
        stdio: 'ignore',
      },
    );
    const sandbox = new SandboxProcess(child, port);
    const deadline = Date.now() + 20_000;
    for (;;) {
      try {
        if ((await fetch(`${sandbox.url}/health`)).ok) return sandbox;
      } catch {
        // not listening yet
      }
      if (child.exitCode !== null) throw new Error('the sandbox exited during start-up');
      if (Date.now() > deadline) throw new Error('the sandbox did not start within 20 s');
      await new Promise((r) => setTimeout(r, 150));
    }
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Call the sandbox's control API. */
  async control<T>(path: string, body?: object): Promise<T> {
    const res = await fetch(this.url + path, {
      method: body ? 'POST' : 'GET',
      headers: body ? { 'content-type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!res.ok) throw new Error(`sandbox ${path}: ${res.status} ${await res.text()}`);
    if (res.status === 204) return undefined as T;
    return (await res.json()) as T;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((r) => this.child.once('exit', r));
    this.child.kill('SIGTERM');
    await exited;
  }
}
