/**
 * An in-process queue with the SQS standard-queue semantics Vigil's handlers rely on, for local
 * mode: a received message is hidden for the visibility timeout and comes back if it is not
 * deleted; each receive counts (ApproximateReceiveCount); a message received `maxReceiveCount`
 * times and still not deleted moves to the dead-letter queue on its next receive, as SQS's
 * redrive policy does; DelaySeconds hides a new message for a while.
 *
 * Not modelled (nothing in Vigil depends on it): at-least-once duplicates, FIFO, retention
 * expiry, message attributes.
 */
import { createHash, randomUUID } from 'node:crypto';

export interface QueueMessage {
  readonly messageId: string;
  readonly body: string;
  readonly md5OfBody: string;
  /** Epoch millis of the send (SentTimestamp). */
  readonly sentAt: number;
  /** Epoch millis of the first receive (ApproximateFirstReceiveTimestamp); 0 before it. */
  firstReceivedAt: number;
  receiveCount: number;
  /** Epoch millis from which the message can be received. */
  visibleAt: number;
  /** The handle of the latest receive; only it deletes the message. */
  receiptHandle: string | undefined;
}

export interface QueueStats {
  /** Visible messages (ApproximateNumberOfMessages). */
  readonly visible: number;
  /** Received and not yet deleted or returned (ApproximateNumberOfMessagesNotVisible). */
  readonly inFlight: number;
  /** Sent with a delay not yet over (ApproximateNumberOfMessagesDelayed). */
  readonly delayed: number;
  /** Age in seconds of the oldest message, whatever its state (CloudWatch's ApproximateAgeOfOldestMessage). */
  readonly oldestAgeSeconds: number;
}

export interface LocalQueueOptions {
  readonly name: string;
  readonly accountId: string;
  readonly region: string;
  /** Seconds a received message stays hidden. */
  readonly visibilityTimeoutSeconds: number;
  /** Receives before a message moves to `deadLetterQueue` (the redrive policy); none when absent. */
  readonly maxReceiveCount?: number;
  readonly deadLetterQueue?: LocalQueue;
  /** Called when a message moves to the dead-letter queue. */
  readonly onDeadLetter?: (message: QueueMessage) => void;
  readonly now?: () => number;
}

export interface LocalQueue {
  readonly name: string;
  readonly arn: string;
  /** The queue URL the SQS client is given (local/sqs-endpoint.ts answers for it). */
  readonly url: string;
  send(body: string, options?: { readonly delaySeconds?: number }): QueueMessage;
  /**
   * Up to `max` visible messages, oldest first, each hidden for the visibility timeout (or
   * `visibilityTimeoutSeconds`) with its receive count incremented and a new receipt handle.
   */
  receive(max: number, options?: { readonly visibilityTimeoutSeconds?: number }): QueueMessage[];
  /** Receives one given message if it is visible (a synchronous invocation takes what it just sent). */
  receiveById(messageId: string): QueueMessage | undefined;
  /** True when the handle is the message's latest; a stale handle deletes nothing. */
  delete(receiptHandle: string): boolean;
  /** Hides (or, with 0, releases) a received message for `seconds` from now. */
  changeVisibility(receiptHandle: string, seconds: number): boolean;
  stats(): QueueStats;
  /** Every message still held, oldest first (the DLQ's contents for a user to inspect). */
  messages(): readonly QueueMessage[];
  /** Milliseconds until the next hidden message becomes visible; undefined when none is hidden. */
  nextVisibleInMs(): number | undefined;
  /** Calls `listener` whenever a message is sent or returns to view; returns the unsubscribe. */
  onChange(listener: () => void): () => void;
}

export function createLocalQueue(options: LocalQueueOptions): LocalQueue {
  const now = options.now ?? Date.now;
  const held = new Map<string, QueueMessage>();
  const listeners = new Set<() => void>();
  const notify = (): void => {
    for (const listener of listeners) listener();
  };
  const byHandle = (receiptHandle: string): QueueMessage | undefined => {
    for (const message of held.values()) if (message.receiptHandle === receiptHandle) return message;
    return undefined;
  };
  /** One receive of a message: false when it is hidden, or moved to the dead-letter queue instead. */
  const take = (message: QueueMessage, visibilityTimeoutSeconds?: number): boolean => {
    const at = now();
    if (message.visibleAt > at) return false;
    if (options.deadLetterQueue && options.maxReceiveCount !== undefined && message.receiveCount >= options.maxReceiveCount) {
      // SQS's redrive: the receive that would exceed maxReceiveCount moves the message instead.
      held.delete(message.messageId);
      options.deadLetterQueue.send(message.body);
      options.onDeadLetter?.(message);
      return false;
    }
    message.receiveCount++;
    if (message.firstReceivedAt === 0) message.firstReceivedAt = at;
    message.visibleAt = at + (visibilityTimeoutSeconds ?? options.visibilityTimeoutSeconds) * 1000;
    message.receiptHandle = randomUUID();
    return true;
  };
  const arn = `arn:aws:sqs:${options.region}:${options.accountId}:${options.name}`;

  return {
    name: options.name,
    arn,
    url: `https://sqs.${options.region}.amazonaws.com/${options.accountId}/${options.name}`,

    send(body, sendOptions = {}) {
      const at = now();
      const message: QueueMessage = {
        messageId: randomUUID(),
        body,
        md5OfBody: createHash('md5').update(body).digest('hex'),
        sentAt: at,
        firstReceivedAt: 0,
        receiveCount: 0,
        visibleAt: at + (sendOptions.delaySeconds ?? 0) * 1000,
        receiptHandle: undefined,
      };
      held.set(message.messageId, message);
      notify();
      return message;
    },

    receive(max, receiveOptions = {}) {
      const out: QueueMessage[] = [];
      for (const message of [...held.values()]) {
        if (out.length >= max) break;
        if (take(message, receiveOptions.visibilityTimeoutSeconds)) out.push(message);
      }
      return out;
    },

    receiveById(messageId) {
      const message = held.get(messageId);
      return message && take(message) ? message : undefined;
    },

    delete(receiptHandle) {
      const message = byHandle(receiptHandle);
      if (!message) return false;
      held.delete(message.messageId);
      return true;
    },

    changeVisibility(receiptHandle, seconds) {
      const message = byHandle(receiptHandle);
      if (!message) return false;
      message.visibleAt = now() + seconds * 1000;
      if (seconds === 0) notify();
      return true;
    },

    stats() {
      const at = now();
      let visible = 0;
      let inFlight = 0;
      let delayed = 0;
      let oldest = at;
      for (const message of held.values()) {
        oldest = Math.min(oldest, message.sentAt);
        if (message.visibleAt <= at) visible++;
        else if (message.receiveCount > 0) inFlight++;
        else delayed++;
      }
      return { visible, inFlight, delayed, oldestAgeSeconds: Math.floor((at - oldest) / 1000) };
    },

    messages: () => [...held.values()],

    nextVisibleInMs() {
      const at = now();
      let next: number | undefined;
      for (const message of held.values()) {
        if (message.visibleAt > at) next = Math.min(next ?? Number.POSITIVE_INFINITY, message.visibleAt - at);
      }
      return next;
    },

    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
