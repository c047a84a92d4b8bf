import express, { type Express } from 'express';
import { createXEmulator, XState } from './x/x-emulator';
import { type FacebookState, createFacebookEmulator, createFacebookState } from './facebook';
import { type WordPressState, createWordPressEmulator, createWordPressState } from './wordpress';
import { createHomeRouter } from './home/home-router';

/** The emulated platforms, as `GET /health` lists them. */
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

  // Browsers ask every page's host for an icon; the sandbox has none.
  app.get('/favicon.ico', (_req, res) => res.status(204).end());

  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', platforms: EMULATED_PLATFORMS.map((p) => p.name) });
  });

  const states = {
    x: options.x ?? new XState(),
    facebook: options.facebook ?? createFacebookState(),
    wordpress: options.wordpress ?? createWordPressState(),
  };
  app.use(createHomeRouter(states));
  app.use(createXEmulator(states.x));
  app.use(createFacebookEmulator(states.facebook));
  app.use(createWordPressEmulator(states.wordpress));

  app.use((req, res) => {
    res
      .status(404)
      .json({ error: 'not_found', message: `The sandbox has no route ${req.method} ${req.path}` });
  });
  return app;
}
