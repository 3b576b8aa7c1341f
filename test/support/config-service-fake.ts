/**
 * An AWS Config inventory served over the real JSON 1.1 wire protocol (through loopback-aws.ts):
 * ListDiscoveredResources, BatchGetResourceConfig, GetResourceConfigHistory (seven days a call,
 * as AWS pages it) and SelectResourceConfig (`resourceId IN (…)` queries) answer from an
 * in-memory history of configuration items, in the API form the SDK receives (`configuration`
 * as a JSON string, timestamps as epoch seconds, BaseConfigurationItem without tags or
 * relationships).
 */
import { awsError, type AwsHandler } from './loopback-aws.ts';

export interface FakeItem {
  readonly resourceType: string;
  readonly resourceId: string;
  readonly resourceName?: string;
  readonly accountId?: string;
  readonly region?: string;
  readonly arn?: string;
  readonly configurationStateId: number;
  /** ISO time; defaults to the state id read as epoch millis, as Config's ids are. */
  readonly captureTime?: string;
  readonly status?: 'OK' | 'ResourceDiscovered' | 'ResourceDeleted' | 'ResourceNotRecorded' | 'ResourceDeletedNotRecorded';
  readonly configuration?: Readonly<Record<string, unknown>> | null;
  readonly supplementaryConfiguration?: Readonly<Record<string, unknown>>;
  readonly tags?: Readonly<Record<string, string>>;
  readonly relationships?: readonly { resourceType: string; resourceId?: string; resourceName?: string; relationshipName: string }[];
}

export interface FakeConfigService {
  readonly handlers: Readonly<Record<string, AwsHandler>>;
  /** Appends a configuration item to the resource's history (the newest is current). */
  record(item: FakeItem): void;
  /** Keys BatchGetResourceConfig leaves unprocessed the next time it is asked for them (once each). */
  unprocessOnce(resourceIds: readonly string[]): void;
}

const DEFAULT_ACCOUNT = '111122223333';
const DEFAULT_REGION = 'eu-west-1';
const WEEK_MS = 7 * 86_400_000;

export function createFakeConfigService(initial: readonly FakeItem[] = []): FakeConfigService {
  const histories = new Map<string, FakeItem[]>();
  const unprocessed = new Set<string>();
  const id = (type: string, resourceId: string): string => `${type}|${resourceId}`;
  const record = (item: FakeItem): void => {
    const key = id(item.resourceType, item.resourceId);
    const history = histories.get(key) ?? [];
    history.push(item);
    history.sort((a, b) => a.configurationStateId - b.configurationStateId);
    histories.set(key, history);
  };
  initial.forEach(record);
  const captureMillis = (item: FakeItem): number => (item.captureTime ? Date.parse(item.captureTime) : item.configurationStateId);
  const current = (type: string, resourceId: string): FakeItem | undefined => histories.get(id(type, resourceId))?.at(-1);
  const live = (item: FakeItem | undefined): item is FakeItem =>
    item !== undefined && (item.status ?? 'OK') !== 'ResourceDeleted' && item.status !== 'ResourceDeletedNotRecorded';

  const base = (item: FakeItem): Record<string, unknown> => ({
    version: '1.3',
    accountId: item.accountId ?? DEFAULT_ACCOUNT,
    configurationItemCaptureTime: captureMillis(item) / 1000,
    configurationItemStatus: item.status ?? 'OK',
    configurationStateId: String(item.configurationStateId),
    arn: item.arn,
    resourceType: item.resourceType,
    resourceId: item.resourceId,
    resourceName: item.resourceName,
    awsRegion: item.region ?? DEFAULT_REGION,
    configuration: item.configuration === null ? null : JSON.stringify(item.configuration ?? {}),
    supplementaryConfiguration: Object.fromEntries(
      Object.entries(item.supplementaryConfiguration ?? {}).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
    ),
  });

  const handlers: Record<string, AwsHandler> = {
    ListDiscoveredResources(input: { resourceType: string; limit?: number; nextToken?: string }) {
      const all = [...histories.values()]
        .map((h) => h.at(-1))
        .filter(live)
        .filter((item) => item.resourceType === input.resourceType)
        .sort((a, b) => a.resourceId.localeCompare(b.resourceId));
      const start = input.nextToken ? Number(input.nextToken) : 0;
      const limit = Math.min(input.limit || 100, 100);
      const page = all.slice(start, start + limit);
      return {
        resourceIdentifiers: page.map((r) => ({ resourceType: r.resourceType, resourceId: r.resourceId, resourceName: r.resourceName })),
        ...(start + limit < all.length ? { nextToken: String(start + limit) } : {}),
      };
    },
    BatchGetResourceConfig(input: { resourceKeys: { resourceType: string; resourceId: string }[] }) {
      if (input.resourceKeys.length > 100) awsError('ValidationException', 'resourceKeys: at most 100');
      const items: Record<string, unknown>[] = [];
      const left: { resourceType: string; resourceId: string }[] = [];
      for (const key of input.resourceKeys) {
        if (unprocessed.delete(key.resourceId)) {
          left.push(key);
          continue;
        }
        const item = current(key.resourceType, key.resourceId);
        if (live(item)) items.push(base(item));
      }
      return { baseConfigurationItems: items, unprocessedResourceKeys: left };
    },
    GetResourceConfigHistory(input: { resourceType: string; resourceId: string; laterTime?: number; limit?: number; nextToken?: string }) {
      const history = histories.get(id(input.resourceType, input.resourceId));
      if (!history) awsError('ResourceNotDiscoveredException', `Resource ${input.resourceId} of resourceType:${input.resourceType} is unknown or has not been discovered`);
      // As AWS: a call spans at most seven days back from its later time, then pages on with a token.
      const later = input.nextToken ? Number(input.nextToken) : input.laterTime === undefined ? Date.now() : input.laterTime * 1000;
      const earlier = later - WEEK_MS;
      const items = history
        .filter((item) => captureMillis(item) <= later && captureMillis(item) > earlier)
        .reverse()
        .slice(0, input.limit || 10)
        .map((item) => ({
          ...base(item),
          tags: item.tags ?? {},
          relatedEvents: [],
          relationships: item.relationships ?? [],
        }));
      const older = history.some((item) => captureMillis(item) <= earlier);
      return { configurationItems: items, ...(items.length === 0 && older ? { nextToken: String(earlier) } : {}) };
    },
    SelectResourceConfig(input: { Expression: string; Limit?: number; NextToken?: string }) {
      const type = /resourceType = '([^']+)'/.exec(input.Expression)?.[1];
      const ids = /resourceId IN \(([^)]*)\)/.exec(input.Expression)?.[1]?.split(',').map((q) => q.trim().slice(1, -1));
      if (!type || !ids) awsError('InvalidExpressionException', `fake Config understands only resourceType = '…' AND resourceId IN (…): ${input.Expression}`);
      if (input.Expression.length > 4096) awsError('ValidationException', 'Expression: at most 4096 characters');
      const rows = ids
        .map((resourceId) => current(type, resourceId))
        .filter(live)
        .map((item) =>
          JSON.stringify({
            resourceId: item.resourceId,
            tags: Object.entries(item.tags ?? {}).map(([key, value]) => ({ key, value, tag: `${key}=${value}` })),
            relationships: (item.relationships ?? []).map((r) => ({ resourceType: r.resourceType, resourceId: r.resourceId, resourceName: r.resourceName, name: r.relationshipName })),
          }),
        );
      const start = input.NextToken ? Number(input.NextToken) : 0;
      const limit = Math.min(input.Limit || 100, 100);
      return {
        Results: rows.slice(start, start + limit),
        QueryInfo: { SelectFields: [{ Name: 'resourceId' }, { Name: 'tags' }, { Name: 'relationships' }] },
        ...(start + limit < rows.length ? { NextToken: String(start + limit) } : {}),
      };
    },
  };

  return {
    handlers,
    record,
    unprocessOnce: (ids) => ids.forEach((i) => unprocessed.add(i)),
  };
}
