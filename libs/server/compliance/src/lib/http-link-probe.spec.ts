import type { AppConfig } from '@carecast/server/config';
import { HttpLinkProbe, type LinkResolve } from './http-link-probe';

const config = {
  compliance: { linkCheckTimeoutMs: 200, linkCheckCacheSeconds: 60, linkCheckAllowedPrivateHosts: [] },
} as unknown as AppConfig;

describe('HttpLinkProbe', () => {
  it('gives up on a name lookup that never answers after the check timeout (no answer, nothing sent)', async () => {
    const silent: LinkResolve = () => new Promise(() => undefined);
    const started = Date.now();
    await expect(new HttpLinkProbe(config, silent).probe('https://slow-dns.example/')).resolves.toEqual({
      kind: 'unreachable',
      reason: 'timed out',
    });
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
