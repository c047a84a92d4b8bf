import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DEMO_PASSWORD } from '@carecast/server/identity';

/** A signed-in client: keeps cookies and sends the CSRF token on writes. */
export class Browser {
  private cookies: string[] = [];
  constructor(private readonly app: NestExpressApplication) {}

  private csrf(): string {
    return this.cookies.find((c) => c.startsWith('cc_csrf='))?.split('=')[1] ?? '';
  }

  private keep(res: request.Response): request.Response {
    const set = res.headers['set-cookie'] as unknown as string[] | undefined;
    for (const c of set ?? []) {
      const pair = c.split(';')[0];
      const name = pair.split('=')[0];
      this.cookies = [...this.cookies.filter((x) => !x.startsWith(`${name}=`)), pair].filter(
        (x) => !x.endsWith('='),
      );
    }
    return res;
  }

  async get(path: string, headers: Record<string, string> = {}) {
    const r = request(this.app.getHttpServer()).get(path).set('Cookie', this.cookies.join('; ')).set(headers);
    return this.keep(await r);
  }

  async send(
    method: 'post' | 'put' | 'patch' | 'delete',
    path: string,
    body?: object,
    csrf = true,
    headers: Record<string, string> = {},
  ) {
    const agent = request(this.app.getHttpServer());
    let r = agent[method](path).set('Cookie', this.cookies.join('; ')).set(headers);
    if (csrf) r = r.set('X-CSRF-Token', this.csrf());
    return this.keep(await (body ? r.send(body) : r));
  }

  async signIn(email: string, password = DEMO_PASSWORD) {
    return this.send('post', '/api/auth/sign-in', { email, password }, false);
  }
}
