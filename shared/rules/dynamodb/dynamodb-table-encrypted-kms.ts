import type { Resource, ResourceKey } from '../../domain/resource.ts';
import type { InventoryView } from '../../engine/inventory.ts';
import { param } from '../params.ts';
import { compliant, defineRule, nonCompliant, RuleCategory } from '../rule.ts';
import { TABLE } from './_helpers.ts';

const KMS_KEY = 'AWS::KMS::Key';
/** SSE statuses under which the table is (or is being) encrypted with its KMS key. */
const KMS_ACTIVE = new Set(['ENABLED', 'ENABLING', 'UPDATING']);

export default defineRule({
  id: 'dynamodb-table-encrypted-kms',
  title: 'DynamoDB tables are encrypted with a KMS key',
  severity: 'low',
  resourceTypes: [TABLE],
  category: RuleCategory.dataStores,
  checklist: '000 encryption at rest',
  remediation: {
    text: 'Encrypt the table with a KMS key (the AWS managed aws/dynamodb key, or a customer managed key when requireCustomerKey is on) so key use is logged in CloudTrail and access can be revoked.',
    cli: 'aws dynamodb update-table --table-name <table> --sse-specification Enabled=true,SSEType=KMS,KMSMasterKeyId=<key-arn>',
    cloudformation: 'SSESpecification:\n  SSEEnabled: true\n  SSEType: KMS\n  KMSMasterKeyId: <key-arn>',
  },
  params: {
    requireCustomerKey: param.bool(
      false,
      'Require a customer managed KMS key (the AWS managed aws/dynamodb key is then non-compliant); needs AWS::KMS::Key recorded to tell the two apart.',
    ),
  },
  // Matches dynamodb-table-encrypted-kms with kmsKeyArns unset: the AWS owned key fails, any KMS key passes.
  // Absent data: no SSE description reads as the AWS owned key, which DynamoDB reports by leaving
  // SSEDescription out. Source: ../shared/reference/managed-rules/dynamodb-table-encrypted-kms.md
  // ("NON_COMPLIANT if Amazon DynamoDB table is not encrypted with AWS KMS") and
  // ../shared/reference/config-resource-schema/AWS__DynamoDB__Table.properties.json (ssedescription.*).
  equivalents: { awsConfigRule: 'dynamodb-table-encrypted-kms' },
  dependsOn: [KMS_KEY],
  affectedBy: (key, inventory) =>
    inventory
      .list(TABLE, { accountId: key.accountId, region: key.region })
      .filter((t) => t.model.sse.kmsKeyArn !== undefined && keyMatches(t.model.sse.kmsKeyArn, key))
      .map(({ accountId, region, resourceType, resourceId }): ResourceKey => ({ accountId, region, resourceType, resourceId })),
  evaluate(table, { params, inventory }) {
    const { tableName, sse } = table.model;
    const usesKms = sse.type === 'KMS' && (sse.status === undefined || KMS_ACTIVE.has(sse.status));
    if (!usesKms) {
      const detail = sse.status === undefined ? 'no SSE description' : `SSE ${sse.status}`;
      return nonCompliant(`DynamoDB table ${tableName} is encrypted with the AWS owned key, not KMS (${detail}).`);
    }
    const keyArn = sse.kmsKeyArn ?? 'an unrecorded KMS key';
    if (!params.requireCustomerKey) return compliant(`DynamoDB table ${tableName} is encrypted with KMS key ${keyArn}.`);
    if (!sse.kmsKeyArn) return nonCompliant(`DynamoDB table ${tableName} uses KMS, but its key ARN is not recorded, so a customer managed key cannot be confirmed.`);
    const manager = keyManagerOf(sse.kmsKeyArn, table, inventory);
    if (manager === 'CUSTOMER') return compliant(`DynamoDB table ${tableName} is encrypted with customer managed KMS key ${keyArn}.`);
    if (manager === 'AWS') return nonCompliant(`DynamoDB table ${tableName} uses the AWS managed key ${keyArn}, not a customer managed key.`);
    return nonCompliant(`DynamoDB table ${tableName} uses KMS key ${keyArn}, which is not in the inventory, so it cannot be confirmed as customer managed.`);
  },
});

/** CUSTOMER or AWS when known. A key in another account is a customer key: AWS managed keys cannot be shared. */
function keyManagerOf(keyArn: string, table: Resource<typeof TABLE>, inventory: InventoryView): string | undefined {
  const keyAccount = keyArn.split(':')[4];
  if (keyAccount !== undefined && keyAccount !== '' && keyAccount !== table.accountId) return 'CUSTOMER';
  const key = inventory.list(KMS_KEY, { accountId: table.accountId }).find((k) => keyMatches(keyArn, k));
  return key?.model.keyManager;
}

function keyMatches(keyArn: string, key: { readonly arn?: string | undefined; readonly resourceId: string }): boolean {
  return keyArn === key.arn || keyArn.endsWith(`:key/${key.resourceId}`);
}
