import * as z from '../zod.ts';

/**
 * The request CloudFormation sends a Lambda-backed custom resource
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/crpg-ref-requests.html).
 */
const customResourceEventSchema = z.looseObject({
  RequestType: z.enum(['Create', 'Update', 'Delete']),
  ResponseURL: z.url(),
  StackId: z.string().check(z.minLength(1)),
  RequestId: z.string().check(z.minLength(1)),
  LogicalResourceId: z.string().check(z.minLength(1)),
  PhysicalResourceId: z.optional(z.string()),
  ResourceType: z.optional(z.string()),
});
export type CustomResourceEvent = z.output<typeof customResourceEventSchema>;

/** The event when it is a CloudFormation custom resource request, else undefined. */
export function parseCustomResourceEvent(event: unknown): CustomResourceEvent | undefined {
  const parsed = customResourceEventSchema.safeParse(event);
  return parsed.success ? parsed.data : undefined;
}

/** CloudFormation did not accept the response: the stack operation will wait, then time out. */
export class CustomResourceResponseError extends Error {
  override readonly name = 'CustomResourceResponseError';
  readonly status: number | undefined;
  constructor(message: string, status: number | undefined, options?: ErrorOptions) {
    super(message, options);
    this.status = status;
  }
}

export interface CustomResourceResponse {
  readonly status: 'SUCCESS' | 'FAILED';
  /** Shown in the stack events; required by CloudFormation when FAILED. */
  readonly reason?: string;
  /** Stable across updates, or CloudFormation treats an update as a replacement and deletes the old one. */
  readonly physicalResourceId: string;
}

/**
 * Answers a custom resource request: a PUT of the JSON response to the pre-signed S3 URL the
 * request carries (no IAM permission involved).
 *
 * @throws CustomResourceResponseError when the URL does not accept the response.
 * @example
 * await sendCustomResourceResponse(event, { status: 'SUCCESS', physicalResourceId: 'vigil-initial-sweep' });
 */
export async function sendCustomResourceResponse(
  event: CustomResourceEvent,
  response: CustomResourceResponse,
  fetchImpl: typeof fetch = fetch,
): Promise<void> {
  const body = JSON.stringify({
    Status: response.status,
    // CloudFormation caps the whole response at 4 KB.
    Reason: (response.reason ?? response.status).slice(0, 1000),
    PhysicalResourceId: response.physicalResourceId,
    StackId: event.StackId,
    RequestId: event.RequestId,
    LogicalResourceId: event.LogicalResourceId,
  });
  let result: Response;
  try {
    // The URL is signed without a content type: sending one (fetch's default text/plain) would
    // break the signature, hence the explicit empty header.
    result = await fetchImpl(event.ResponseURL, { method: 'PUT', body, headers: { 'content-type': '' } });
  } catch (error) {
    throw new CustomResourceResponseError(`could not reach the CloudFormation response URL: ${String(error)}`, undefined, {
      cause: error,
    });
  }
  if (!result.ok) {
    throw new CustomResourceResponseError(`the CloudFormation response URL answered HTTP ${result.status}`, result.status);
  }
}
