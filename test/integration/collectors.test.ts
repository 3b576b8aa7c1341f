import { BackupClient } from '@aws-sdk/client-backup';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { GuardDutyClient } from '@aws-sdk/client-guardduty';
import { IAMClient } from '@aws-sdk/client-iam';
import { WAFV2Client } from '@aws-sdk/client-wafv2';
import { afterEach, describe, expect, it } from 'vitest';
import { createAccountSummaryCollector } from '../../shared/adapters/collectors/account-summary.ts';
import { createCredentialReportCollector } from '../../shared/adapters/collectors/credential-report.ts';
import { createLogGroupsCollector } from '../../shared/adapters/collectors/log-groups.ts';
import { createWebAclAssociationsCollector, webAclTargets } from '../../shared/adapters/collectors/web-acl-associations.ts';
import { isAwsRequestError } from '../../shared/adapters/errors/aws-request-error.ts';
import { isMissingPermissionError } from '../../shared/adapters/errors/missing-permission-error.ts';
import { normalizeConfigurationItem } from '../../shared/config-items/normalize.ts';
import type { Resource } from '../../shared/domain/resource.ts';
import { awsError, startLoopbackAws, testClientConfig, type LoopbackAws } from '../support/loopback-aws.ts';

const ACCOUNT = '111122223333';
const REGION = 'eu-west-1';
const scope = { accountId: ACCOUNT, region: REGION };
const capturedAt = new Date('2026-11-22T09:30:00Z');
const now = () => capturedAt;

function logGroup(name: string, extra: Record<string, unknown> = {}) {
  return {
    logGroupName: name,
    creationTime: 1767225600000,
    metricFilterCount: 0,
    arn: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:${name}:*`,
    logGroupArn: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:${name}`,
    storedBytes: 52_428_800,
    logGroupClass: 'STANDARD',
    ...extra,
  };
}

describe('collectors against loopback AWS', () => {
  let aws: LoopbackAws | undefined;
  afterEach(async () => {
    await aws?.close();
    aws = undefined;
  });

  describe('log groups (CloudWatch Logs DescribeLogGroups, JSON 1.1)', () => {
    it('reads every page and emits AWS::Logs::LogGroup resources in the logs model', async () => {
      // Prepare: three pages chained by nextToken.
      const pages: Record<string, { logGroups: unknown[]; nextToken?: string }> = {
        start: { logGroups: [logGroup('/aws/lambda/orders-api', { retentionInDays: 14 })], nextToken: 'p2' },
        p2: { logGroups: [logGroup('/aws/lambda/payments'), logGroup('/ecs/checkout', { retentionInDays: 365 })], nextToken: 'p3' },
        p3: { logGroups: [logGroup('/aws/apigateway/welcome', { kmsKeyId: `arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab` })] },
      };
      aws = await startLoopbackAws({ DescribeLogGroups: (input: { nextToken?: string }) => pages[input.nextToken ?? 'start'] });
      const collector = createLogGroupsCollector({ client: new CloudWatchLogsClient(testClientConfig(aws.endpoint)), now });

      // Act
      const resources = (await collector.collect(scope)) as Resource<'AWS::Logs::LogGroup'>[];

      // Assess
      expect(aws.callsTo('DescribeLogGroups').map((c) => (c.input as { nextToken?: string }).nextToken)).toEqual([undefined, 'p2', 'p3']);
      expect(resources.map((r) => r.resourceId)).toEqual(['/aws/lambda/orders-api', '/aws/lambda/payments', '/ecs/checkout', '/aws/apigateway/welcome']);
      const [orders, payments] = resources;
      expect(orders).toMatchObject({
        accountId: ACCOUNT,
        region: REGION,
        resourceType: 'AWS::Logs::LogGroup',
        arn: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/aws/lambda/orders-api`,
        status: 'OK',
        captureTime: '2026-11-22T09:30:00.000Z',
        configurationStateId: capturedAt.getTime(),
      });
      expect(orders?.model.retentionInDays).toBe(14);
      // DescribeLogGroups omits retentionInDays for "Never expire".
      expect(payments?.model.retentionInDays).toBeUndefined();
      expect(resources[3]?.model.kmsKeyId).toMatch(/^arn:aws:kms:/);
    });

    it('retries a throttled page and then succeeds', async () => {
      let calls = 0;
      aws = await startLoopbackAws({
        DescribeLogGroups: () => {
          if (++calls === 1) awsError('ThrottlingException', 'Rate exceeded', 400);
          return { logGroups: [logGroup('/aws/lambda/orders-api')] };
        },
      });
      const collector = createLogGroupsCollector({ client: new CloudWatchLogsClient(testClientConfig(aws.endpoint)), now });

      const resources = await collector.collect(scope);

      expect(resources).toHaveLength(1);
      expect(aws.callsTo('DescribeLogGroups')).toHaveLength(2);
    });

    it('names logs:DescribeLogGroups when access is denied', async () => {
      aws = await startLoopbackAws({
        DescribeLogGroups: () =>
          awsError(
            'AccessDeniedException',
            `User: arn:aws:iam::${ACCOUNT}:user/auditor is not authorized to perform: logs:DescribeLogGroups`,
            400,
          ),
      });
      const collector = createLogGroupsCollector({ client: new CloudWatchLogsClient(testClientConfig(aws.endpoint)), now });

      const error = await collector.collect(scope).catch((e: unknown) => e);

      expect(isMissingPermissionError(error)).toBe(true);
      expect((error as Error).message).toMatch(/^missing permission logs:DescribeLogGroups in eu-west-1/);
      expect((error as Error).cause).toMatchObject({ name: 'AccessDeniedException' });
    });

    it('reads one log group by exact name, not the longer names its prefix also matches', async () => {
      aws = await startLoopbackAws({
        DescribeLogGroups: (input: { logGroupNamePrefix?: string; nextToken?: string }) =>
          input.nextToken
            ? { logGroups: [logGroup('/aws/lambda/orders')] }
            : { logGroups: [logGroup('/aws/lambda/orders-api')], nextToken: 'more' },
      });
      const collector = createLogGroupsCollector({ client: new CloudWatchLogsClient(testClientConfig(aws.endpoint)), now });

      const found = await collector.collectOne(scope, '/aws/lambda/orders');
      const missing = await collector.collectOne(scope, '/aws/lambda/gone');

      expect(found?.resourceId).toBe('/aws/lambda/orders');
      expect(aws.callsTo('DescribeLogGroups')[0]?.input).toMatchObject({ logGroupNamePrefix: '/aws/lambda/orders' });
      expect(missing).toBeUndefined();
    });
  });

  describe('IAM credential report (query/XML)', () => {
    const csv = [
      'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated',
      `<root_account>,arn:aws:iam::${ACCOUNT}:root,2024-03-01T10:00:00+00:00,not_supported,2026-10-01T08:00:00+00:00,not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A`,
      `alice,arn:aws:iam::${ACCOUNT}:user/alice,2025-01-10T09:00:00+00:00,true,2026-11-20T12:00:00+00:00,2025-01-10T09:00:00+00:00,N/A,false,true,2026-01-05T10:00:00+00:00,2026-11-21T10:00:00+00:00,eu-west-1,s3,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A`,
      // IAM user names may contain commas; a CSV writer quotes them.
      `"ci,deploy",arn:aws:iam::${ACCOUNT}:user/ci/ci-deploy,2025-06-01T09:00:00+00:00,false,N/A,N/A,N/A,false,true,2025-06-01T09:00:00+00:00,2026-11-22T06:00:00+00:00,eu-west-1,ecr,true,2026-09-01T09:00:00+00:00,N/A,N/A,N/A,false,N/A,false,N/A`,
      '',
    ].join('\n');

    it('generates the report until COMPLETE, then decodes the base64 CSV into the credential report model', async () => {
      // Prepare: the first GenerateCredentialReport starts a report, the second finds it complete.
      let generated = 0;
      aws = await startLoopbackAws({
        GenerateCredentialReport: () =>
          `<State>${++generated === 1 ? 'STARTED' : 'COMPLETE'}</State><Description>No report exists. Starting a new report generation task</Description>`,
        GetCredentialReport: () =>
          `<Content>${Buffer.from(csv).toString('base64')}</Content><ReportFormat>text/csv</ReportFormat><GeneratedTime>2026-11-22T09:29:41Z</GeneratedTime>`,
      });
      const sleeps: number[] = [];
      const collector = createCredentialReportCollector({
        client: new IAMClient(testClientConfig(aws.endpoint, 'us-east-1')),
        now,
        sleep: async (ms) => void sleeps.push(ms),
      });

      // Act
      const [report, ...rest] = (await collector.collect(scope)) as Resource<'Vigil::IAM::CredentialReport'>[];

      // Assess
      expect(rest).toHaveLength(0);
      expect(aws.callsTo('GenerateCredentialReport')).toHaveLength(2);
      expect(sleeps).toEqual([2000]);
      expect(report).toMatchObject({ resourceType: 'Vigil::IAM::CredentialReport', resourceId: ACCOUNT, region: 'global' });
      expect(report?.model.generatedTime).toBe('2026-11-22T09:29:41.000Z');
      expect(report?.model.users.map((u) => u.user)).toEqual(['<root_account>', 'alice', 'ci,deploy']);
      const [root, alice, ci] = report?.model.users ?? [];
      expect(root?.mfaActive).toBe(true);
      expect(alice).toMatchObject({ passwordEnabled: true, mfaActive: false });
      expect(alice?.accessKeys[0]).toMatchObject({ active: true, lastRotated: '2026-01-05T10:00:00+00:00' });
      expect(ci?.accessKeys[1]).toMatchObject({ active: true, lastRotated: '2026-09-01T09:00:00+00:00' });
    });

    it('generates again when the report expired between the two calls', async () => {
      let reads = 0;
      aws = await startLoopbackAws({
        GenerateCredentialReport: () => '<State>COMPLETE</State>',
        GetCredentialReport: () =>
          ++reads === 1
            ? awsError('ReportExpired', 'The request was rejected because the most recent credential report has expired.', 410)
            : `<Content>${Buffer.from(csv).toString('base64')}</Content><ReportFormat>text/csv</ReportFormat><GeneratedTime>2026-11-22T09:29:41Z</GeneratedTime>`,
      });
      const collector = createCredentialReportCollector({ client: new IAMClient(testClientConfig(aws.endpoint, 'us-east-1')), now });

      const [report] = (await collector.collect(scope)) as Resource<'Vigil::IAM::CredentialReport'>[];

      expect(report?.model.users).toHaveLength(3);
      expect(aws.callsTo('GenerateCredentialReport')).toHaveLength(2);
    });

    it('gives up with a clear error when the report never completes', async () => {
      aws = await startLoopbackAws({ GenerateCredentialReport: () => '<State>INPROGRESS</State>' });
      const collector = createCredentialReportCollector({
        client: new IAMClient(testClientConfig(aws.endpoint, 'us-east-1')),
        pollIntervalMs: 5,
        timeoutMs: 30,
        sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      });

      const error = await collector.collect(scope).catch((e: unknown) => e);

      expect(isAwsRequestError(error)).toBe(true);
      expect((error as Error).message).toMatch(/iam:GenerateCredentialReport failed: the credential report was still INPROGRESS/);
    });

    it('names iam:GenerateCredentialReport when access is denied', async () => {
      aws = await startLoopbackAws({
        GenerateCredentialReport: () =>
          awsError('AccessDenied', `User: arn:aws:iam::${ACCOUNT}:user/auditor is not authorized to perform: iam:GenerateCredentialReport`, 403),
      });
      const collector = createCredentialReportCollector({ client: new IAMClient(testClientConfig(aws.endpoint, 'us-east-1')) });

      await expect(collector.collect(scope)).rejects.toThrow(/^missing permission iam:GenerateCredentialReport:/);
    });
  });

  describe('WAFv2 web ACL associations (JSON 1.1)', () => {
    const alb = `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:loadbalancer/app/checkout-public/50dc6c495c0c9188`;
    const internalAlb = `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:loadbalancer/app/orders-internal/7d1a2c3b4e5f6a7b`;
    const nlb = `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:loadbalancer/net/ingest-nlb/1f2e3d4c5b6a7980`;
    const stage = `arn:aws:apigateway:${REGION}::/restapis/a1b2c3d4e5/stages/prod`;
    const deletedStage = `arn:aws:apigateway:${REGION}::/restapis/a1b2c3d4e5/stages/old`;
    const webAcl = `arn:aws:wafv2:${REGION}:${ACCOUNT}:regional/webacl/edge-protection/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111`;

    function ci(resourceType: string, arn: string, status = 'OK') {
      return normalizeConfigurationItem({
        resourceType,
        resourceId: arn,
        resourceName: arn.split('/').at(-2),
        ARN: arn,
        awsAccountId: ACCOUNT,
        awsRegion: REGION,
        configurationItemStatus: status,
        // Just enough configuration for an OK item to be well-formed; the collector reads the ARN.
        configuration: status === 'OK' ? { arn, scheme: 'internet-facing', createdDate: '2026-01-01T00:00:00Z' } : null,
        supplementaryConfiguration: { BucketVersioningConfiguration: { status: 'Off' } },
      });
    }

    it('picks ALBs and REST API stages from the Config inventory, not NLBs or deleted resources', () => {
      const inventory = [
        ci('AWS::ElasticLoadBalancingV2::LoadBalancer', alb),
        ci('AWS::ElasticLoadBalancingV2::LoadBalancer', nlb),
        ci('AWS::ApiGateway::Stage', stage),
        ci('AWS::ApiGateway::Stage', deletedStage, 'ResourceDeleted'),
        ci('AWS::S3::Bucket', 'arn:aws:s3:::orders-archive'),
      ];

      expect(webAclTargets(inventory, scope)).toEqual([alb, stage]);
      expect(webAclTargets(inventory, { accountId: ACCOUNT, region: 'us-east-1' })).toEqual([]);
    });

    it('records the web ACL of each resource, null where none, and skips resources deleted meanwhile', async () => {
      // Prepare: one throttled call on the way, retried by the SDK.
      let throttled = false;
      aws = await startLoopbackAws({
        GetWebACLForResource: (input: { ResourceArn: string }) => {
          if (input.ResourceArn === alb) {
            if (!throttled) {
              throttled = true;
              awsError('ThrottlingException', 'Rate exceeded', 400);
            }
            return { WebACL: { Name: 'edge-protection', Id: 'a1b2c3d4-5678-90ab-cdef-EXAMPLE11111', ARN: webAcl } };
          }
          if (input.ResourceArn === deletedStage) awsError('WAFNonexistentItemException', "AWS WAF couldn't perform the operation because your resource doesn't exist.", 400);
          return {};
        },
      });
      const collector = createWebAclAssociationsCollector({
        client: new WAFV2Client(testClientConfig(aws.endpoint)),
        resourceArns: () => [alb, internalAlb, stage, deletedStage, alb],
        now,
      });

      // Act
      const resources = (await collector.collect(scope)) as Resource<'Vigil::WAFv2::WebACLAssociation'>[];

      // Assess
      expect(resources.map((r) => [r.resourceId, r.model.webAclArn ?? null])).toEqual([
        [alb, webAcl],
        [internalAlb, null],
        [stage, null],
      ]);
      expect(resources[0]).toMatchObject({ resourceType: 'Vigil::WAFv2::WebACLAssociation', region: REGION, accountId: ACCOUNT });
      // Duplicates are asked once; the throttled call was retried.
      expect(aws.callsTo('GetWebACLForResource').filter((c) => (c.input as { ResourceArn: string }).ResourceArn === alb)).toHaveLength(2);
    });

    it('names wafv2:GetWebACLForResource when access is denied', async () => {
      aws = await startLoopbackAws({ GetWebACLForResource: () => awsError('AccessDeniedException', 'not authorized', 400) });
      const collector = createWebAclAssociationsCollector({ client: new WAFV2Client(testClientConfig(aws.endpoint)), resourceArns: () => [alb] });

      await expect(collector.collect(scope)).rejects.toThrow(/^missing permission wafv2:GetWebACLForResource in eu-west-1/);
    });
  });

  describe('account summary (IAM query, Backup and GuardDuty REST-JSON)', () => {
    const summary = (mfa: 0 | 1) =>
      `<SummaryMap><entry><key>Users</key><value>12</value></entry><entry><key>AccountMFAEnabled</key><value>${mfa}</value></entry></SummaryMap>`;

    it('reads root MFA, every page of restore testing plans and each detector status into the account model', async () => {
      // Prepare
      aws = await startLoopbackAws({
        GetAccountSummary: () => summary(1),
        ListRestoreTestingPlans: (input: { NextToken?: string }) =>
          input.NextToken === 'page-2'
            ? { RestoreTestingPlans: [{ RestoreTestingPlanName: 'weekly_rds', RestoreTestingPlanArn: 'arn:x:2', CreationTime: 1767225600, ScheduleExpression: 'cron(0 3 ? * SUN *)' }] }
            : { RestoreTestingPlans: [{ RestoreTestingPlanName: 'daily_dynamodb', RestoreTestingPlanArn: 'arn:x:1', CreationTime: 1767225600, ScheduleExpression: 'cron(0 1 * * ? *)' }], NextToken: 'page-2' },
        ListDetectors: () => ({ detectorIds: ['12abc34d567e8fa901bc2d34e56789f0', '9f8e7d6c5b4a39281706f5e4d3c2b1a0'] }),
        GetDetector: (input: { DetectorId: string }) => ({
          status: input.DetectorId.startsWith('12') ? 'ENABLED' : 'DISABLED',
          serviceRole: `arn:aws:iam::${ACCOUNT}:role/aws-service-role/guardduty.amazonaws.com/AWSServiceRoleForAmazonGuardDuty`,
        }),
      });
      const config = testClientConfig(aws.endpoint);
      const collector = createAccountSummaryCollector({
        iam: new IAMClient(config),
        backup: new BackupClient(config),
        guardDuty: new GuardDutyClient(config),
        now,
      });

      // Act
      const [account] = (await collector.collect(scope)) as Resource<'AWS::::Account'>[];

      // Assess
      expect(account).toMatchObject({ resourceType: 'AWS::::Account', resourceId: ACCOUNT, region: REGION });
      expect(account?.model).toEqual({
        rootMfaEnabled: true,
        restoreTestingPlans: ['daily_dynamodb', 'weekly_rds'],
        guardDutyDetectors: [
          { id: '12abc34d567e8fa901bc2d34e56789f0', status: 'ENABLED' },
          { id: '9f8e7d6c5b4a39281706f5e4d3c2b1a0', status: 'DISABLED' },
        ],
      });
      expect(aws.callsTo('ListRestoreTestingPlans').map((c) => c.protocol)).toEqual(['rest', 'rest']);
    });

    it('reports an account with nothing set up as such: no MFA, no plans, no detectors', async () => {
      aws = await startLoopbackAws({
        GetAccountSummary: () => summary(0),
        ListRestoreTestingPlans: () => ({ RestoreTestingPlans: [] }),
        ListDetectors: () => ({ detectorIds: [] }),
      });
      const config = testClientConfig(aws.endpoint);
      const collector = createAccountSummaryCollector({ iam: new IAMClient(config), backup: new BackupClient(config), guardDuty: new GuardDutyClient(config) });

      const [account] = (await collector.collect(scope)) as Resource<'AWS::::Account'>[];

      expect(account?.model).toEqual({ rootMfaEnabled: false, restoreTestingPlans: [], guardDutyDetectors: [] });
    });

    it('names guardduty:GetDetector when access is denied (REST-JSON error)', async () => {
      aws = await startLoopbackAws({
        GetAccountSummary: () => summary(1),
        ListRestoreTestingPlans: () => ({ RestoreTestingPlans: [] }),
        ListDetectors: () => ({ detectorIds: ['12abc34d567e8fa901bc2d34e56789f0'] }),
        GetDetector: () => awsError('AccessDeniedException', 'not authorized to perform: guardduty:GetDetector', 403),
      });
      const config = testClientConfig(aws.endpoint);
      const collector = createAccountSummaryCollector({ iam: new IAMClient(config), backup: new BackupClient(config), guardDuty: new GuardDutyClient(config) });

      await expect(collector.collect(scope)).rejects.toThrow(/^missing permission guardduty:GetDetector in eu-west-1/);
    });
  });
});
