import type { AnyResource, ResourceKey } from '../../domain/resource.ts';
import { isGone } from '../../domain/resource.ts';
import type { InventoryView } from '../../engine/inventory.ts';
import { ALARM_TYPE, isAlarm, short, type AlarmResource } from '../cloudwatch/_alarm-coverage.ts';
import type { CloudWatchAlarm } from '../../config-items/models/cloudwatch.ts';
import { compliant, defineRule, nonCompliant, notApplicable, RuleCategory } from '../rule.ts';

const TOPIC_TYPE = 'AWS::SNS::Topic';

/** Every action an alarm runs, whatever the state it enters. */
function actionsOf(alarm: CloudWatchAlarm): string[] {
  return [...alarm.alarmActions, ...alarm.okActions, ...alarm.insufficientDataActions];
}

/**
 * The topics a changed alarm notifies. A deleted alarm's item no longer lists its actions, so
 * every topic of its account and region is re-evaluated.
 */
function topicsNotifiedBy(changed: AnyResource, inventory: InventoryView): ResourceKey[] {
  const topics = inventory.list(TOPIC_TYPE, { accountId: changed.accountId, region: changed.region });
  if (!isAlarm(changed) || isGone(changed.status)) return [...topics];
  const targets = new Set(actionsOf(changed.model));
  return topics.filter((t) => targets.has(t.model.topicArn));
}

/** Alarms by each action ARN they run; built once per inventory (topic ARNs are account- and region-specific). */
function alarmsByAction(inventory: InventoryView): ReadonlyMap<string, readonly AlarmResource[]> {
  return inventory.derive('sns/alarms-by-action', (inv) => {
    const index = new Map<string, AlarmResource[]>();
    for (const alarm of inv.list(ALARM_TYPE)) {
      for (const action of new Set(actionsOf(alarm.model))) {
        let list = index.get(action);
        if (!list) index.set(action, (list = []));
        list.push(alarm);
      }
    }
    return index;
  });
}

export default defineRule({
  id: 'sns-topic-has-subscription',
  title: 'SNS topics that CloudWatch alarms notify have at least one confirmed subscription',
  severity: 'medium',
  resourceTypes: [TOPIC_TYPE],
  category: RuleCategory.monitoring,
  checklist: '000 error alerting',
  remediation: {
    text:
      'Subscribe the people or systems that must hear the alarms (an email list, a chat integration through AWS Chatbot or a Lambda ' +
      'function, a paging service over HTTPS) and confirm the subscription: alarms published to a topic nobody reads alert no one.',
    cli: 'aws sns subscribe --topic-arn <topic-arn> --protocol email --notification-endpoint <oncall@example.com>',
    cloudformation: 'Type: AWS::SNS::Subscription\nProperties:\n  TopicArn: !Ref AlarmTopic\n  Protocol: email\n  Endpoint: oncall@example.com',
  },
  params: {},
  equivalents: {},
  dependsOn: [ALARM_TYPE],
  affectedBy: topicsNotifiedBy,
  evaluate(topic, { inventory }) {
    const name = topic.resourceName ?? topic.model.topicName;
    const notifying = alarmsByAction(inventory).get(topic.model.topicArn) ?? [];
    if (notifying.length === 0) return notApplicable(`SNS topic ${name} is not an action of any CloudWatch alarm.`);
    const alarm = short(notifying[0]?.model.alarmName ?? '', 48);
    const alarms = notifying.length === 1 ? `alarm ${alarm}` : `${notifying.length} alarms (${alarm} …)`;
    const { confirmedSubscriptions: confirmed, pendingSubscriptions: pending } = topic.model;
    if (confirmed === undefined) {
      return notApplicable(`SNS topic ${name} is notified by ${alarms}, but its item records no subscriptions to check.`);
    }
    if (confirmed > 0) {
      return compliant(`SNS topic ${name} has ${confirmed} confirmed subscription${confirmed === 1 ? '' : 's'} for ${alarms}.`);
    }
    const awaiting = pending ? ` (${pending} awaiting confirmation)` : '';
    return nonCompliant(`SNS topic ${name} is notified by ${alarms} but has no confirmed subscription${awaiting}.`);
  },
});
