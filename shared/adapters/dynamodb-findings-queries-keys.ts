/**
 * The index keys a finding item carries so that every supported `GET /findings` filter
 * combination is one DynamoDB Query (infra/findings-table.yml declares the indexes). The store's
 * write path spreads `findingQueryKeys(...)` into each finding item it writes; the query side
 * (dynamodb-findings-queries.ts) builds its key conditions from the same functions, so the two
 * cannot drift.
 *
 * Layout:
 *
 * | index                      | partition key                     | sort key    | which findings |
 * |----------------------------|-----------------------------------|-------------|----------------|
 * | findings-by-state          | gState  = {state}                 | gSort       | open, suppressed, ERROR |
 * | findings-by-rule-state     | gRule   = {ruleId}#{state}        | gSort       | all |
 * | findings-by-type-state     | gType   = {resourceType}#{state}  | gSort       | all |
 * | findings-by-account-state  | gAcct   = {accountId}#{state}     | gSort       | open, suppressed, ERROR |
 * | findings-by-region-state   | gRegion = {region}#{state}        | gSort       | open, suppressed, ERROR |
 * | findings-by-tag-1 … 3      | gTag1…3 = {key}={value}#{state}   | gSort       | open, suppressed, ERROR, with the tag |
 * | finding-changes            | kind    = finding                 | lastEvaluatedAt | all |
 *
 * gSort = {4 − severity rank}#{lastChangedAt}, read in descending order: critical
 * (4) first, and within a severity the newest first; a minimum severity is one key condition
 * (at least high: gSort >= "3"). Index sort keys need not be unique: items with equal ones are
 * ordered by the table's key, which every page position (ExclusiveStartKey) carries too. Keeping
 * the table key out of them keeps a finding item within 1 KB, one write unit in each index. Every part of gSort stays
 * put while a finding stays in a partition (its state is in the partition key; lastChangedAt moves
 * only with the status), so a cursor at a position never skips or repeats a finding that matched
 * throughout a walk. The change feed reuses two attributes every finding has (kind, lastEvaluatedAt): it costs no bytes.
 *
 * Compliant and not-applicable findings are the bulk of the table; they are indexed by rule and
 * by type only, which keeps the account-wide partitions small (a hot partition takes ~1,000
 * writes a second) and the write cost of a compliant finding at three index writes.
 */
import * as z from '../zod.ts';
import { EvaluationStatus } from '../domain/evaluation.ts';
import { severityRank, type Severity } from '../domain/severity.ts';

/** A finding's state: its status, with NON_COMPLIANT split by suppression (suppressed findings are not open). */
export const FindingState = {
  open: 'open',
  suppressed: 'suppressed',
  COMPLIANT: 'COMPLIANT',
  NOT_APPLICABLE: 'NOT_APPLICABLE',
  ERROR: 'ERROR',
} as const;
export type FindingState = (typeof FindingState)[keyof typeof FindingState];

/** States kept in the account-wide indexes (state, account, region, tags). */
export const NARROW_STATES: ReadonlySet<FindingState> = new Set([FindingState.open, FindingState.suppressed, FindingState.ERROR]);

export function findingState(status: EvaluationStatus, suppressed: boolean): FindingState {
  if (status === EvaluationStatus.NON_COMPLIANT) return suppressed ? FindingState.suppressed : FindingState.open;
  return status;
}

export const QUERY_INDEXES = {
  state: { name: 'findings-by-state', pk: 'gState', sk: 'gSort' },
  rule: { name: 'findings-by-rule-state', pk: 'gRule', sk: 'gSort' },
  type: { name: 'findings-by-type-state', pk: 'gType', sk: 'gSort' },
  account: { name: 'findings-by-account-state', pk: 'gAcct', sk: 'gSort' },
  region: { name: 'findings-by-region-state', pk: 'gRegion', sk: 'gSort' },
  tag1: { name: 'findings-by-tag-1', pk: 'gTag1', sk: 'gSort' },
  tag2: { name: 'findings-by-tag-2', pk: 'gTag2', sk: 'gSort' },
  tag3: { name: 'findings-by-tag-3', pk: 'gTag3', sk: 'gSort' },
  changes: { name: 'finding-changes', pk: 'kind', sk: 'lastEvaluatedAt' },
} as const;
export type QueryIndex = (typeof QUERY_INDEXES)[keyof typeof QUERY_INDEXES];

export const TAG_INDEXES = [QUERY_INDEXES.tag1, QUERY_INDEXES.tag2, QUERY_INDEXES.tag3] as const;
/** At most this many tag keys can be named at deploy time (one index each). */
export const MAX_TAG_KEYS = TAG_INDEXES.length;
/** The `kind` of finding items: the change feed's one partition. */
export const CHANGES_PARTITION = 'finding';

export interface FindingKeyInput {
  readonly pk: string;
  readonly ruleId: string;
  readonly status: EvaluationStatus;
  readonly suppressed: boolean;
  readonly severity: Severity;
  readonly resourceType: string;
  readonly accountId: string;
  readonly region: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly lastChangedAt: string;
  readonly lastEvaluatedAt: string;
}

/**
 * The index attributes of a finding item. `tagKeys` are the deploy-time tag keys, in slot order
 * (the same list the API is configured with).
 *
 * @example
 * const item = { ...findingItem, ...findingQueryKeys({ pk, ruleId, status, suppressed, … }, ['team']) };
 */
export function findingQueryKeys(f: FindingKeyInput, tagKeys: readonly string[] = []): Record<string, string> {
  const state = findingState(f.status, f.suppressed);
  const narrow = NARROW_STATES.has(state);
  const keys: Record<string, string> = {
    gSort: sortKey(f.severity, f.lastChangedAt),
    gRule: `${f.ruleId}#${state}`,
    gType: `${f.resourceType}#${state}`,
  };
  if (narrow) {
    keys['gState'] = state;
    keys['gAcct'] = `${f.accountId}#${state}`;
    keys['gRegion'] = `${f.region}#${state}`;
    tagKeys.slice(0, MAX_TAG_KEYS).forEach((key, slot) => {
      const value = f.tags[key];
      const index = TAG_INDEXES[slot];
      if (value !== undefined && index) keys[index.pk] = tagPartition(key, value, state);
    });
  }
  return keys;
}

export function sortKey(severity: Severity, lastChangedAt: string): string {
  return `${4 - severityRank(severity)}#${lastChangedAt}`;
}

export function tagPartition(key: string, value: string, state: FindingState): string {
  return `${key}=${value}#${state}`;
}

/** FINDING_TAG_KEYS ("team,env"): the deploy-time tag keys, at most MAX_TAG_KEYS, read at cold start by every function that writes or reads findings. */
export const findingTagKeysVar = z.pipe(
  z.pipe(
    z._default(z.string(), ''),
    z.transform((v: string) => v.split(',').map((k) => k.trim()).filter(Boolean)),
  ),
  z.array(z.string().check(z.maxLength(128))).check(z.maxLength(MAX_TAG_KEYS, `at most ${MAX_TAG_KEYS} tag keys (one index each)`)),
);
