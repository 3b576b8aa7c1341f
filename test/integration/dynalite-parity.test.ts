/**
 * What the findings store relies on from DynamoDB, checked on dynalite (the engine every other
 * test runs on), and where dynalite differs. Each difference names where production's behaviour
 * is covered instead, so a passing suite on dynalite does not claim what it cannot show.
 */
import {
  DescribeTableCommand,
  DynamoDBClient,
  PutItemCommand,
  QueryCommand,
  TransactWriteItemsCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDynalite, type LocalDynamoDb } from '../../local/dynalite.ts';
import { createFindingsTable, findingsTableResource } from '../../local/findings-table.ts';

describe('dynalite as the findings table', () => {
  let ddb: LocalDynamoDb;
  let client: DynamoDBClient;
  let TableName: string;
  beforeAll(async () => {
    ddb = await startDynalite();
    client = new DynamoDBClient(ddb.clientConfig);
    TableName = await createFindingsTable(client, { service: 'vigil', stage: 'parity' });
  });
  afterAll(async () => {
    client?.destroy();
    await ddb?.stop();
  });

  describe('behaves as DynamoDB where the store relies on it', () => {
    it('refuses a conditional write with ConditionalCheckFailedException (the store reads it as a conflict)', async () => {
      // Prepare
      await client.send(new PutItemCommand({ TableName, Item: { pk: { S: 'RES#a' }, sk: { S: 'RULE#r' }, version: { N: '1' } } }));

      // Act
      const write = client.send(
        new PutItemCommand({
          TableName,
          Item: { pk: { S: 'RES#a' }, sk: { S: 'RULE#r' }, version: { N: '2' } },
          ConditionExpression: 'version = :v',
          ExpressionAttributeValues: { ':v': { N: '5' } },
        }),
      );

      // Assess
      await expect(write).rejects.toMatchObject({ name: 'ConditionalCheckFailedException' });
    });

    it('refuses an item over 400 KB with a ValidationException (the store gzips configurations past 1 KB)', async () => {
      // Act
      const write = client.send(new PutItemCommand({ TableName, Item: { pk: { S: 'RES#big' }, sk: { S: 'META' }, resource: { S: 'x'.repeat(410_000) } } }));

      // Assess
      await expect(write).rejects.toMatchObject({ name: 'ValidationException', message: 'Item size has exceeded the maximum allowed size' });
    });

    it('refuses a strongly consistent query of a global secondary index', async () => {
      // Act
      const query = client.send(
        new QueryCommand({ TableName, IndexName: 'inventory', KeyConditionExpression: 'invPk = :p', ExpressionAttributeValues: { ':p': { S: 'INV#1#T' } }, ConsistentRead: true }),
      );

      // Assess
      await expect(query).rejects.toMatchObject({ name: 'ValidationException' });
    });

    it('creates the table on demand, with its indexes, from infra/findings-table.yml', async () => {
      // Act
      const { Table } = await client.send(new DescribeTableCommand({ TableName }));

      // Assess
      expect(Table?.BillingModeSummary?.BillingMode).toBe('PAY_PER_REQUEST');
      expect(Table?.GlobalSecondaryIndexes?.map((i) => i.IndexName).sort()).toEqual([
        'finding-changes',
        'findings-by-account-state',
        'findings-by-region-state',
        'findings-by-rule-state',
        'findings-by-state',
        'findings-by-tag-1',
        'findings-by-tag-2',
        'findings-by-tag-3',
        'findings-by-type-state',
        'inventory',
        'pending-alerts',
      ]);
    });
  });

  describe('differs from DynamoDB, and production is covered elsewhere', () => {
    it('has no transactions: the store writes each item on its own (docs/architecture.md)', async () => {
      // Act
      const write = client.send(new TransactWriteItemsCommand({ TransactItems: [{ Put: { TableName, Item: { pk: { S: 'RES#t' }, sk: { S: 'META' } } } }] }));

      // Assess
      await expect(write).rejects.toMatchObject({ name: 'UnknownOperationException' });
    });

    it('has no TTL: items never expire locally; the deployed TTL is asserted on the template', async () => {
      // Act
      const ttl = client.send(new UpdateTimeToLiveCommand({ TableName, TimeToLiveSpecification: { AttributeName: 'ttl', Enabled: true } }));

      // Assess: production's TTL is the template's (also checked in test/integration/findings-store.test.ts).
      await expect(ttl).rejects.toMatchObject({ name: 'UnknownOperationException' });
      expect(findingsTableResource({ service: 'vigil', stage: 'prod' }).Properties['TimeToLiveSpecification']).toEqual({ AttributeName: 'ttl', Enabled: true });
    });

    it('has no stream, encryption or deletion protection: local/stream-recorder.ts stands in for the stream; the rest is asserted on the template', async () => {
      // Act
      const { Table } = await client.send(new DescribeTableCommand({ TableName }));

      // Assess: accepted at creation, then absent. test/e2e/package.test.ts runs Vigil's own
      // rules over the packaged template (PITR, KMS encryption, deletion protection).
      expect(Table?.LatestStreamArn).toBeUndefined();
      expect(Table?.SSEDescription).toBeUndefined();
      expect(Table?.DeletionProtectionEnabled).toBeUndefined();
      expect(findingsTableResource({ service: 'vigil', stage: 'prod' }).Properties).toMatchObject({
        StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
        SSESpecification: { SSEEnabled: true, SSEType: 'KMS' },
        DeletionProtectionEnabled: true,
      });
    });

    it('bills no index writes in ConsumedCapacity: bench/dynamodb-capacity.ts computes request units from the items instead', async () => {
      // Prepare: a finding-like item of about 3 KB, in two ALL-projected indexes.
      const Item = { pk: { S: 'RES#c' }, sk: { S: 'RULE#r' }, gRule: { S: 'r#COMPLIANT' }, gType: { S: 't#COMPLIANT' }, gSort: { S: '1#2026-01-01T00:00:00.000Z' }, reason: { S: 'z'.repeat(3_000) } };

      // Act
      const { ConsumedCapacity } = await client.send(new PutItemCommand({ TableName, Item, ReturnConsumedCapacity: 'INDEXES' }));

      // Assess: DynamoDB bills the table's units again for each index holding the item (three
      // times the table's here); dynalite reports the table's units alone.
      expect(ConsumedCapacity?.CapacityUnits).toBeGreaterThanOrEqual(3);
      expect(ConsumedCapacity?.CapacityUnits).toBe(ConsumedCapacity?.Table?.CapacityUnits);
      expect(ConsumedCapacity?.GlobalSecondaryIndexes).toBeUndefined();
    });

    it('updates indexes before answering a write, where DynamoDB propagates them within about a second', async () => {
      // Prepare
      await client.send(
        new PutItemCommand({ TableName, Item: { pk: { S: 'RES#i' }, sk: { S: 'META' }, invPk: { S: 'INV#1#T' }, invSk: { S: 'r#i' }, resourceStatus: { S: 'OK' } } }),
      );

      // Act
      const { Items } = await client.send(new QueryCommand({ TableName, IndexName: 'inventory', KeyConditionExpression: 'invPk = :p', ExpressionAttributeValues: { ':p': { S: 'INV#1#T' } } }));

      // Assess: visible at once here. In production a resource and its dependent written together
      // can miss each other; the evaluate function re-evaluates changed resources with
      // dependencies 30 s later (RECHECK_DELAY_SECONDS in shared/app/process-evaluation-message.ts).
      expect(Items).toHaveLength(1);
    });
  });
});
