/**
 * What recording one evaluation takes: pure, from the resource's items as read (one strongly
 * consistent query) to the writes and their conditions. The store (dynamodb-findings-store.ts)
 * sends them in the order planned; docs/architecture.md explains why that order is safe.
 */
import type { PutCommandInput } from '@aws-sdk/lib-dynamodb';
import type { RecordEvaluationInput, RecordOutcome } from '../app/ports.ts';
import { CollectedType } from '../domain/collected-types.ts';
import type { FindingInput, Transition } from '../domain/finding.ts';
import { isGone, type AnyResource } from '../domain/resource.ts';
import {
  contentHash,
  decodeResource,
  findingItem,
  historyItem,
  resourceItem,
  stateIdOf,
  type FindingItem,
  type ResourceItem,
} from './dynamodb-findings-items.ts';

/** Collected types have no Config version: their state id is the read time. */
const COLLECTED_TYPES: ReadonlySet<string> = new Set(Object.values(CollectedType));

export interface CurrentItems {
  readonly meta: ResourceItem | undefined;
  readonly findings: ReadonlyMap<string, FindingItem>;
}

export type Plan =
  | Extract<RecordOutcome, { kind: 'stale' | 'unchanged' | 'conflict' }>
  | {
      readonly kind: 'write';
      /** Phase 1: history items of the transitions (unconditional: their keys are their content). */
      readonly history: readonly PutCommandInput[];
      /** Phase 2: changed findings, each pinned to the version read and the state id ordering. */
      readonly findings: readonly PutCommandInput[];
      /** Phase 3: the resource item, when its configuration is new (pinned to the version read). */
      readonly resource: PutCommandInput | undefined;
      /** Phase 3 otherwise: the resource item's version as read, checked again after the writes. */
      readonly checkVersion: number | undefined;
      readonly transitions: readonly Transition[];
    };

export interface PlanSettings {
  readonly tableName: string;
  readonly historySeconds: number;
  readonly deletedSeconds: number;
  /** Deploy-time tag keys copied into the findings API's tag indexes (FINDING_TAG_KEYS). */
  readonly tagKeys?: readonly string[];
}

/**
 * Plans recording `input` over `current`.
 *
 * - A resource item newer than the input: stale, with that stored configuration, so the caller
 *   evaluates it and completes whatever an interrupted or overtaken writer left behind (usually
 *   nothing: then nothing is written).
 * - A finding stamped with a newer state id than the resource item and the input: a newer
 *   configuration is being written right now (or its writer died and will be retried): conflict,
 *   so the caller re-reads a moment later instead of fighting it.
 * - Otherwise: the changed findings and their history, then the resource item.
 */
export function planRecord(pk: string, current: CurrentItems, input: RecordEvaluationInput, settings: PlanSettings): Plan {
  const { resource } = input;
  const { meta } = current;
  const stateId = stateIdOf(resource);
  const metaStateId = meta?.configurationStateId ?? Number.NEGATIVE_INFINITY;
  let newestFinding = Number.NEGATIVE_INFINITY;
  for (const f of current.findings.values()) newestFinding = Math.max(newestFinding, f.configurationStateId);
  if (newestFinding > Math.max(metaStateId, stateId)) return { kind: 'conflict' };
  if (meta && metaStateId > stateId) return { kind: 'stale', storedStateId: metaStateId, latest: decodeResource(pk, meta) };

  const at = input.evaluatedAt.toISOString();
  const epoch = Math.floor(input.evaluatedAt.getTime() / 1000);
  const ttl = isGone(resource.status) ? epoch + settings.deletedSeconds : undefined;

  const desired = new Map<string, FindingInput>(input.findings.map((f) => [f.ruleId, f]));
  for (const [ruleId, stored] of current.findings) {
    if (!desired.has(ruleId)) desired.set(ruleId, retiredRule(stored, resource));
  }

  const history: PutCommandInput[] = [];
  const findings: PutCommandInput[] = [];
  const transitions: Transition[] = [];
  for (const finding of desired.values()) {
    const prev = current.findings.get(finding.ruleId);
    // A rule that does not apply to a resource it never judged leaves nothing to record.
    if (!prev && finding.status === 'NOT_APPLICABLE') continue;
    if (prev && sameState(prev, finding) && (prev.ttl === undefined) === (ttl === undefined)) continue;
    const version = (prev?.version ?? 0) + 1;
    const statusChanged = prev?.status !== finding.status;
    let historyId = prev?.historyId;
    // Every suppression change is history (issue 8): applied, lifted, or replaced / extended.
    const suppressionChanged = prev?.suppression?.id !== finding.suppression?.id || prev?.suppression?.expiresAt !== finding.suppression?.expiresAt;
    if (statusChanged || suppressionChanged) {
      const transition: Transition = {
        accountId: resource.accountId,
        region: resource.region,
        resourceType: resource.resourceType,
        resourceId: resource.resourceId,
        ruleId: finding.ruleId,
        from: prev?.status,
        to: finding.status,
        severity: finding.severity,
        reason: finding.reason,
        suppressed: finding.suppression !== undefined,
        at,
      };
      transitions.push(transition);
      const hist = historyItem(pk, transition, {
        version,
        stateId,
        previousId: prev?.historyId,
        suppression: finding.suppression,
        ttl: epoch + settings.historySeconds,
      });
      historyId = hist.id;
      history.push({ TableName: settings.tableName, Item: hist.item });
    }
    const item = findingItem(pk, resource, finding, {
      version,
      at,
      stateId,
      ttl,
      historyId,
      firstSeenAt: prev?.firstSeenAt ?? at,
      lastChangedAt: statusChanged ? at : (prev?.lastChangedAt ?? at),
      tagKeys: settings.tagKeys ?? [],
    });
    findings.push({
      TableName: settings.tableName,
      Item: item,
      // The version pins the item as read; the state id states the ordering rule itself (an
      // older configuration never overwrites a verdict on a newer one).
      ...(prev
        ? {
            ConditionExpression: '#version = :version AND configurationStateId <= :stateId',
            ExpressionAttributeNames: { '#version': 'version' },
            ExpressionAttributeValues: { ':version': prev.version, ':stateId': stateId },
          }
        : { ConditionExpression: 'attribute_not_exists(pk)' }),
    });
  }

  // Config's state id is a version: a higher one is a new configuration, always recorded (which
  // keeps the stale guard exact). A collected type's id is only its read time, so a re-read is
  // recorded only when its content differs, or when its findings change (a time-based rule):
  // the resource item always carries the newest state id its findings were computed from, which
  // is what tells a complete write from one in flight. A daily sweep of unchanged log groups
  // writes nothing.
  const hash = contentHash(resource);
  const resourceChanged =
    !meta ||
    (stateId > metaStateId && (!COLLECTED_TYPES.has(resource.resourceType) || hash !== meta.contentHash || findings.length > 0));
  if (!resourceChanged && findings.length === 0) return { kind: 'unchanged' };

  const resourcePut: PutCommandInput | undefined = resourceChanged
    ? {
        TableName: settings.tableName,
        Item: resourceItem(pk, resource, { stateId, hash, at, ttl, version: (meta?.version ?? 0) + 1 }),
        ...(meta
          ? {
              ConditionExpression: '#version = :version AND configurationStateId < :stateId',
              ExpressionAttributeNames: { '#version': 'version' },
              ExpressionAttributeValues: { ':version': meta.version, ':stateId': stateId },
            }
          : { ConditionExpression: 'attribute_not_exists(pk)' }),
      }
    : undefined;
  return { kind: 'write', history, findings, resource: resourcePut, checkVersion: resourcePut ? undefined : meta?.version, transitions };
}

/** A stored finding of a rule the catalog no longer applies to this resource: resolved, not left open forever. */
function retiredRule(stored: FindingItem, resource: AnyResource): FindingInput {
  return {
    ruleId: stored.ruleId,
    resourceType: resource.resourceType,
    resourceId: resource.resourceId,
    resourceName: resource.resourceName,
    accountId: resource.accountId,
    region: resource.region,
    status: 'NOT_APPLICABLE',
    severity: stored.severity,
    reason: `Rule ${stored.ruleId} no longer evaluates ${resource.resourceType} ${resource.resourceId}.`.slice(0, 256),
    equivalents: {},
  };
}

function sameState(stored: FindingItem, next: FindingInput): boolean {
  return (
    stored.status === next.status &&
    stored.severity === next.severity &&
    stored.reason === next.reason &&
    stored.suppression?.id === next.suppression?.id &&
    stored.suppression?.expiresAt === next.suppression?.expiresAt
  );
}
