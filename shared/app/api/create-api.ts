/**
 * The findings API as one web-standard handler: `createApi(deps).fetch(request)`. The Lambda
 * adapts API Gateway v2 events to it (functions/api); local mode serves it over node:http.
 */
import { randomUUID } from 'node:crypto';
import type * as z from '../../zod.ts';
import { newSuppression, isInvalidSuppressionError } from '../../domain/suppression.ts';
import { createCursorCodec, type CursorCodec } from './cursor.ts';
import { buildOpenApiDocument } from './openapi.ts';
import { isProblemError, ProblemError, problemResponse } from './problem.ts';
import { matchRoute, type Route } from './router.ts';
import { apiRoutes, type RouteDeps } from './routes.ts';

/** Request bodies stop at 64 KB (a suppression or an evaluation request is a few hundred bytes). */
export const MAX_BODY_BYTES = 64 * 1024;

/** What the routes read and call (RouteDeps), with what createApi itself fills in left optional. */
export interface ApiDeps extends Omit<RouteDeps, 'now' | 'newId' | 'cursorCodec' | 'newSuppression' | 'isInvalidSuppressionError'> {
  /** The stage's cursor-signing key (≥ 32 bytes), fetched once (Secrets Manager in Lambda). */
  readonly cursorKey: () => Promise<Uint8Array>;
  /** Deploy-time tag keys findings carry (FINDING_TAG_KEYS), in index-slot order. */
  readonly tagKeys?: readonly string[];
  readonly now?: () => Date;
  readonly newId?: () => string;
  /** Serves anything no API route matches, e.g. the dashboard page at `/` (local mode). Undefined = not ours. */
  readonly staticAssets?: (request: Request) => Promise<Response | undefined>;
  /** Told of every 500 with its correlation id (the Lambda logs it). */
  readonly onError?: (error: unknown, correlationId: string) => void;
}

export interface Api {
  fetch(request: Request): Promise<Response>;
  /** The OpenAPI 3.1 document `GET /openapi.json` serves. */
  readonly openApiDocument: Readonly<Record<string, unknown>>;
}

/**
 * @example
 * const api = createApi({ reader, store, queue, catalog, params, cursorKey: async () => key, home: { accountId, region } });
 * const response = await api.fetch(new Request('http://localhost/findings?severity=high'));
 */
export function createApi(deps: ApiDeps): Api {
  const now = deps.now ?? (() => new Date());
  let cursors: Promise<CursorCodec> | undefined;
  const cursorCodec = () => {
    cursors ??= deps.cursorKey().then((key) => createCursorCodec({ key, now }));
    // A failed key fetch is retried on the next request rather than cached.
    cursors.catch(() => (cursors = undefined));
    return cursors;
  };
  const routes: Route[] = apiRoutes({ ...deps, now, newId: deps.newId ?? randomUUID, cursorCodec, newSuppression, isInvalidSuppressionError });
  routes.push({
    method: 'GET',
    path: '/openapi.json',
    operationId: 'getOpenApiDocument',
    summary: 'This document',
    responses: { 200: { description: 'The OpenAPI 3.1 document' } },
    handle: async () => Response.json(openApiDocument),
  });
  const openApiDocument = buildOpenApiDocument(routes, { tagKeys: deps.tagKeys ?? [] });

  async function handle(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const match = matchRoute(routes, request.method, url.pathname);
    if (match.kind === 'not-found') {
      const asset = deps.staticAssets && (request.method === 'GET' || request.method === 'HEAD') ? await deps.staticAssets(request) : undefined;
      if (asset) return asset;
      throw new ProblemError('notFound', { detail: `No route ${url.pathname}; the routes are listed at /openapi.json.` });
    }
    if (match.kind === 'method-not-allowed') {
      throw new ProblemError('methodNotAllowed', { detail: `${request.method} is not allowed on ${url.pathname}.`, allowed: match.allowed });
    }
    const { route, params } = match;
    const query = parseQuery(route, url.searchParams);
    const body = route.body ? parseBody(route.body, await readBody(request)) : undefined;
    return route.handle({ request, params, query, body });
  }

  return {
    openApiDocument,
    async fetch(request) {
      try {
        return await handle(request);
      } catch (error) {
        if (isProblemError(error)) {
          const allowed = error.problem.allowed;
          return problemResponse(error.problem, allowed ? { allow: allowed.join(', ') } : {});
        }
        const correlationId = request.headers.get('x-correlation-id') ?? randomUUID();
        deps.onError?.(error, correlationId);
        return problemResponse({ ...new ProblemError('internal').problem, detail: 'The request failed on our side; quote the correlation id to the operator.', correlationId });
      }
    },
  };
}

function parseQuery(route: Route, search: URLSearchParams): unknown {
  const raw: Record<string, string> = {};
  for (const [name, value] of search) {
    if (name in raw) throw new ProblemError('invalidParameter', { parameter: name, detail: `${name} is given more than once.` });
    raw[name] = value;
  }
  const schema = route.query;
  if (!schema) {
    const [first] = Object.keys(raw);
    if (first !== undefined) throw new ProblemError('invalidParameter', { parameter: first, detail: `${route.path} takes no query parameter ${first}.` });
    return {};
  }
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  throw zodProblem('invalidParameter', parsed.error);
}

function parseBody(schema: z.ZodMiniType, text: string): unknown {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ProblemError('invalidBody', { parameter: '(body)', detail: 'The body is not valid JSON.' }, { cause: error });
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  throw zodProblem('invalidBody', parsed.error);
}

function zodProblem(kind: 'invalidParameter' | 'invalidBody', error: z.core.$ZodError): ProblemError {
  const issue = error.issues[0];
  // An unknown key is reported on its own name, not on the object holding it.
  const unknown = issue?.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
  const path = [...(issue?.path ?? []), ...(unknown !== undefined ? [unknown] : [])].join('.');
  const parameter = path || (kind === 'invalidBody' ? '(body)' : '(query)');
  const detail =
    unknown !== undefined
      ? `Unknown ${kind === 'invalidParameter' ? 'query parameter' : 'field'} ${unknown}.`
      : `${parameter}: ${issue?.message ?? 'invalid'}.`;
  return new ProblemError(kind, { parameter, detail }, { cause: error });
}

async function readBody(request: Request): Promise<string> {
  const declared = Number(request.headers.get('content-length') ?? Number.NaN);
  if (declared > MAX_BODY_BYTES) throw tooLarge();
  const type = request.headers.get('content-type') ?? '';
  if (!/^application\/([a-z.+-]*\+)?json\b/i.test(type)) {
    throw new ProblemError('unsupportedMediaType', { parameter: 'content-type', detail: 'Send the body as application/json.' });
  }
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function tooLarge(): ProblemError {
  return new ProblemError('payloadTooLarge', { parameter: '(body)', detail: `Request bodies are limited to ${MAX_BODY_BYTES / 1024} KB.` });
}
