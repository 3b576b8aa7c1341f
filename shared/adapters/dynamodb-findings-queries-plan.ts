/**
 * Which one DynamoDB Query answers a `GET /findings` filter combination (or why none does).
 * Pure: filters in, the Query's key condition out. Indexes: dynamodb-findings-queries-keys.ts.
 */
import type { QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { FindingFilters } from '../app/api/ports.ts';
import { EvaluationStatus } from '../domain/evaluation.ts';
import { severityRank } from '../domain/severity.ts';
import { supportedCombinations } from '../app/api/combinations.ts';
import {
  CHANGES_PARTITION,
  findingState,
  NARROW_STATES,
  QUERY_INDEXES,
  TAG_INDEXES,
  tagPartition,
  type QueryIndex,
} from './dynamodb-findings-queries-keys.ts';

export type FindingsQueryPlan =
  | {
      readonly kind: 'query';
      readonly input: Pick<QueryCommandInput, 'IndexName' | 'KeyConditionExpression' | 'ExpressionAttributeNames' | 'ExpressionAttributeValues'>;
      /** The index's key attributes (besides the table's pk and sk), which a position needs. */
      readonly keyAttributes: Readonly<Record<string, string>>;
      readonly extra?: Readonly<Record<string, string>> | undefined;
    }
  | { readonly kind: 'unsupported'; readonly supported: readonly string[]; readonly detail: string };

/**
 * @example
 * planFindingsQuery({ severity: 'high', ruleId: 's3-bucket-versioning-enabled' }, [], { now })
 * // { kind: 'query', input: { IndexName: 'findings-by-rule-state', KeyConditionExpression: '#p = :p AND #s >= :s', … } }
 */
export function planFindingsQuery(
  filters: FindingFilters,
  tagKeys: readonly string[],
  context: { readonly now: () => Date; readonly extra?: Readonly<Record<string, string>> | undefined },
): FindingsQueryPlan {
  const unsupported = (detail: string): FindingsQueryPlan => ({ kind: 'unsupported', supported: supportedCombinations(tagKeys), detail });
  const dimensions = (['ruleId', 'resourceType', 'accountId', 'region', 'tag'] as const).filter((d) => filters[d] !== undefined);

  if (filters.since !== undefined) {
    const others = [...dimensions, ...(['status', 'suppressed', 'severity'] as const).filter((d) => filters[d] !== undefined)];
    if (others.length) return unsupported(`since is the change feed of every finding and takes no other filter (given: ${others.join(', ')}).`);
    const index = QUERY_INDEXES.changes;
    // The walk's upper bound is fixed by its first page, so a finding written during the walk
    // (which moves to the top of the feed) is neither returned twice nor half-seen: the next
    // sync, from this walk's start, returns it.
    // `since` and `until` are ISO times to the millisecond, as gChgSort is: "after since" is from since + 1 ms.
    const until = context.extra?.['until'] ?? context.now().toISOString();
    return {
      kind: 'query',
      input: {
        IndexName: index.name,
        KeyConditionExpression: '#p = :p AND #s BETWEEN :from AND :until',
        ExpressionAttributeNames: { '#p': index.pk, '#s': index.sk },
        ExpressionAttributeValues: { ':p': CHANGES_PARTITION, ':from': new Date(Date.parse(filters.since) + 1).toISOString(), ':until': until },
      },
      keyAttributes: { pk: index.pk, sk: index.sk },
      extra: { until },
    };
  }

  if (filters.suppressed !== undefined && (filters.status ?? EvaluationStatus.NON_COMPLIANT) !== EvaluationStatus.NON_COMPLIANT) {
    return unsupported('suppressed applies to status NON_COMPLIANT only.');
  }
  if (dimensions.length > 1) return unsupported(`At most one of ruleId, resourceType, accountId, region and tag per request (given: ${dimensions.join(', ')}).`);
  const state = findingState(filters.status ?? EvaluationStatus.NON_COMPLIANT, filters.suppressed ?? false);

  let index: QueryIndex = QUERY_INDEXES.state;
  let partition: string = state;
  const dimension = dimensions[0];
  switch (dimension) {
    case 'ruleId':
      index = QUERY_INDEXES.rule;
      partition = `${filters.ruleId}#${state}`;
      break;
    case 'resourceType':
      index = QUERY_INDEXES.type;
      partition = `${filters.resourceType}#${state}`;
      break;
    case 'accountId':
      index = QUERY_INDEXES.account;
      partition = `${filters.accountId}#${state}`;
      break;
    case 'region':
      index = QUERY_INDEXES.region;
      partition = `${filters.region}#${state}`;
      break;
    case 'tag': {
      const tag = filters.tag;
      const slot = tag ? tagKeys.indexOf(tag.key) : -1;
      const tagIndex = TAG_INDEXES[slot];
      if (!tag || !tagIndex) return unsupported(`Findings carry only the tag keys named at deploy time (${tagKeys.join(', ') || 'none on this stage'}).`);
      index = tagIndex;
      partition = tagPartition(tag.key, tag.value, state);
      break;
    }
  }
  const needsNarrow = dimension !== 'ruleId' && dimension !== 'resourceType';
  if (needsNarrow && !NARROW_STATES.has(state)) {
    return unsupported(`Findings with status ${filters.status ?? ''} are listed by ruleId or resourceType only${dimension ? ` (given: ${dimension})` : ''}.`);
  }

  const rank = filters.severity === undefined ? undefined : severityRank(filters.severity);
  // gSort starts with 4 − the severity rank (critical = 4): "at least high" is gSort >= "3".
  const bySeverity = rank !== undefined && rank < 4;
  return {
    kind: 'query',
    input: {
      IndexName: index.name,
      KeyConditionExpression: bySeverity ? '#p = :p AND #s >= :s' : '#p = :p',
      ExpressionAttributeNames: bySeverity ? { '#p': index.pk, '#s': index.sk } : { '#p': index.pk },
      ExpressionAttributeValues: bySeverity ? { ':p': partition, ':s': String(4 - rank) } : { ':p': partition },
    },
    keyAttributes: { pk: index.pk, sk: index.sk },
  };
}
