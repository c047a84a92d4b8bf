import express, { type NextFunction, type Request, type Response } from 'express';

export interface UploadedFile {
  filename: string;
  contentType: string;
  data: Buffer;
}

/** Splits a multipart/form-data body into text fields and files. */
export function parseMultipart(
  body: Buffer,
  contentType: string,
): { fields: Record<string, string>; files: Record<string, UploadedFile> } {
  const fields: Record<string, string> = {};
  const files: Record<string, UploadedFile> = {};
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  if (!boundary) return { fields, files };
  const delimiter = Buffer.from(`--${boundary}`);
  let start = body.indexOf(delimiter);
  while (start !== -1) {
    const next = body.indexOf(delimiter, start + delimiter.length);
    if (next === -1) break;
    addPart(body.subarray(start + delimiter.length + 2, next - 2), fields, files);
    start = next;
  }
  return { fields, files };
}

function addPart(part: Buffer, fields: Record<string, string>, files: Record<string, UploadedFile>): void {
  const split = part.indexOf('\r\n\r\n');
  if (split === -1) return;
  const headers = part.subarray(0, split).toString('utf8');
  const data = part.subarray(split + 4);
  const name = /name="([^"]*)"/i.exec(headers)?.[1];
  if (!name) return;
  const filename = /filename="([^"]*)"/i.exec(headers)?.[1];
  if (filename === undefined) {
    fields[name] = data.toString('utf8');
    return;
  }
  const contentType = /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1] ?? 'application/octet-stream';
  files[name] = { filename, contentType, data };
}

/** JSON, form-encoded and multipart bodies all end up as `req.body`; files go to `res.locals.files`. */
export function graphBodyParsers() {
  const raw = express.raw({ type: 'multipart/form-data', limit: '30mb' });
  return [
    express.json({ limit: '5mb' }),
    express.urlencoded({ extended: true, limit: '5mb' }),
    (req: Request, res: Response, next: NextFunction) => {
      if (!req.is('multipart/form-data')) return next();
      raw(req, res, (err?: unknown) => {
        if (err) return next(err);
        const parsed = parseMultipart(req.body as Buffer, req.get('content-type') ?? '');
        req.body = parsed.fields;
        res.locals['files'] = parsed.files;
        next();
      });
    },
  ];
}

function first(value: unknown): unknown {
  return Array.isArray(value) ? value[0] : value;
}

/** A parameter from the body (form or JSON) or, failing that, the query string. */
export function param(req: Request, name: string): string | undefined {
  const body = (req.body ?? {}) as Record<string, unknown>;
  const value = first(body[name]) ?? first((req.query as Record<string, unknown>)[name]);
  if (value === undefined || value === null) return undefined;
  return typeof value === 'string'
    ? value
    : typeof value === 'object'
      ? JSON.stringify(value)
      : String(value);
}

export function uploadedFile(res: Response, name: string): UploadedFile | undefined {
  const files = res.locals['files'] as Record<string, UploadedFile> | undefined;
  return files?.[name];
}

/** The absolute URL of this endpoint, as Facebook puts it in `paging.next`. */
export function endpointUrl(req: Request, query: Record<string, string>): string {
  const qs = new URLSearchParams(query).toString();
  return `${req.protocol}://${req.get('host')}${req.baseUrl}${req.path}${qs ? `?${qs}` : ''}`;
}
