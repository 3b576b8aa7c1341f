/**
 * The api function invoked through the Invoke API with an API Gateway HTTP API event (payload
 * format 2.0), as API Gateway invokes it: the event becomes a web-standard Request for the api's
 * `fetch`, and the Response the proxy result API Gateway expects.
 */
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { Api } from '../shared/app/api/create-api.ts';

/** Thrown for a payload that is not an HTTP API event: the invocation fails as Lambda's would (Unhandled). */
export class NotAnHttpApiEventError extends Error {
  override readonly name = 'NotAnHttpApiEventError';
}

export async function invokeApi(api: Api, payload: unknown): Promise<APIGatewayProxyStructuredResultV2> {
  const event = payload as Partial<APIGatewayProxyEventV2> | null;
  const method = event?.requestContext?.http?.method;
  if (typeof event !== 'object' || event === null || typeof event.rawPath !== 'string' || typeof method !== 'string') {
    throw new NotAnHttpApiEventError('the api function takes an API Gateway HTTP API event (payload format 2.0: rawPath, rawQueryString, requestContext.http.method)');
  }
  const headers = new Headers();
  for (const [name, value] of Object.entries(event.headers ?? {})) if (typeof value === 'string') headers.set(name, value);
  if (event.cookies?.length) headers.set('cookie', event.cookies.join('; '));
  const host = headers.get('host') ?? 'localhost';
  const url = `https://${host}${event.rawPath}${event.rawQueryString ? `?${event.rawQueryString}` : ''}`;
  const body = event.body === undefined || method === 'GET' || method === 'HEAD' ? undefined : event.isBase64Encoded ? Buffer.from(event.body, 'base64') : event.body;
  const response = await api.fetch(new Request(url, { method, headers, ...(body !== undefined ? { body } : {}) }));
  const out: Record<string, string> = {};
  response.headers.forEach((value, name) => (out[name] = value));
  return { statusCode: response.status, headers: out, body: await response.text(), isBase64Encoded: false };
}
