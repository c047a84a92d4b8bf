import express, { type Express } from 'express';
import { createXEmulator, XState } from './x/x-emulator';
import { type FacebookState, createFacebookEmulator, createFacebookState } from './facebook';
import { type WordPressState, createWordPressEmulator, createWordPressState } from './wordpress';

/** The emulated platforms, listed on the sandbox's home page as they are added. */
export interface EmulatedPlatform {
  name: string;
  basePath: string;
}

export const EMULATED_PLATFORMS: EmulatedPlatform[] = [
  { name: 'X (API v2)', basePath: '/2' },
  { name: 'Facebook Graph API', basePath: '/graph/v24.0' },
  { name: 'WordPress REST API', basePath: '/wp/{site}' },
];

export interface SandboxOptions {
  /** The emulated X's state; tests pass their own to inspect and control it. */
  x?: XState;
  /** The emulated Facebook Graph API's state. */
  facebook?: FacebookState;
  /** The emulated WordPress sites' state. */
  wordpress?: WordPressState;
}

/**
 * The local platform emulator. Carecast's adapters talk to it instead of X, Facebook and
 * WordPress on machines without internet access and in tests.
 */
export function createSandbox(options: SandboxOptions = {}): Express {
  const app = express();
  app.disable('x-powered-by');

  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', platforms: EMULATED_PLATFORMS.map((p) => p.name) });
  });

  app.get('/', (_req, res) => {
    const rows = EMULATED_PLATFORMS.length
      ? EMULATED_PLATFORMS.map((p) => `<li>${p.name} at <code>${p.basePath}</code></li>`).join('')
      : '<li>No platform is emulated yet. Channels connected to the sandbox will appear here.</li>';
    res.type('html').send(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Carecast sandbox</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 2rem auto; line-height: 1.5">
<main><h1>Carecast platform sandbox</h1>
<p>A local stand-in for the social platforms, so Carecast can be tried and tested without real accounts.</p>
<h2>Emulated platforms</h2><ul>${rows}</ul></main></body></html>`);
  });

  app.use(createXEmulator(options.x ?? new XState()));
  app.use(createFacebookEmulator(options.facebook ?? createFacebookState()));
  app.use(createWordPressEmulator(options.wordpress ?? createWordPressState()));

  app.use((req, res) => {
    res
      .status(404)
      .json({ error: 'not_found', message: `The sandbox has no route ${req.method} ${req.path}` });
  });
  return app;
}
