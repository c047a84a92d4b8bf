import { chromium, type Browser } from 'playwright-core';
import { loadTestInfraConfig } from '@carecast/server/config';

/** The system's headless Chromium (never a downloaded browser), quiet on a closed network. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: loadTestInfraConfig().CHROMIUM_PATH,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}
