import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from 'aws-lambda';
import type { Api } from '../../shared/app/api/create-api.ts';

/** The header the adapter sets to the authenticated caller (any value a client sends is dropped). */
export const CALLER_HEADER = 'x-vigil-caller';

/**
 * The api Lambda: adapts API Gateway v2 (payload format 2.0) events to the web-standard
 * `api.fetch(Request)` and its Response back. The caller is taken from the request context
 * (the IAM principal under AWS_IAM, the JWT subject under a JWT authorizer), never from a header.
 *
 * @example
 * export const handler = createApiHandler(createApi(deps));
 */
export function createApiHandler(api: Api) {
  return async (event: APIGatewayProxyEventV2, _context?: Context): Promise<APIGatewayProxyResultV2> => {
    const response = await api.fetch(toRequest(event));
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => (headers[name] = value));
    const body = await response.text();
    return { statusCode: response.status, headers, body, isBase64Encoded: false };
  };
}

export function toRequest(event: APIGatewayProxyEventV2): Request {
  const host = event.requestContext.domainName || 'api.invalid';
  const url = `https://${host}${event.rawPath}${event.rawQueryString ? `?${event.rawQueryString}` : ''}`;
  const headers = new Headers();
  for (const [name, value] of Object.entries(event.headers ?? {})) if (value !== undefined) headers.set(name, value);
  headers.delete(CALLER_HEADER);
  const caller = callerOf(event);
  if (caller) headers.set(CALLER_HEADER, caller);
  headers.set('x-correlation-id', event.requestContext.requestId);
  const method = event.requestContext.http.method;
  const hasBody = event.body !== undefined && method !== 'GET' && method !== 'HEAD';
  return new Request(url, {
    method,
    headers,
    ...(hasBody ? { body: event.isBase64Encoded ? Buffer.from(event.body ?? '', 'base64') : (event.body ?? '') } : {}),
  });
}

function callerOf(event: APIGatewayProxyEventV2): string | undefined {
  const authorizer = (event.requestContext as { authorizer?: { iam?: { userArn?: string }; jwt?: { claims?: Record<string, unknown> } } }).authorizer;
  const iam = authorizer?.iam?.userArn;
  if (typeof iam === 'string' && iam) return iam;
  const sub = authorizer?.jwt?.claims?.['sub'];
  return typeof sub === 'string' && sub ? `jwt:${sub}` : undefined;
}
