/**
 * A small router over web-standard Request/Response: routes are data (method, path template,
 * schemas, responses) so the OpenAPI document is generated from the very table that routes.
 * Hand-written rather than a framework: measured with esbuild (docs/operations.md, "Findings
 * API"), Hono adds ~20 KiB, Hono with @hono/zod-openapi ~56 KiB, Powertools' event handler
 * ~25 KiB and @middy/http-router ~6 KiB to a bundle whose budget is 500 KB, for a dozen routes
 * this file matches in ~60 lines; and the contract with local mode is `fetch(Request)`, which the
 * two event-based routers do not speak.
 */
import type * as z from '../../zod.ts';
import { ProblemError } from './problem.ts';

export const Method = { GET: 'GET', POST: 'POST', DELETE: 'DELETE' } as const;
export type Method = (typeof Method)[keyof typeof Method];

export interface ResponseSpec {
  readonly description: string;
  /** JSON body schema; absent for an empty body (204). */
  readonly schema?: z.ZodMiniType;
  /** The body is application/problem+json. */
  readonly problem?: boolean;
}

export interface RouteContext<Q, B> {
  readonly request: Request;
  readonly params: Readonly<Record<string, string>>;
  readonly query: Q;
  readonly body: B;
}

export interface Route<Q = unknown, B = unknown> {
  readonly method: Method;
  /** OpenAPI path template, e.g. `/findings/{id}`. */
  readonly path: string;
  readonly operationId: string;
  readonly summary: string;
  readonly query?: z.ZodMiniType<Q, Record<string, string>>;
  readonly body?: z.ZodMiniType<B>;
  readonly responses: Readonly<Record<number, ResponseSpec>>;
  /** Read-only routes are in VigilReadOnly; the others need VigilOperator. */
  handle(context: RouteContext<Q, B>): Promise<Response>;
}

export type Match =
  | { readonly kind: 'route'; readonly route: Route; readonly params: Record<string, string> }
  | { readonly kind: 'method-not-allowed'; readonly allowed: readonly Method[] }
  | { readonly kind: 'not-found' };

/** Finds the route for a method and a path (segments percent-decoded; a bad escape is a 400). */
export function matchRoute(routes: readonly Route[], method: string, pathname: string): Match {
  const segments = pathname.split('/').slice(1);
  const allowed: Method[] = [];
  for (const route of routes) {
    const template = route.path.split('/').slice(1);
    if (template.length !== segments.length) continue;
    const params: Record<string, string> = {};
    let ok = true;
    for (let i = 0; i < template.length && ok; i++) {
      const part = template[i] ?? '';
      const segment = segments[i] ?? '';
      if (part.startsWith('{')) {
        if (segment === '') ok = false;
        else params[part.slice(1, -1)] = decodeSegment(segment, part.slice(1, -1));
      } else ok = part === segment;
    }
    if (!ok) continue;
    if (route.method === method) return { kind: 'route', route, params };
    allowed.push(route.method);
  }
  return allowed.length ? { kind: 'method-not-allowed', allowed } : { kind: 'not-found' };
}

function decodeSegment(segment: string, name: string): string {
  try {
    return decodeURIComponent(segment);
  } catch (error) {
    throw new ProblemError('invalidParameter', { parameter: name, detail: `The path parameter ${name} is not valid percent-encoding.` }, { cause: error });
  }
}
