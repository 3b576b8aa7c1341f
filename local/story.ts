/**
 * The scripted story local mode plays on the demo account after start-up: two changes that open
 * findings, then the fixes that resolve them, each fed to the evaluate function as the AWS Config
 * EventBridge event AWS would deliver. Every event is written to a file first and fed from it by
 * the same path as the Invoke API, and the step prints the `aws lambda invoke` command that
 * replays it, so a user can feed it (or an edited copy) again.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

export interface StoryDeps {
  /** The demo account's configuration items as the snapshot holds them. */
  readonly items: readonly Record<string, unknown>[];
  /** Where the event files go. */
  readonly directory: string;
  /** The user's working directory, to print short paths. */
  readonly cwd: string;
  readonly invokeUrl: string;
  /** Feeds an event to the evaluate function as the Invoke API does. */
  readonly invoke: (functionName: string, payload: unknown) => Promise<unknown>;
  /** Resolves once the pipeline has done everything the last event caused (alerts included). */
  readonly settled: () => Promise<void>;
  readonly print: (text: string) => void;
  readonly now?: () => Date;
  /** Aborted when local mode stops: the story ends between steps. */
  readonly signal?: AbortSignal;
}

interface Step {
  readonly title: string;
  readonly file: string;
  readonly resourceType: string;
  readonly resourceId: string;
  /** The item as changed; returns the properties changed, for the event's diff. */
  readonly change: (item: Record<string, unknown>) => void;
}

const PITR = (status: 'ENABLED' | 'DISABLED') => ({
  continuousBackupsStatus: 'ENABLED',
  pointInTimeRecoveryDescription: { pointInTimeRecoveryStatus: status },
});

/** The orders-db security group's rules with Postgres opened to the world. */
const openPostgres = (item: Record<string, unknown>): void => {
  const configuration = item['configuration'] as Record<string, unknown>;
  const rules = Array.isArray(configuration['ipPermissions']) ? configuration['ipPermissions'] : [];
  configuration['ipPermissions'] = [
    ...rules,
    { ipProtocol: 'tcp', fromPort: 5432, toPort: 5432, ipv4Ranges: [{ cidrIp: '0.0.0.0/0' }], ipv6Ranges: [], ipRanges: ['0.0.0.0/0'], prefixListIds: [], userIdGroupPairs: [] },
  ];
};

export const STORY: readonly Step[] = [
  {
    title: 'The orders table loses point-in-time recovery',
    file: '01-orders-table-pitr-disabled.json',
    resourceType: 'AWS::DynamoDB::Table',
    resourceId: 'orders',
    change: (item) => void ((item['supplementaryConfiguration'] as Record<string, unknown>)['ContinuousBackupsDescription'] = PITR('DISABLED')),
  },
  {
    title: 'The orders-db security group opens Postgres (5432) to the world',
    file: '02-orders-db-postgres-open.json',
    resourceType: 'AWS::EC2::SecurityGroup',
    resourceId: 'sg-0db0000000000d001',
    change: openPostgres,
  },
  {
    title: 'Fixed: point-in-time recovery is back on the orders table',
    file: '03-orders-table-pitr-enabled.json',
    resourceType: 'AWS::DynamoDB::Table',
    resourceId: 'orders',
    change: (item) => void ((item['supplementaryConfiguration'] as Record<string, unknown>)['ContinuousBackupsDescription'] = PITR('ENABLED')),
  },
  {
    title: 'Fixed: the orders-db security group admits Postgres from the application tier only again',
    file: '04-orders-db-postgres-closed.json',
    resourceType: 'AWS::EC2::SecurityGroup',
    resourceId: 'sg-0db0000000000d001',
    change: () => undefined,
  },
];

export async function playStory(deps: StoryDeps): Promise<void> {
  const now = deps.now ?? (() => new Date());
  mkdirSync(deps.directory, { recursive: true });
  deps.print('The story: two changes open findings, then both are fixed (skip it with --no-story).\n');
  for (const [index, step] of STORY.entries()) {
    if (deps.signal?.aborted) return;
    const original = deps.items.find((i) => i['resourceType'] === step.resourceType && i['resourceId'] === step.resourceId);
    if (!original) throw new Error(`the demo account has no ${step.resourceType} ${step.resourceId}`);
    const item = structuredClone(original);
    step.change(item);
    const at = now();
    // Config's state ids grow with time: a replay of an earlier step is then older than the last.
    item['configurationStateId'] = at.getTime();
    item['configurationItemCaptureTime'] = at.toISOString();
    const event = configChangeEvent(item, at);
    const path = join(deps.directory, step.file);
    writeFileSync(path, `${JSON.stringify(event, null, 2)}\n`);
    const shown = relative(deps.cwd, path) || path;
    deps.print(
      [
        `── ${index + 1}/${STORY.length} ${step.title}`,
        `   event: ${shown}`,
        `   fed by: aws lambda invoke --endpoint-url ${deps.invokeUrl} --function-name evaluate --payload fileb://${shown} out.json`,
        '',
      ].join('\n'),
    );
    await deps.invoke('evaluate', event);
    await deps.settled();
  }
  if (deps.signal?.aborted) return;
  deps.print('The story is over: replay any step with its command above; a replay of an older step is recognized as stale and changes nothing.\n');
}

/** An EventBridge "Config Configuration Item Change" event, as AWS Config emits it. */
export function configChangeEvent(item: Record<string, unknown>, at: Date): Record<string, unknown> {
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': 'Config Configuration Item Change',
    source: 'aws.config',
    account: item['awsAccountId'],
    time: at.toISOString().replace(/\.\d+Z$/, 'Z'),
    region: item['awsRegion'],
    resources: typeof item['ARN'] === 'string' ? [item['ARN']] : [],
    detail: {
      recordVersion: '1.3',
      messageType: 'ConfigurationItemChangeNotification',
      configurationItemDiff: { changedProperties: {}, changeType: 'UPDATE' },
      notificationCreationTime: at.toISOString(),
      configurationItem: item,
    },
  };
}
