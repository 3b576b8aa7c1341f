import { paginateDescribeLogGroups, type CloudWatchLogsClient, type LogGroup } from '@aws-sdk/client-cloudwatch-logs';
import type { Collector } from '../../app/ports.ts';
import { CollectedType } from '../../domain/collected-types.ts';
import type { AnyResource } from '../../domain/resource.ts';
import { awsCall } from '../errors/map-aws-error.ts';
import { collectedResource, defined } from './_collected-item.ts';

export const logGroupsCollectorIamActions = ['logs:DescribeLogGroups'] as const;

export interface LogGroupsCollectorOptions {
  /** A client for the region being collected. */
  readonly client: CloudWatchLogsClient;
  readonly now?: () => Date;
}

export interface LogGroupsCollector extends Collector {
  /**
   * One log group by name (the CloudTrail fast path: CreateLogGroup, PutRetentionPolicy …);
   * undefined when it does not exist (deleted).
   */
  collectOne(scope: { readonly accountId: string; readonly region: string }, logGroupName: string): Promise<AnyResource | undefined>;
}

/**
 * Log groups as `AWS::Logs::LogGroup` resources. AWS Config does not record log groups, so
 * they are read with DescribeLogGroups (50 a page, every page); the configuration is the
 * API's `LogGroup` object (shared/domain/collected-types.ts). Tags are not read: they cost one
 * ListTagsForResource call per group and no rule of the catalog needs them.
 *
 * @example
 * const logGroups = createLogGroupsCollector({ client: new CloudWatchLogsClient({ region }) });
 * await logGroups.collect({ accountId, region });
 */
export function createLogGroupsCollector(options: LogGroupsCollectorOptions): LogGroupsCollector {
  const { client } = options;
  const now = options.now ?? (() => new Date());

  async function* pages(region: string, logGroupNamePrefix?: string): AsyncGenerator<LogGroup[]> {
    const iterator = paginateDescribeLogGroups({ client, pageSize: 50 }, logGroupNamePrefix ? { logGroupNamePrefix } : {});
    for (;;) {
      const page = await awsCall('logs:DescribeLogGroups', region, () => iterator.next());
      if (page.done) return;
      yield page.value.logGroups ?? [];
    }
  }

  const toResource = (group: LogGroup, scope: { accountId: string; region: string }, capturedAt: Date): AnyResource[] => {
    const name = group.logGroupName;
    if (!name) return [];
    return [
      collectedResource({
        resourceType: CollectedType.logGroup,
        resourceId: name,
        resourceName: name,
        arn: logGroupArn(group),
        accountId: scope.accountId,
        region: scope.region,
        capturedAt,
        configuration: defined({ ...group }),
      }),
    ];
  };

  return {
    name: 'log-groups',
    iamActions: logGroupsCollectorIamActions,
    // DescribeLogGroups lists every log group of the region: one missing from a collection was deleted.
    resourceTypes: [CollectedType.logGroup],
    async collect(scope) {
      const capturedAt = now();
      const out: AnyResource[] = [];
      for await (const groups of pages(scope.region)) {
        for (const group of groups) out.push(...toResource(group, scope, capturedAt));
      }
      return out;
    },
    async collectOne(scope, logGroupName) {
      const capturedAt = now();
      // A prefix also matches longer names ("/aws/lambda/a" matches "/aws/lambda/ab"): keep the exact one.
      for await (const groups of pages(scope.region, logGroupName)) {
        const group = groups.find((g) => g.logGroupName === logGroupName);
        if (group) return toResource(group, scope, capturedAt)[0];
      }
      return undefined;
    },
  };
}

/**
 * DescribeLogGroups' `arn` ends in ":*" (the form IAM policies use for a group's streams); the
 * group's own ARN is `logGroupArn` (newer responses) or `arn` without that suffix.
 */
function logGroupArn(group: LogGroup): string | undefined {
  return group.logGroupArn ?? group.arn?.replace(/:\*$/, '');
}
