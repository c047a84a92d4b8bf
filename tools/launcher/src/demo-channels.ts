/**
 * Development only: give the demo organisation its Carecast blog, and an X account, a Facebook
 * Page and a WordPress blog on the local sandbox, connected through the api exactly as a person
 * would (the sandbox forgets its accounts when it stops, so this reconnects them on every start).
 */
const DEMO_ADMIN = { email: 'admin@riverside.example', password: 'Riverside-Demo-2026' };

interface Session {
  cookie: string;
  csrf: string;
}

async function json<T>(res: Response, what: string): Promise<T> {
  if (!res.ok) throw new Error(`${what}: HTTP ${res.status} ${(await res.text()).slice(0, 200)}`);
  return (await res.json()) as T;
}

async function signIn(api: string): Promise<Session | null> {
  const res = await fetch(`${api}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(DEMO_ADMIN),
  });
  if (!res.ok) return null; // the demo password was changed, or MFA turned on: leave the channels alone
  const body = (await res.json()) as { status: string };
  if (body.status !== 'signed_in') return null;
  const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0]);
  return {
    cookie: cookies.join('; '),
    csrf: cookies.find((c) => c.startsWith('cc_csrf='))?.slice('cc_csrf='.length) ?? '',
  };
}

export async function connectDemoChannels(api: string, sandbox: string): Promise<string[]> {
  const session = await signIn(api);
  if (!session) return [];
  const control = <T>(path: string, body: object) =>
    fetch(`${sandbox}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }).then((r) => json<T>(r, path));
  const x = await control<{ accessToken: string }>('/_sandbox/x/accounts', {
    username: 'riversidefm',
    name: 'Riverside Family Medicine',
  });
  const fb = await control<{ pageId: string; userToken: string }>('/_sandbox/facebook/pages', {
    name: 'Riverside Family Medicine',
  });
  const wp = await control<{ username: string; applicationPassword: string }>('/_sandbox/wordpress/sites', {
    site: 'riverside',
    username: 'editor',
    role: 'editor',
    title: 'Riverside Family Medicine news',
  });
  const requests = [
    { kind: 'carecast_blog', credentials: {} },
    { kind: 'x_account', credentials: { accessToken: x.accessToken } },
    {
      kind: 'facebook_page',
      credentials: { userAccessToken: fb.userToken },
      settings: { pageId: fb.pageId },
    },
    {
      kind: 'wordpress_blog',
      credentials: { username: wp.username, applicationPassword: wp.applicationPassword },
      settings: { siteUrl: `${sandbox}/wp/riverside` },
    },
  ];
  const connected: string[] = [];
  for (const body of requests) {
    const res = await fetch(`${api}/api/channels`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: session.cookie, 'x-csrf-token': session.csrf },
      body: JSON.stringify(body),
    });
    connected.push((await json<{ displayName: string }>(res, `connect ${body.kind}`)).displayName);
  }
  await fetch(`${api}/api/auth/sign-out`, {
    method: 'POST',
    headers: { cookie: session.cookie, 'x-csrf-token': session.csrf },
  });
  return connected;
}
