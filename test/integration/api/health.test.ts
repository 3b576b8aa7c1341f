/**
 * GET /health over the real wire protocols: the table (dynalite), the queue's backlog (SQS
 * GetQueueAttributes) and its oldest message's age (CloudWatch GetMetricData) on loopback, and
 * the heartbeats the sweep and the notify function leave in the table.
 */
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHeartbeats, createQueueStats } from '../../../shared/adapters/dynamodb-findings-queries-health.ts';
import { startLoopbackAws, testClientConfig, type LoopbackAws } from '../../support/loopback-aws.ts';
import { openApiValidator, startHarness, type Harness } from './fixture.ts';

const QUEUE_URL = 'https://sqs.eu-west-1.amazonaws.com/111122223333/vigil-test-evaluation';
let aws: LoopbackAws;
let h: Harness;

beforeAll(async () => {
  aws = await startLoopbackAws({
    GetQueueAttributes: (input: { QueueUrl: string }) => {
      expect(input.QueueUrl).toBe(QUEUE_URL);
      return { Attributes: { ApproximateNumberOfMessages: '42', ApproximateNumberOfMessagesNotVisible: '7' } };
    },
    GetMetricData: (input: { MetricDataQueries: { MetricStat: { Metric: { Dimensions: { Value: string }[] } } }[] }) => {
      expect(input.MetricDataQueries[0]?.MetricStat.Metric.Dimensions[0]?.Value).toBe('vigil-test-evaluation');
      return { MetricDataResults: [{ Id: 'age', Label: 'ApproximateAgeOfOldestMessage', Timestamps: [1780315140, 1780315080], Values: [95, 60], StatusCode: 'Complete' }] };
    },
  });
  const config = testClientConfig(aws.endpoint);
  h = await startHarness({
    queueStats: createQueueStats({ client: new SQSClient(config), queueUrl: QUEUE_URL, cloudwatch: new CloudWatchClient(config) }),
  });
}, 60_000);

afterAll(async () => {
  await h?.stop();
  await aws?.close();
});

describe('GET /health', () => {
  it('reports the table, the backlog and its age, and the last sweep and alert', async () => {
    const doc = DynamoDBDocumentClient.from(h.client);
    await doc.send(new PutCommand({ TableName: h.tableName, Item: { pk: 'HEARTBEAT', sk: 'sweep', at: '2026-06-01T03:00:00.000Z' } }));
    await doc.send(new PutCommand({ TableName: h.tableName, Item: { pk: 'HEARTBEAT', sk: 'alert', at: '2026-06-01T11:58:00.000Z' } }));
    const withHeartbeats = await startHarness({ heartbeats: createHeartbeats({ client: h.client, tableName: h.tableName }), queueStats: createQueueStats({ client: new SQSClient(testClientConfig(aws.endpoint)), queueUrl: QUEUE_URL, cloudwatch: new CloudWatchClient(testClientConfig(aws.endpoint)) }) });
    try {
      const v = await openApiValidator(withHeartbeats.api);
      // The heartbeats live in h's table; the second harness reads them through h's client.
      const body = await v.check(await withHeartbeats.get('/health'), 'getHealth');
      expect(body).toEqual({
        status: 'ok',
        table: { reachable: true },
        queue: { visible: 42, inFlight: 7, oldestAgeSeconds: 95 },
        lastSweepAt: '2026-06-01T03:00:00.000Z',
        lastAlertAt: '2026-06-01T11:58:00.000Z',
      });
    } finally {
      await withHeartbeats.stop();
    }
  });

  it('answers 503 when the table does not answer', async () => {
    const down = await startHarness();
    const v = await openApiValidator(down.api);
    await down.stop();
    const response = await down.get('/health');
    const body = (await v.check(response, 'getHealth')) as { status: string; table: { reachable: boolean } };
    expect([response.status, body.status, body.table.reachable]).toEqual([503, 'degraded', false]);
  });
});
