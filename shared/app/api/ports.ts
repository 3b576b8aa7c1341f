/**
 * The ports the findings API's use-cases read through (adapters: shared/adapters/dynamodb-findings-queries*.ts).
 */
import type { EvaluationStatus } from '../../domain/evaluation.ts';
import type { Finding } from '../../domain/finding.ts';
import type { AnyResource, ResourceKey } from '../../domain/resource.ts';
import type { Severity } from '../../domain/severity.ts';

/** What `GET /findings` filters on (already validated). */
export interface FindingFilters {
  /** Default NON_COMPLIANT. */
  readonly status?: EvaluationStatus | undefined;
  /** Only with status NON_COMPLIANT; default false (suppressed findings are not open). */
  readonly suppressed?: boolean | undefined;
  /** A minimum: `high` = critical and high. */
  readonly severity?: Severity | undefined;
  readonly ruleId?: string | undefined;
  readonly resourceType?: string | undefined;
  readonly accountId?: string | undefined;
  readonly region?: string | undefined;
  readonly tag?: { readonly key: string; readonly value: string } | undefined;
  /** ISO time: findings changed after it (the change feed). */
  readonly since?: string | undefined;
}

/** Where a page ended, as the store's key attributes (opaque to the use-cases, signed into cursors). */
export type PagePosition = Readonly<Record<string, string>>;

/** A finding as listed: with the resource's ARN and tags as they were when it was written. */
export type ListedFinding = Finding & { readonly arn?: string | undefined; readonly tags?: Readonly<Record<string, string>> | undefined };

export type FindingsPage =
  | {
      readonly kind: 'page';
      readonly items: readonly ListedFinding[];
      /** Present when more items may follow. */
      readonly last?: PagePosition | undefined;
      /** State to carry to the next page (e.g. when a change-feed walk started). */
      readonly extra?: Readonly<Record<string, string>> | undefined;
      /** Items DynamoDB read to answer (its ScannedCount): for the bench and the read-bound test. */
      readonly itemsRead: number;
    }
  /** No single key or index serves these filters. */
  | { readonly kind: 'unsupported'; readonly supported: readonly string[]; readonly detail: string };

export interface HistoryEntry {
  readonly at: string;
  readonly from: EvaluationStatus | undefined;
  readonly to: EvaluationStatus;
  readonly severity: Severity;
  readonly reason: string;
  readonly suppressed: boolean;
}

/** Read side of the findings table, one DynamoDB Query (or GetItem) per call, never a Scan. */
export interface FindingsReader {
  listFindings(
    filters: FindingFilters,
    page: { readonly limit: number; readonly after?: PagePosition | undefined; readonly extra?: Readonly<Record<string, string>> | undefined },
  ): Promise<FindingsPage>;
  getFinding(key: ResourceKey, ruleId: string): Promise<Finding | undefined>;
  findingHistory(
    key: ResourceKey,
    ruleId: string,
    page: { readonly limit: number; readonly after?: PagePosition | undefined; readonly expect?: string | undefined },
  ): Promise<{ readonly items: readonly HistoryEntry[]; readonly last?: PagePosition | undefined; readonly expect?: string | undefined }>;
  /** The stored resource and its findings; undefined when the store does not know it. */
  getResource(key: ResourceKey): Promise<{ readonly resource: AnyResource; readonly findings: readonly Finding[] } | undefined>;
  /** Summary counters (kept on write by the stream consumer). */
  readSummary(): Promise<SummaryCounts>;
  /** One cheap read that proves the table answers. */
  ping(): Promise<void>;
}

/** Counts of findings by state and group, as the counters hold them. */
export interface SummaryCounts {
  /** `{state}|{severity}|{ruleId}|{accountId}|{region}` → count; state is open, suppressed, COMPLIANT or ERROR. */
  readonly groups: Readonly<Record<string, number>>;
  /** When the counters last changed (ISO), if ever. */
  readonly updatedAt?: string | undefined;
}

/** Queue depth and age, for GET /health. */
export interface QueueStats {
  stats(): Promise<{ readonly visible: number; readonly inFlight: number; readonly oldestAgeSeconds: number | undefined }>;
}

/** Markers other functions leave (the last sweep, the last alert delivered), for GET /health. */
export interface Heartbeats {
  lastSweepAt(): Promise<string | undefined>;
  lastAlertAt(): Promise<string | undefined>;
}
