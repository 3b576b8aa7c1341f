/**
 * EventBridge sender: `Vigil Finding Changed` events from source `vigil`, at most 10 entries per
 * PutEvents call (the API's limit). PutEvents succeeds as a call even when entries fail
 * (FailedEntryCount); only the failed entries are sent again, a few times, with backoff.
 */
import { PutEventsCommand, type EventBridgeClient, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import type { AlertSender, SendOutcome } from '../app/notify-ports.ts';
import { renderEvent } from '../app/notify-payloads.ts';
import type { RuleLookup } from '../app/notify-slack-message.ts';

export const eventBridgeSenderIamActions = ['events:PutEvents'] as const;
export const PUT_EVENTS_MAX_ENTRIES = 10;

export interface EventBridgeSenderOptions {
  readonly client: EventBridgeClient;
  /** The bus name or ARN. */
  readonly eventBusName: string;
  readonly rules: RuleLookup;
  /** Rounds for failed entries. Default 3. */
  readonly attempts?: number;
  readonly sleep?: (ms: number) => Promise<void>;
}

/** Entry errors a retry will not fix. */
const PERMANENT_ENTRY_ERRORS = new Set(['MalformedDetail', 'InvalidArgument', 'NotAuthorizedForSourceException', 'NotAuthorizedForDetailTypeException', 'AccessDeniedException']);

/**
 * @example
 * const events = createEventBridgeSender({ client: new EventBridgeClient({}), eventBusName: 'default', rules });
 */
export function createEventBridgeSender(options: EventBridgeSenderOptions): AlertSender {
  const attempts = options.attempts ?? 3;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  return {
    batchSize: PUT_EVENTS_MAX_ENTRIES,
    async send(alerts, context) {
      const outcomes: (SendOutcome | undefined)[] = alerts.map(() => undefined);
      const entries: PutEventsRequestEntry[] = alerts.map((alert) => ({ ...renderEvent(alert, options.rules), EventBusName: options.eventBusName }));
      let todo = alerts.map((_, i) => i);
      for (let round = 1; todo.length > 0; round++) {
        const failures = new Map<number, string>();
        for (let i = 0; i < todo.length; i += PUT_EVENTS_MAX_ENTRIES) {
          const batch = todo.slice(i, i + PUT_EVENTS_MAX_ENTRIES);
          try {
            const out = await options.client.send(new PutEventsCommand({ Entries: batch.map((j) => entries[j] ?? {}) }));
            batch.forEach((j, k) => {
              const result = out.Entries?.[k];
              if (result?.EventId) outcomes[j] = { kind: 'delivered' };
              else {
                const code = result?.ErrorCode ?? 'Unknown';
                const reason = `events:PutEvents entry failed: ${code}: ${result?.ErrorMessage ?? ''}`.trim();
                if (PERMANENT_ENTRY_ERRORS.has(code)) outcomes[j] = { kind: 'failed', reason };
                else failures.set(j, reason);
              }
            });
          } catch (error) {
            const reason = `events:PutEvents failed: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`;
            for (const j of batch) failures.set(j, reason);
          }
        }
        todo = [...failures.keys()];
        const backoff = 200 * 2 ** round;
        if (todo.length === 0) break;
        if (round >= attempts || backoff >= context.remainingTimeMs()) {
          for (const [j, reason] of failures) outcomes[j] = { kind: 'retry', reason };
          break;
        }
        await sleep(backoff);
      }
      return outcomes.map((o) => o ?? { kind: 'retry', reason: 'not sent' });
    },
  };
}
