import { compliant, defineRule, nonCompliant, notApplicable, RuleCategory } from '../rule.ts';
import { TABLE } from './_helpers.ts';

const ON = new Set(['ENABLED', 'ENABLING']);

export default defineRule({
  id: 'dynamodb-table-ttl-enabled',
  title: 'DynamoDB tables expire items with a TTL attribute',
  severity: 'informational',
  resourceTypes: [TABLE],
  category: RuleCategory.dataStores,
  checklist: '000 TTL',
  remediation: {
    text: 'Enable Time to Live on an epoch-seconds attribute so expired items (sessions, idempotency keys, history) are deleted at no cost.',
    cli: 'aws dynamodb update-time-to-live --table-name <table> --time-to-live-specification Enabled=true,AttributeName=expiresAt',
    cloudformation: 'TimeToLiveSpecification:\n  AttributeName: expiresAt\n  Enabled: true',
  },
  params: {},
  equivalents: {},
  evaluate(table) {
    const { tableName, ttl } = table.model;
    // TTL is not part of DescribeTable, and the Config resource schema for tables lists no TTL
    // property: it is read from supplementaryConfiguration.TimeToLiveDescription (DescribeTimeToLive's
    // shape) when an item carries one. Without it nothing can be said either way.
    if (ttl.status === undefined) {
      return notApplicable(`DynamoDB table ${tableName}: the configuration item carries no TimeToLiveDescription.`);
    }
    return ON.has(ttl.status)
      ? compliant(`DynamoDB table ${tableName} expires items on attribute ${ttl.attributeName ?? '(unnamed)'} (TTL ${ttl.status}).`)
      : nonCompliant(`DynamoDB table ${tableName} has TTL ${ttl.status}.`);
  },
});
