import type { Response } from 'express';
import { html, type SafeHtml } from './html';

/** The page a person sees on a platform's sign-in ("authorize this app?"), as the sandbox plays it. */
export function sendConsentPage(res: Response, status: number, platform: string, body: SafeHtml): void {
  res
    .status(status)
    .type('html')
    .send(
      html`<!doctype html>
        <html lang="en">
          <head>
            <meta charset="utf-8" />
            <title>Authorize app · ${platform} (sandbox)</title>
            <meta name="viewport" content="width=device-width, initial-scale=1" />
          </head>
          <body
            style="font-family: system-ui, sans-serif; max-width: 32rem; margin: 3rem auto; line-height: 1.5"
          >
            <main>
              <h1>${platform} (sandbox)</h1>
              ${body}
            </main>
          </body>
        </html>`.value,
    );
}

/** The request's parameters, carried through the consent form unchanged. */
export function hiddenFields(params: object): SafeHtml {
  return html`${Object.entries(params).map(
    ([name, value]) => html`<input type="hidden" name="${name}" value="${String(value)}" />`,
  )}`;
}

export function refusal(message: string): SafeHtml {
  return html`<p role="alert">${message}</p>`;
}
