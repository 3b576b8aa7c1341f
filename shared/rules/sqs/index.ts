import type { Rule } from '../rule.ts';
import sqsQueueEncrypted from './sqs-queue-encrypted.ts';
import sqsQueueHasDeadLetterQueue from './sqs-queue-has-dead-letter-queue.ts';

export const sqsRules: readonly Rule[] = [sqsQueueHasDeadLetterQueue, sqsQueueEncrypted];
