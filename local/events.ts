/**
 * Recognizing what a user feeds the local evaluate function: an SQS batch (as Lambda's poller
 * delivers it) or an event EventBridge would put on the queue, and the Config changes inside.
 */
import type { SQSEvent } from 'aws-lambda';
import { parseConfigChangeEvent } from '../shared/config-items/event.ts';
import type { AnyResource } from '../shared/domain/resource.ts';

/** An SQS event source's batch: `{"Records": [{"eventSource": "aws:sqs", "body": "…"}, …]}`. */
export function isSqsEvent(payload: unknown): payload is SQSEvent {
  if (typeof payload !== 'object' || payload === null) return false;
  const records: unknown = (payload as { Records?: unknown }).Records;
  return (
    Array.isArray(records) &&
    records.length > 0 &&
    records.every((r: unknown) => typeof r === 'object' && r !== null && (r as { eventSource?: unknown }).eventSource === 'aws:sqs' && typeof (r as { body?: unknown }).body === 'string')
  );
}

/**
 * The configuration items carried by Config change events in a payload (the event itself, or
 * the bodies of an SQS batch). What does not parse is left to the evaluate function, which
 * rejects it (and the queue dead-letters it) with the reason.
 */
export function configChangesIn(payload: unknown): AnyResource[] {
  const events: unknown[] = isSqsEvent(payload) ? payload.Records.map((r) => parseJson(r.body)) : [payload];
  const out: AnyResource[] = [];
  for (const event of events) {
    try {
      const change = parseConfigChangeEvent(event);
      if (change.kind === 'item') out.push(change.resource);
    } catch {
      // Not a (valid) Config change event: nothing for Config's inventory.
    }
  }
  return out;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
