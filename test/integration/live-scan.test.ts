import { afterEach, describe, expect, it } from 'vitest';
import { createAwsLiveAccountSources, liveScanIamActions } from '../../shared/adapters/aws-live-account.ts';
import { isConfigNotRecordingError } from '../../shared/adapters/errors/config-not-recording-error.ts';
import { isMissingPermissionError } from '../../shared/adapters/errors/missing-permission-error.ts';
import { configResourceTypes, readLiveAccount, type LiveReadEvent } from '../../shared/app/read-live-account.ts';
import { scanResources } from '../../shared/app/scan.ts';
import { CollectedType } from '../../shared/domain/collected-types.ts';
import { catalog } from '../../shared/rules/index.ts';
import { awsError, type LoopbackAws } from '../support/loopback-aws.ts';
import { ACCOUNT_ID, ALB_ARN, demoAccount, dynamoDbTable as table, REGION, startLoopbackAccount, type AccountItem } from '../support/loopback-account.ts';

const NOW = new Date('2026-11-23T00:00:00Z');

/** The real adapter, pointed at the loopback account; standard retries keep throttling tests quick. */
function sourcesFor(aws: LoopbackAws, retryMode: 'standard' | 'adaptive' = 'standard') {
  return createAwsLiveAccountSources({
    clientConfig: {
      endpoint: aws.endpoint,
      credentials: { accessKeyId: 'AKIDLOOPBACK', secretAccessKey: 'loopback-secret' },
      maxAttempts: 4,
      retryMode,
    },
  });
}

const resourceTypes = configResourceTypes(catalog);

describe('live scan against a loopback account', () => {
  let aws: LoopbackAws | undefined;
  afterEach(async () => {
    await aws?.close();
    aws = undefined;
  });

  it('reads the Config inventory and the collectors, then evaluates them like a snapshot', async () => {
    // Prepare
    aws = await startLoopbackAccount(demoAccount());
    const events: LiveReadEvent[] = [];

    // Act
    const resources = await readLiveAccount({
      regions: [REGION],
      sources: sourcesFor(aws),
      resourceTypes,
      onEvent: (e) => events.push(e),
    });
    // A live read lists whole types: a complete inventory, as `vigil scan --live` scans it.
    const report = scanResources(resources, catalog, { now: NOW, complete: true });

    // Assess: Config resources (tags completed by SelectResourceConfig) and collected ones.
    const byType = (type: string) => resources.filter((r) => r.resourceType === type).map((r) => r.resourceId).sort();
    expect(byType('AWS::DynamoDB::Table')).toEqual(['orders', 'sessions']);
    expect(resources.find((r) => r.resourceId === 'orders')?.tags).toEqual({ Environment: 'production', Owner: 'payments', CostCenter: 'cc-104' });
    expect(byType(CollectedType.logGroup)).toEqual(['/aws/lambda/legacy-report', '/aws/lambda/orders-api']);
    expect(byType(CollectedType.elastiCacheReplicationGroup)).toEqual(['checkout-sessions', 'leaderboard']);
    expect(byType(CollectedType.webAclAssociation)).toEqual([ALB_ARN]);
    expect(byType(CollectedType.credentialReport)).toEqual([ACCOUNT_ID]);
    expect(byType(CollectedType.account)).toEqual([ACCOUNT_ID]);

    const verdict = (ruleId: string, resourceId: string) =>
      report.evaluations.find((e) => e.ruleId === ruleId && e.resourceId === resourceId)?.status;
    expect(verdict('dynamodb-table-pitr-enabled', 'orders')).toBe('COMPLIANT');
    expect(verdict('dynamodb-table-pitr-enabled', 'sessions')).toBe('NON_COMPLIANT');
    expect(verdict('resource-required-tags', 'orders')).toBe('COMPLIANT');
    expect(verdict('resource-required-tags', 'sessions')).toBe('NON_COMPLIANT');
    expect(verdict('logs-log-group-retention-set', '/aws/lambda/orders-api')).toBe('COMPLIANT');
    expect(verdict('logs-log-group-retention-set', '/aws/lambda/legacy-report')).toBe('NON_COMPLIANT');
    expect(verdict('elbv2-load-balancer-waf-enabled', ALB_ARN)).toBe('COMPLIANT');
    expect(verdict('elasticache-redis-encrypted', 'checkout-sessions')).toBe('COMPLIANT');
    expect(verdict('elasticache-redis-encrypted', 'leaderboard')).toBe('NON_COMPLIANT');
    expect(verdict('elasticache-redis-auth-enabled', 'leaderboard')).toBe('NON_COMPLIANT');
    expect(verdict('guardduty-enabled', ACCOUNT_ID)).toBe('COMPLIANT');
    expect(verdict('iam-root-mfa-enabled', ACCOUNT_ID)).toBe('COMPLIANT');
    expect(verdict('backup-restore-testing-configured', ACCOUNT_ID)).toBe('NON_COMPLIANT');
    // On-failure destinations: not in Config's items, read from Lambda.
    expect(verdict('lambda-function-async-failure-destination', 'orders-api')).toBe('COMPLIANT');
    expect(verdict('lambda-function-async-failure-destination', 'legacy-report')).toBe('NON_COMPLIANT');
    expect(report.summary.byStatus.ERROR).toBe(0);

    // Progress: the recorder check first, every listed type, the items read, each collector.
    const labels = events.flatMap((e) => (e.kind === 'progress' ? [e.label] : []));
    expect(labels[0]).toBe('checking the AWS Config recorder');
    expect(labels).toContain('listing AWS::DynamoDB::Table');
    // ElastiCache comes from its collector: Config has no such type and would reject the listing.
    expect(labels).not.toContain('listing AWS::ElastiCache::ReplicationGroup');
    expect(labels).toContain('reading configuration items');
    expect(labels).toEqual(expect.arrayContaining(['collecting log-groups', 'collecting elasticache-replication-groups', 'collecting elasticache-cache-clusters', 'collecting web-acl-associations', 'collecting lambda-event-invoke-configs', 'collecting account-summary', 'collecting credential-report']));
    expect(events.filter((e) => e.kind === 'warning')).toEqual([]);
  });

  it('reads several regions: regional collectors in each, global resources and the credential report once', async () => {
    const user: AccountItem = {
      resourceType: 'AWS::IAM::User',
      resourceId: 'AIDASAMPLEUSERID0002',
      resourceName: 'alice',
      arn: `arn:aws:iam::${ACCOUNT_ID}:user/alice`,
      region: 'global',
      configuration: { userName: 'alice', userId: 'AIDASAMPLEUSERID0002', arn: `arn:aws:iam::${ACCOUNT_ID}:user/alice`, path: '/' },
    };
    aws = await startLoopbackAccount(demoAccount({ items: [user] }));

    const resources = await readLiveAccount({
      regions: [REGION, 'eu-central-1', REGION],
      sources: sourcesFor(aws),
      resourceTypes: ['AWS::IAM::User'],
    });

    expect(resources.filter((r) => r.resourceType === 'AWS::IAM::User').map((r) => r.region)).toEqual(['global']);
    expect(resources.filter((r) => r.resourceType === CollectedType.account).map((r) => r.region)).toEqual([REGION, 'eu-central-1']);
    expect(resources.filter((r) => r.resourceType === CollectedType.credentialReport)).toHaveLength(1);
    expect(aws.callsTo('DescribeConfigurationRecorderStatus')).toHaveLength(2);
    expect(aws.callsTo('GetCredentialReport')).toHaveLength(1);
    // Found global in the first region: not listed again in the second.
    expect(aws.callsTo('ListDiscoveredResources')).toHaveLength(1);
  });

  it('lists every page and reads items in batches of at most 100', async () => {
    const tables = Array.from({ length: 230 }, (_, i) => table(`load-test-${String(i).padStart(3, '0')}`, i % 2 === 0));
    aws = await startLoopbackAccount(demoAccount({ items: tables }));

    const resources = await readLiveAccount({ regions: [REGION], sources: sourcesFor(aws), resourceTypes: ['AWS::DynamoDB::Table'] });

    expect(resources.filter((r) => r.resourceType === 'AWS::DynamoDB::Table')).toHaveLength(230);
    expect(aws.callsTo('ListDiscoveredResources').map((c) => (c.input as { nextToken?: string }).nextToken)).toEqual([undefined, '100', '200']);
    expect(aws.callsTo('BatchGetResourceConfig').map((c) => (c.input as { resourceKeys: unknown[] }).resourceKeys.length)).toEqual([100, 100, 30]);
  });

  it('retries throttled Config calls with the adaptive retry mode and completes', async () => {
    let listed = 0;
    let read = 0;
    aws = await startLoopbackAccount(
      demoAccount({
        overrides: {
          ListDiscoveredResources: (input: { resourceType: string }) => {
            if (++listed === 1) awsError('ThrottlingException', 'Rate exceeded', 400);
            return input.resourceType === 'AWS::DynamoDB::Table'
              ? { resourceIdentifiers: [{ resourceType: 'AWS::DynamoDB::Table', resourceId: 'orders' }] }
              : { resourceIdentifiers: [] };
          },
          BatchGetResourceConfig: () => {
            if (++read === 1) awsError('ThrottlingException', 'Rate exceeded', 400);
            return { baseConfigurationItems: [], unprocessedResourceKeys: [] };
          },
        },
      }),
    );
    const events: LiveReadEvent[] = [];

    await readLiveAccount({ regions: [REGION], sources: sourcesFor(aws, 'adaptive'), resourceTypes: ['AWS::DynamoDB::Table'], onEvent: (e) => events.push(e) });

    expect(aws.callsTo('ListDiscoveredResources')).toHaveLength(2);
    expect(aws.callsTo('BatchGetResourceConfig')).toHaveLength(2);
    // The listed table vanished before it was read: said, not hidden.
    expect(events).toContainEqual(expect.objectContaining({ kind: 'warning', message: expect.stringMatching(/1 listed resource/) }));
  });

  it('says Config is not recording, and how to start it, when the recorder is stopped', async () => {
    aws = await startLoopbackAccount(demoAccount({ recorders: [{ name: 'default', recording: false }] }));

    const error = await readLiveAccount({ regions: [REGION], sources: sourcesFor(aws), resourceTypes }).catch((e: unknown) => e);

    expect(isConfigNotRecordingError(error)).toBe(true);
    expect((error as Error).message).toContain('AWS Config is not recording in eu-west-1: configuration recorder "default" is stopped');
    expect((error as Error).message).toContain('aws configservice start-configuration-recorder --configuration-recorder-name default --region eu-west-1');
    expect(aws.callsTo('ListDiscoveredResources')).toHaveLength(0);
  });

  it('says there is no configuration recorder at all', async () => {
    aws = await startLoopbackAccount(demoAccount({ recorders: [] }));

    await expect(readLiveAccount({ regions: [REGION], sources: sourcesFor(aws), resourceTypes })).rejects.toThrow(
      /AWS Config is not recording in eu-west-1: there is no configuration recorder\. .*put-configuration-recorder/,
    );
  });

  it('names config:BatchGetResourceConfig when that permission is missing', async () => {
    aws = await startLoopbackAccount(
      demoAccount({
        overrides: {
          BatchGetResourceConfig: () =>
            awsError(
              'AccessDeniedException',
              `User: arn:aws:iam::${ACCOUNT_ID}:user/auditor is not authorized to perform: config:BatchGetResourceConfig because no identity-based policy allows the config:BatchGetResourceConfig action`,
              400,
            ),
        },
      }),
    );

    const error = await readLiveAccount({ regions: [REGION], sources: sourcesFor(aws), resourceTypes }).catch((e: unknown) => e);

    expect(isMissingPermissionError(error)).toBe(true);
    expect(error).toMatchObject({ action: 'config:BatchGetResourceConfig', region: REGION });
    expect((error as Error).message).toMatch(/^missing permission config:BatchGetResourceConfig in eu-west-1: grant it/);
    expect((error as Error).cause).toMatchObject({ name: 'AccessDeniedException' });
  });

  it('names the collector action when a collector is denied (guardduty:ListDetectors)', async () => {
    aws = await startLoopbackAccount(
      demoAccount({ overrides: { ListDetectors: () => awsError('AccessDeniedException', 'not authorized to perform: guardduty:ListDetectors', 403) } }),
    );

    await expect(readLiveAccount({ regions: [REGION], sources: sourcesFor(aws), resourceTypes })).rejects.toThrow(
      /^missing permission guardduty:ListDetectors in eu-west-1/,
    );
  });

  it('names lambda:ListFunctionEventInvokeConfigs when reading on-failure destinations is denied', async () => {
    aws = await startLoopbackAccount(
      demoAccount({
        overrides: {
          ListFunctionEventInvokeConfigs: () =>
            awsError('AccessDeniedException', `User: arn:aws:iam::${ACCOUNT_ID}:user/auditor is not authorized to perform: lambda:ListFunctionEventInvokeConfigs`, 403),
        },
      }),
    );

    const error = await readLiveAccount({ regions: [REGION], sources: sourcesFor(aws), resourceTypes }).catch((e: unknown) => e);

    expect(isMissingPermissionError(error)).toBe(true);
    expect(error).toMatchObject({ action: 'lambda:ListFunctionEventInvokeConfigs', region: REGION });
  });

  it('declares every action it calls, all read-only', async () => {
    aws = await startLoopbackAccount(demoAccount());
    await readLiveAccount({ regions: [REGION], sources: sourcesFor(aws), resourceTypes });

    // Each operation the loopback saw maps to a declared action (service prefix by operation).
    const prefix: Record<string, string> = {
      DescribeConfigurationRecorderStatus: 'config', ListDiscoveredResources: 'config', BatchGetResourceConfig: 'config', SelectResourceConfig: 'config',
      DescribeLogGroups: 'logs', DescribeReplicationGroups: 'elasticache', DescribeCacheClusters: 'elasticache', GetWebACLForResource: 'wafv2', ListFunctionEventInvokeConfigs: 'lambda', GetAccountSummary: 'iam', GenerateCredentialReport: 'iam', GetCredentialReport: 'iam',
      ListRestoreTestingPlans: 'backup', ListDetectors: 'guardduty', GetDetector: 'guardduty',
    };
    const called = [...new Set(aws.calls.map((c) => c.operation))].filter((op) => op !== 'GetCallerIdentity');
    expect(called).toContain('ListFunctionEventInvokeConfigs');
    for (const op of called) expect(liveScanIamActions).toContain(`${prefix[op]}:${op}`);
    // Generating the credential report writes nothing to the account's resources; every other action reads.
    expect(liveScanIamActions.filter((a) => !/:(Describe|List|Get|BatchGet|Select)/.test(a))).toEqual(['iam:GenerateCredentialReport']);
  });
});
