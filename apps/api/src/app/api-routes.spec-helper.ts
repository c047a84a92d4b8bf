import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, Reflector } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { ACCESS_KEY, type Access } from './identity/access';
import { API_PREFIX, BLOG_PREFIX } from './configure-app';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** A path parameter that names a stored thing of an organisation (`id`, `userId`). */
export const ID_PARAM = /^(id|\w+Id)$/;

/** Routes that end the session they are called in when they succeed: called on a fresh one. */
export const ENDS_SESSION = /\/sign-out|\/switch-organisation/;
export const WRITE_METHODS: readonly HttpMethod[] = ['post', 'put', 'patch', 'delete'];

interface SchemaObject {
  type?: string;
  format?: string;
  $ref?: string;
  items?: SchemaObject;
  enum?: unknown[];
  properties?: Record<string, SchemaObject>;
}

/** One operation of the OpenAPI document the api serves. */
export interface ApiOperation {
  method: HttpMethod;
  /** As in the document: `/api/channels/{id}/disable`. */
  path: string;
  /** `POST /api/channels/{id}/disable`: the key of the tables in the tests. */
  key: string;
  pathParams: string[];
  queryParams: string[];
  /** The JSON body's properties (resolved), or null when the operation takes no body. */
  bodyProperties: Record<string, SchemaObject> | null;
}

/** Every operation of the api's OpenAPI document (`/api/docs-json`). */
export async function openApiOperations(app: NestExpressApplication): Promise<ApiOperation[]> {
  const doc = (await request(app.getHttpServer()).get(`/${API_PREFIX}/docs-json`).expect(200)).body as {
    paths: Record<
      string,
      Record<
        string,
        {
          parameters?: Array<{ name: string; in: string }>;
          requestBody?: { content: Record<string, { schema: SchemaObject }> };
        }
      >
    >;
    components: { schemas: Record<string, SchemaObject> };
  };
  const resolve = (schema: SchemaObject | undefined): SchemaObject | undefined =>
    schema?.$ref ? doc.components.schemas[schema.$ref.split('/').pop() ?? ''] : schema;
  const operations: ApiOperation[] = [];
  for (const [path, byMethod] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(byMethod)) {
      const body = resolve(op.requestBody?.content['application/json']?.schema);
      operations.push({
        method: method as HttpMethod,
        path,
        key: `${method.toUpperCase()} ${path}`,
        pathParams: [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]),
        queryParams: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
        bodyProperties: op.requestBody ? (body?.properties ?? {}) : null,
      });
    }
  }
  return operations;
}

/** A route as Nest registered it, with the access it declares (undefined: none). */
export interface DeclaredRoute {
  key: string;
  access: Access | undefined;
}

/** Every route of every controller (documented or not), read from the decorators. */
export function declaredRoutes(app: NestExpressApplication): DeclaredRoute[] {
  const discovery = app.get(DiscoveryService);
  const reflector = app.get(Reflector);
  const routes: DeclaredRoute[] = [];
  for (const wrapper of discovery.getControllers()) {
    const type = wrapper.metatype as (abstract new (...args: never[]) => unknown) | null;
    if (!type) continue;
    const base = String(Reflect.getMetadata(PATH_METADATA, type) ?? '');
    const prefix = base === BLOG_PREFIX || base.startsWith(`${BLOG_PREFIX}/`) ? '' : `/${API_PREFIX}`;
    const proto = type.prototype as Record<string, unknown>;
    for (const name of Object.getOwnPropertyNames(proto)) {
      const handler = Object.getOwnPropertyDescriptor(proto, name)?.value as (() => void) | undefined;
      if (name === 'constructor' || typeof handler !== 'function') continue;
      const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
      if (method === undefined) continue;
      const own = String(Reflect.getMetadata(PATH_METADATA, handler) ?? '');
      const path = [prefix, base, own]
        .join('/')
        .replace(/\/+/g, '/')
        .replace(/\/$/, '')
        .replace(/:(\w+)/g, '{$1}');
      routes.push({
        key: `${RequestMethod[method]} ${path}`,
        access: reflector.getAllAndOverride<Access | undefined>(ACCESS_KEY, [handler, type]),
      });
    }
  }
  return routes;
}

/** The access of a route in words, as the tables of the tests write it. */
export function describeAccess(access: Access | undefined): string {
  if (!access) return 'undeclared';
  if (access.kind === 'public') return 'public';
  const stages = [...access.stages].sort().join(',');
  const who = access.permission ?? 'signed-in';
  return stages === 'active' ? who : `${who} [${stages}]`;
}

/** A path with its parameters filled in. */
export function fill(path: string, values: Record<string, string>): string {
  return path.replace(/\{([^}]+)\}/g, (_, name: string) => values[name] ?? encodeURIComponent(name));
}
