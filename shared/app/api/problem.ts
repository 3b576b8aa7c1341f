/**
 * RFC 9457 problem details (`application/problem+json`): every error the API answers, one `type`
 * per kind of error, the bad parameter named. Nothing internal leaks: a 500 carries only a
 * correlation id the operator can find in the logs.
 */

/** The kinds of problem, each with its status and title. `type` is `/problems/<kind>` (a relative URI reference, RFC 9457 §3.1.1). */
export const ProblemKind = {
  invalidParameter: { status: 400, title: 'A request parameter is invalid' },
  unsupportedFilter: { status: 400, title: 'This combination of filters is not supported' },
  invalidCursor: { status: 400, title: 'The cursor is not one this API issued' },
  cursorMismatch: { status: 400, title: 'The cursor belongs to other filters' },
  cursorExpired: { status: 400, title: 'The cursor has expired' },
  invalidBody: { status: 400, title: 'The request body is invalid' },
  notFound: { status: 404, title: 'Not found' },
  methodNotAllowed: { status: 405, title: 'Method not allowed' },
  payloadTooLarge: { status: 413, title: 'The request body is too large' },
  unsupportedMediaType: { status: 415, title: 'The request body must be JSON' },
  internal: { status: 500, title: 'Internal error' },
} as const;
export type ProblemKind = keyof typeof ProblemKind;

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string | undefined;
  /** The request parameter (query, path or body field) at fault. */
  readonly parameter?: string | undefined;
  /** For unsupported filter combinations: the combinations that are supported. */
  readonly supported?: readonly string[] | undefined;
  /** For 405: the methods the resource allows. */
  readonly allowed?: readonly string[] | undefined;
  /** For 500: what to quote to an operator, who finds it in the function's logs. */
  readonly correlationId?: string | undefined;
}

/** The API module's one error family: a problem to answer as it is. */
export class ProblemError extends Error {
  override readonly name = 'ProblemError';
  readonly problem: Problem;
  constructor(kind: ProblemKind, details: Omit<Problem, 'type' | 'title' | 'status'> = {}, options?: ErrorOptions) {
    const { status, title } = ProblemKind[kind];
    super(details.detail ?? title, options);
    this.problem = { type: `/problems/${kebab(kind)}`, title, status, ...details };
  }
}

export function isProblemError(error: unknown): error is ProblemError {
  return error instanceof ProblemError;
}

export function problemResponse(problem: Problem, headers: Record<string, string> = {}): Response {
  const body = Object.fromEntries(Object.entries(problem).filter(([, v]) => v !== undefined));
  return new Response(JSON.stringify(body), {
    status: problem.status,
    headers: { 'content-type': PROBLEM_CONTENT_TYPE, 'cache-control': 'no-store', ...headers },
  });
}

function kebab(kind: string): string {
  return kind.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/** Every problem type URI, for the OpenAPI document. */
export const PROBLEM_TYPES: readonly string[] = Object.keys(ProblemKind).map((k) => `/problems/${kebab(k)}`);
