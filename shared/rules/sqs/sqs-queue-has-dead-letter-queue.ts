import { isGone, type AnyResource, type Resource, type ResourceKey } from '../../domain/resource.ts';
import type { InventoryView } from '../../engine/inventory.ts';
import { compliant, defineRule, nonCompliant, notApplicable, RuleCategory } from '../rule.ts';

const QUEUE_TYPE = 'AWS::SQS::Queue';
type Queue = Resource<typeof QUEUE_TYPE>;

function isQueue(resource: AnyResource): resource is AnyResource & Queue {
  return resource.resourceType === QUEUE_TYPE;
}

/** Queues of the same account and region whose redrive policy sends failed messages to `queue`. */
function sourcesOf(queue: Queue, inventory: InventoryView): readonly Queue[] {
  const arn = queue.model.queueArn;
  if (arn === undefined) return [];
  // Queue ARNs name the account and region, so an index by target ARN keeps the scope.
  return inventory
    .derive('sqs/queues-by-dead-letter-target', (inv) => {
      const index = new Map<string, Queue[]>();
      for (const q of inv.list(QUEUE_TYPE)) {
        const target = q.model.redrivePolicy?.deadLetterTargetArn;
        if (target === undefined) continue;
        let list = index.get(target);
        if (!list) index.set(target, (list = []));
        list.push(q);
      }
      return index;
    })
    .get(arn) ?? [];
}

/**
 * A queue's change matters to the queue its redrive policy names (now one of its DLQs). A deleted
 * queue's item names nothing, so every queue of its account and region is re-evaluated. A redrive
 * policy removed or re-pointed leaves the former DLQ to the sweep.
 */
function affectedBy(changed: AnyResource, inventory: InventoryView): ResourceKey[] {
  const queues = inventory.list(QUEUE_TYPE, { accountId: changed.accountId, region: changed.region });
  if (!isQueue(changed) || isGone(changed.status)) return queues.filter((q) => q.resourceId !== changed.resourceId);
  const target = changed.model.redrivePolicy?.deadLetterTargetArn;
  return target === undefined ? [] : queues.filter((q) => q.model.queueArn === target);
}

export default defineRule({
  id: 'sqs-queue-has-dead-letter-queue',
  title: 'SQS queues move repeatedly failing messages to a dead-letter queue',
  severity: 'low',
  resourceTypes: [QUEUE_TYPE],
  category: RuleCategory.availability,
  checklist: '002 auto-retry, dead letters',
  remediation: {
    text:
      'Give the queue a redrive policy naming a dead-letter queue and a maxReceiveCount (3–5 is common), and alarm on the DLQ depth: ' +
      'a poison message then stops blocking consumers and is kept for inspection and redrive instead of retried until it expires.',
    cli: 'aws sqs set-queue-attributes --queue-url <queue-url> --attributes \'{"RedrivePolicy":"{\\"deadLetterTargetArn\\":\\"<dlq-arn>\\",\\"maxReceiveCount\\":\\"5\\"}"}\'',
    cloudformation: 'RedrivePolicy:\n  deadLetterTargetArn: !GetAtt DeadLetterQueue.Arn\n  maxReceiveCount: 5',
  },
  params: {},
  equivalents: {},
  dependsOn: [QUEUE_TYPE],
  affectedBy,
  evaluate(queue, { inventory }) {
    const name = queue.resourceName ?? queue.model.queueName;
    const redrive = queue.model.redrivePolicy;
    if (redrive) {
      const after = redrive.maxReceiveCount === undefined ? '' : ` after ${redrive.maxReceiveCount} receives`;
      return compliant(`SQS queue ${name} moves failing messages to dead-letter queue ${redrive.deadLetterTargetArn}${after}.`);
    }
    const sources = sourcesOf(queue, inventory);
    if (sources.length > 0) {
      const source = sources[0]?.resourceName ?? sources[0]?.model.queueName;
      const more = sources.length > 1 ? ` and ${sources.length - 1} more` : '';
      return notApplicable(`SQS queue ${name} is itself the dead-letter queue of ${source}${more}.`);
    }
    // A redrive-allow policy naming source queues declares the queue a DLQ even when the sources are not recorded.
    const allow = queue.model.redriveAllowPolicy;
    if (allow?.redrivePermission === 'byQueue' && allow.sourceQueueArns.length > 0) {
      return notApplicable(`SQS queue ${name} is a dead-letter queue: its redrive allow policy names ${allow.sourceQueueArns.length} source queue(s).`);
    }
    // Whether it is another queue's DLQ shows only in the other queues: a partial list holding no other queue cannot tell.
    if (onlyItself(queue, inventory)) {
      return notApplicable(
        `SQS queue ${name} has no redrive policy; the input holds no other SQS queue and is not a whole account, so whether it is a dead-letter queue cannot be judged.`,
      );
    }
    return nonCompliant(`SQS queue ${name} has no redrive policy (no dead-letter queue) and is not a dead-letter queue of another queue.`);
  },
});

/** True when a partial inventory holds no queue of the account but `queue` itself. */
function onlyItself(queue: Pick<AnyResource, 'accountId' | 'resourceId'>, inventory: InventoryView): boolean {
  if (inventory.complete) return false;
  const queues = inventory.list('AWS::SQS::Queue', { accountId: queue.accountId });
  return queues.every((q) => q.resourceId === queue.resourceId);
}
