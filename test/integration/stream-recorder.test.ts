import { CreateTableCommand, DeleteItemCommand, DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDynalite, type LocalDynamoDb } from '../../local/dynalite.ts';
import { recordStream } from '../../local/stream-recorder.ts';
import { catalog } from '../../shared/rules/index.ts';
import { changeEvent, tableItem } from '../support/config-events.ts';
import { startPipeline } from '../support/pipeline.ts';

/**
 * The example event of the Lambda developer guide, "Using AWS Lambda with Amazon DynamoDB",
 * section "Example event" (docs.aws.amazon.com/lambda/latest/dg/with-ddb.html): an INSERT then a
 * MODIFY of one item of a table keyed by the number `Id`, as a function receives them.
 */
const AWS_EXAMPLE = {
  Records: [
    {
      eventID: '1',
      eventVersion: '1.0',
      dynamodb: {
        Keys: { Id: { N: '101' } },
        NewImage: { Message: { S: 'New item!' }, Id: { N: '101' } },
        StreamViewType: 'NEW_AND_OLD_IMAGES',
        SequenceNumber: '111',
        SizeBytes: 26,
      },
      awsRegion: 'us-west-2',
      eventName: 'INSERT',
      eventSourceARN: 'arn:aws:dynamodb:us-east-2:123456789012:table/my-table/stream/2024-06-10T19:26:16.525',
      eventSource: 'aws:dynamodb',
    },
    {
      eventID: '2',
      eventVersion: '1.0',
      dynamodb: {
        OldImage: { Message: { S: 'New item!' }, Id: { N: '101' } },
        SequenceNumber: '222',
        Keys: { Id: { N: '101' } },
        SizeBytes: 59,
        NewImage: { Message: { S: 'This item has changed' }, Id: { N: '101' } },
        StreamViewType: 'NEW_AND_OLD_IMAGES',
      },
      awsRegion: 'us-west-2',
      eventName: 'MODIFY',
      eventSourceARN: 'arn:aws:dynamodb:us-east-2:123456789012:table/my-table/stream/2024-06-10T19:26:16.525',
      eventSource: 'aws:dynamodb',
    },
  ],
} as const;

describe('stream recorder (local/stream-recorder.ts)', () => {
  let ddb: LocalDynamoDb;
  let client: DynamoDBClient;
  const now = new Date('2026-11-23T09:30:15.750Z');
  beforeAll(async () => {
    ddb = await startDynalite();
    client = new DynamoDBClient(ddb.clientConfig);
    await client.send(
      new CreateTableCommand({
        TableName: 'my-table',
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: 'Id', AttributeType: 'N' }],
        KeySchema: [{ AttributeName: 'Id', KeyType: 'HASH' }],
      }),
    );
  });
  afterAll(async () => {
    client?.destroy();
    await ddb?.stop();
  });

  it("emits the records of AWS's example event, field by field, for the same two writes", async () => {
    // Prepare
    const stream = recordStream(client, { tableName: 'my-table', region: 'us-west-2', streamArn: AWS_EXAMPLE.Records[0].eventSourceARN, keyAttributes: ['Id'], now: () => now });

    // Act
    await client.send(new PutItemCommand({ TableName: 'my-table', Item: { Message: { S: 'New item!' }, Id: { N: '101' } } }));
    await client.send(new PutItemCommand({ TableName: 'my-table', Item: { Message: { S: 'This item has changed' }, Id: { N: '101' } } }));
    const records = stream.take();

    // Assess
    expect(records).toHaveLength(2);
    records.forEach((record, i) => {
      const example = AWS_EXAMPLE.Records[i];
      // The same fields at both levels. ApproximateCreationDateTime is left out of the guide's
      // example but is in every record DynamoDB streams (API reference, StreamRecord).
      expect(Object.keys(record).sort()).toEqual(Object.keys(example ?? {}).sort());
      expect(Object.keys(record.dynamodb ?? {}).sort()).toEqual([...Object.keys(example?.dynamodb ?? {}), 'ApproximateCreationDateTime'].sort());
      expect(record.eventName).toBe(example?.eventName);
      expect(record.eventSource).toBe(example?.eventSource);
      expect(record.awsRegion).toBe(example?.awsRegion);
      expect(record.eventSourceARN).toBe(example?.eventSourceARN);
      expect(record.dynamodb?.Keys).toEqual(example?.dynamodb.Keys);
      expect(record.dynamodb?.NewImage).toEqual(example?.dynamodb.NewImage);
      expect(record.dynamodb?.OldImage).toEqual(example && 'OldImage' in example.dynamodb ? example.dynamodb.OldImage : undefined);
      expect(record.dynamodb?.StreamViewType).toBe(example?.dynamodb.StreamViewType);
      expect(record.dynamodb?.SizeBytes).toBe(example?.dynamodb.SizeBytes);
      // Epoch seconds, rounded down, as Lambda delivers it.
      expect(record.dynamodb?.ApproximateCreationDateTime).toBe(Math.floor(now.getTime() / 1000));
      // The version streams carry today (the guide's example still shows 1.0).
      expect(record.eventVersion).toBe('1.1');
      expect(record.eventID).toMatch(/^[0-9a-f]{32}$/);
      expect(record.dynamodb?.SequenceNumber).toMatch(/^\d{21,40}$/);
    });
    expect(records[0]?.eventID).not.toBe(records[1]?.eventID);
    expect(BigInt(records[1]?.dynamodb?.SequenceNumber ?? '0')).toBeGreaterThan(BigInt(records[0]?.dynamodb?.SequenceNumber ?? '0'));
  });

  it('records a delete as REMOVE with the old image, and nothing for a write its condition refused or that changed nothing', async () => {
    // Prepare
    const stream = recordStream(client, { tableName: 'my-table', region: 'us-west-2', keyAttributes: ['Id'], now: () => now });
    await client.send(new PutItemCommand({ TableName: 'my-table', Item: { Id: { N: '7' }, Message: { S: 'kept' } } }));
    stream.take();

    // Act
    const refused = client.send(new PutItemCommand({ TableName: 'my-table', Item: { Id: { N: '7' }, Message: { S: 'lost' } }, ConditionExpression: 'attribute_not_exists(Id)' }));
    await expect(refused).rejects.toMatchObject({ name: 'ConditionalCheckFailedException' });
    await client.send(new PutItemCommand({ TableName: 'my-table', Item: { Message: { S: 'kept' }, Id: { N: '7' } } }));
    await client.send(new DeleteItemCommand({ TableName: 'my-table', Key: { Id: { N: '7' } } }));
    await client.send(new DeleteItemCommand({ TableName: 'my-table', Key: { Id: { N: '7' } } }));

    // Assess: one record, for the delete that removed something.
    const records = stream.take();
    expect(records.map((r) => [r.eventName, r.dynamodb?.Keys, r.dynamodb?.OldImage, r.dynamodb?.NewImage])).toEqual([
      ['REMOVE', { Id: { N: '7' } }, { Id: { N: '7' }, Message: { S: 'kept' } }, undefined],
    ]);
  });

  it('answers callers what they asked for: no old item unless they asked, the same records through the document client', async () => {
    // Prepare
    const stream = recordStream(client, { tableName: 'my-table', region: 'us-west-2', keyAttributes: ['Id'], now: () => now });
    const doc = DynamoDBDocumentClient.from(client);
    const payload = new Uint8Array([0x1f, 0x8b, 0x08, 0x00]);

    // Act
    const first = await doc.send(new PutCommand({ TableName: 'my-table', Item: { Id: 8, blob: payload, tags: { team: 'payments' } } }));
    const second = await doc.send(new PutCommand({ TableName: 'my-table', Item: { Id: 8, blob: payload }, ReturnValues: 'ALL_OLD' }));
    const third = await client.send(new PutItemCommand({ TableName: 'my-table', Item: { Id: { N: '8' } } }));

    // Assess
    expect(first.Attributes).toBeUndefined();
    expect(second.Attributes).toEqual({ Id: 8, blob: payload, tags: { team: 'payments' } });
    expect(third.Attributes).toBeUndefined();
    const [insert, modify, last] = stream.take();
    // Binary values base64-encoded, maps marshalled, as in the JSON Lambda delivers.
    expect(insert?.dynamodb?.NewImage).toEqual({ Id: { N: '8' }, blob: { B: 'H4sIAA==' }, tags: { M: { team: { S: 'payments' } } } });
    expect(modify?.dynamodb?.OldImage).toEqual(insert?.dynamodb?.NewImage);
    expect(last?.dynamodb?.OldImage).toEqual({ Id: { N: '8' }, blob: { B: 'H4sIAA==' } });
    expect([insert, modify, last].map((r: DynamoDBRecord | undefined) => r?.eventName)).toEqual(['INSERT', 'MODIFY', 'MODIFY']);
  });

  it("streams a finding's transition with both images, carrying what an alert needs", async () => {
    // Prepare
    const pipeline = await startPipeline(ddb, { catalog });
    try {
      await pipeline.process(changeEvent(tableItem({ name: 'ledger', stateId: 1_790_000_000_000, pitr: false, tags: { team: 'payments' } }), 'CREATE'));
      pipeline.stream.take();

      // Act
      await pipeline.process(changeEvent(tableItem({ name: 'ledger', stateId: 1_790_000_060_000, pitr: true, tags: { team: 'payments' } })));

      // Assess
      const pitr = pipeline.stream.take().filter((r) => r.dynamodb?.Keys?.['sk']?.S === 'RULE#dynamodb-table-pitr-enabled');
      expect(pitr).toHaveLength(1);
      expect(pitr[0]?.eventName).toBe('MODIFY');
      expect(pitr[0]?.dynamodb?.OldImage?.['status']).toEqual({ S: 'NON_COMPLIANT' });
      expect(pitr[0]?.dynamodb?.NewImage).toMatchObject({
        ruleId: { S: 'dynamodb-table-pitr-enabled' },
        status: { S: 'COMPLIANT' },
        severity: { S: 'medium' },
        resourceType: { S: 'AWS::DynamoDB::Table' },
        resourceId: { S: 'ledger' },
        tags: { M: { team: { S: 'payments' } } },
        firstSeenAt: { S: '2026-11-23T00:00:00.000Z' },
        lastChangedAt: { S: '2026-11-23T00:00:00.000Z' },
        version: { N: '2' },
      });
      expect(pitr[0]?.dynamodb?.NewImage?.['reason']?.S).toContain('ledger');
    } finally {
      await pipeline.close();
    }
  });
});
