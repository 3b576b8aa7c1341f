import { ConfigServiceClient, ListDiscoveredResourcesCommand } from '@aws-sdk/client-config-service';
import { GetAccountSummaryCommand, IAMClient } from '@aws-sdk/client-iam';
import { afterEach, describe, expect, it } from 'vitest';
import { awsError, startLoopbackAws, testClientConfig, type LoopbackAws } from '../support/loopback-aws.ts';

describe('loopback AWS server', () => {
  let aws: LoopbackAws | undefined;
  afterEach(async () => aws?.close());

  it('answers the real Config client over JSON 1.1 and is retried on throttling', async () => {
    let n = 0;
    aws = await startLoopbackAws({
      ListDiscoveredResources: (input: { resourceType: string }) => {
        if (n++ === 0) awsError('ThrottlingException', 'Rate exceeded');
        return { resourceIdentifiers: [{ resourceType: input.resourceType, resourceId: 'orders' }] };
      },
    });
    const client = new ConfigServiceClient(testClientConfig(aws.endpoint));
    const out = await client.send(new ListDiscoveredResourcesCommand({ resourceType: 'AWS::DynamoDB::Table' }));
    expect(out.resourceIdentifiers?.[0]?.resourceId).toBe('orders');
    expect(aws.callsTo('ListDiscoveredResources')).toHaveLength(2);
  });

  it('answers the real IAM client over the query protocol, errors included', async () => {
    aws = await startLoopbackAws({
      GetAccountSummary: () =>
        '<SummaryMap><entry><key>AccountMFAEnabled</key><value>1</value></entry></SummaryMap>',
    });
    const iam = new IAMClient(testClientConfig(aws.endpoint, 'us-east-1'));
    const out = await iam.send(new GetAccountSummaryCommand({}));
    expect(out.SummaryMap?.['AccountMFAEnabled']).toBe(1);
    await aws.close();
    aws = await startLoopbackAws({ GetAccountSummary: () => awsError('AccessDenied', 'not authorized to perform: iam:GetAccountSummary', 403) });
    const denied = new IAMClient(testClientConfig(aws.endpoint, 'us-east-1'));
    await expect(denied.send(new GetAccountSummaryCommand({}))).rejects.toMatchObject({ name: 'AccessDenied' });
  });
});
