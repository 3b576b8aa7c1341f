/**
 * Transitions, read from the findings table's stream (DESIGN §5): what changed between a finding
 * item's OldImage and NewImage, and whether a person should hear about it. Pure: no clock, no I/O.
 */
import type { AttributeValue as SdkAttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import * as z from '../zod.ts';
import { storedFindingSchema } from '../domain/finding.ts';

/** The transitions that alert. Nothing else does. */
export const TransitionKind = {
  /** A new NON_COMPLIANT finding (or one that was NOT_APPLICABLE before). */
  opened: 'opened',
  /** COMPLIANT → NON_COMPLIANT. */
  regressed: 'regressed',
  /** An open finding became COMPLIANT, or its resource was deleted (or the rule stopped applying). */
  resolved: 'resolved',
  /** A suppressed finding still fails when its suppression ends. */
  suppressionExpired: 'suppression-expired',
} as const;
export type TransitionKind = (typeof TransitionKind)[keyof typeof TransitionKind];
export const TRANSITION_KINDS: readonly TransitionKind[] = Object.values(TransitionKind);

/** A finding item as the store writes it (shared/adapters/dynamodb-findings-store.ts), the fields notify reads. */
export const findingImageSchema = z.extend(storedFindingSchema, {
  pk: z.string(),
  sk: z.string().check(z.startsWith('RULE#')),
  version: z.number(),
  /** Present only on the items of deleted resources (DynamoDB TTL). */
  ttl: z.optional(z.number()),
  /** The sweep whose evaluation wrote the item (absent: a change event, an API request, …). */
  sweepId: z.optional(z.string()),
});
export type FindingImage = z.infer<typeof findingImageSchema>;

/** One alerting change of one finding. */
export interface FindingTransition {
  readonly kind: TransitionKind;
  /** `{pk}|{ruleId}`: the finding's identity. */
  readonly findingKey: string;
  /** The finding item's version after the change: with findingKey, the change's identity. */
  readonly version: number;
  /** When the change was evaluated. */
  readonly at: string;
  /** The stream record's sequence number: the order of changes evaluated at the same instant. */
  readonly sequenceNumber?: string | undefined;
  /** The finding as it is now (as it was, for a removed item). */
  readonly finding: FindingImage;
  /** Resolved alerts: when the finding had opened, for "open for 3 d". */
  readonly openedAt?: string | undefined;
  /** Resolved alerts: the resource is gone. */
  readonly resourceDeleted?: boolean | undefined;
  /** The sweep that caused it: its alert waits for the sweep's one digest (docs/alerts.md, "Digests"). */
  readonly sweepId?: string | undefined;
  /** Suppression-expired alerts: the suppression that ended. */
  readonly endedSuppression?: { readonly id: string; readonly reason: string; readonly expiresAt?: string | undefined } | undefined;
}

/** A stream record that carries a finding but does not read as one. */
export class MalformedStreamRecordError extends Error {
  override readonly name = 'MalformedStreamRecordError';
  constructor(eventId: string, detail: string, options?: ErrorOptions) {
    super(`stream record ${eventId}: ${detail}`, options);
  }
}

export function isMalformedStreamRecordError(error: unknown): error is MalformedStreamRecordError {
  return error instanceof MalformedStreamRecordError;
}

/**
 * The alerting transition a stream record carries, if any.
 *
 * - opened: no open finding before (new item, or NOT_APPLICABLE / ERROR before), open now;
 * - regressed: COMPLIANT before, open now;
 * - resolved: open before; COMPLIANT or NOT_APPLICABLE now (or the item was removed);
 * - suppression-expired: NON_COMPLIANT and suppressed before, NON_COMPLIANT and not suppressed now.
 *
 * "Open" means NON_COMPLIANT and not suppressed. A re-evaluation that changes nothing never
 * reaches the stream (the store does not write it); a changed reason or severity alone, NOT_APPLICABLE
 * churn, ERROR and anything suppressed yield undefined.
 *
 * @throws MalformedStreamRecordError when an image of a finding item does not parse.
 * @example
 * const t = transitionOfRecord(record); // { kind: 'opened', findingKey, version, finding, … } | undefined
 */
export function transitionOfRecord(record: DynamoDBRecord): FindingTransition | undefined {
  const eventId = record.eventID ?? '(no event id)';
  const oldImage = imageOf(record.dynamodb?.OldImage, eventId, 'OldImage');
  const newImage = imageOf(record.dynamodb?.NewImage, eventId, 'NewImage');
  if (record.eventName === 'REMOVE') {
    if (!oldImage || !isOpen(oldImage)) return undefined;
    const removedAt = record.dynamodb?.ApproximateCreationDateTime;
    return {
      kind: TransitionKind.resolved,
      findingKey: findingKeyOf(oldImage),
      // A removal is the item's last change; it has no version of its own.
      version: oldImage.version + 1,
      at: removedAt !== undefined ? new Date(removedAt * 1000).toISOString() : oldImage.lastEvaluatedAt,
      sequenceNumber: record.dynamodb?.SequenceNumber,
      finding: oldImage,
      openedAt: oldImage.lastChangedAt,
      resourceDeleted: true,
    };
  }
  if (!newImage) return undefined;
  const kind = classify(oldImage, newImage);
  if (!kind) return undefined;
  return {
    kind,
    findingKey: findingKeyOf(newImage),
    version: newImage.version,
    at: newImage.lastEvaluatedAt,
    sequenceNumber: record.dynamodb?.SequenceNumber,
    finding: newImage,
    ...(newImage.sweepId !== undefined ? { sweepId: newImage.sweepId } : {}),
    ...(kind === TransitionKind.resolved ? { openedAt: oldImage?.lastChangedAt, resourceDeleted: newImage.ttl !== undefined } : {}),
    ...(kind === TransitionKind.suppressionExpired ? { endedSuppression: oldImage?.suppression } : {}),
  };
}

/**
 * The transitions that still say something once a batch (or a sweep) is seen whole: a finding
 * that changed more than once within it alerts once, for where it ended, and not at all when it
 * ended as it began. A first sweep evaluates a table before the backup plan that covers it, so
 * the table's finding opens and, when the plan's dependents are re-evaluated, resolves again: that
 * is no change to tell anyone about. Open before = its first transition is a resolve; open after =
 * its last one is not.
 *
 * @returns `kept` in the order given; `folded`: the rest (their ledger entries, if any, are finished
 *   through whatever stands for the batch).
 * @example
 * netTransitions([opened(v1), resolved(v2)]); // { kept: [], folded: [opened(v1), resolved(v2)] }
 */
export function netTransitions<T extends Pick<FindingTransition, 'findingKey' | 'version' | 'kind'>>(transitions: readonly T[]): { kept: T[]; folded: T[] } {
  const byFinding = new Map<string, T[]>();
  for (const t of transitions) {
    const list = byFinding.get(t.findingKey);
    if (list) list.push(t);
    else byFinding.set(t.findingKey, [t]);
  }
  if (byFinding.size === transitions.length) return { kept: [...transitions], folded: [] };
  const kept = new Set<T>();
  for (const list of byFinding.values()) {
    // A finding item's version grows with every write: the order its changes happened in.
    const ordered = list.length === 1 ? list : [...list].sort((a, b) => a.version - b.version);
    const first = ordered[0];
    const last = ordered[ordered.length - 1];
    if (first === undefined || last === undefined) continue;
    const openBefore = first.kind === TransitionKind.resolved;
    const openAfter = last.kind !== TransitionKind.resolved;
    if (openBefore !== openAfter) kept.add(last);
  }
  return { kept: transitions.filter((t) => kept.has(t)), folded: transitions.filter((t) => !kept.has(t)) };
}

/** The pure decision over two images (exported for the model-based test). */
export function classify(before: FindingImage | undefined, after: FindingImage): TransitionKind | undefined {
  const wasOpen = before !== undefined && isOpen(before);
  const nowOpen = isOpen(after);
  if (wasOpen && !nowOpen) {
    // Suppressed while failing: silenced on purpose, not resolved. ERROR says nothing about the resource.
    return after.status === 'COMPLIANT' || after.status === 'NOT_APPLICABLE' ? TransitionKind.resolved : undefined;
  }
  if (!wasOpen && nowOpen) {
    if (before?.status === 'NON_COMPLIANT' && before.suppression) return TransitionKind.suppressionExpired;
    if (before?.status === 'COMPLIANT') return TransitionKind.regressed;
    return TransitionKind.opened;
  }
  return undefined;
}

export function isOpen(image: Pick<FindingImage, 'status' | 'suppression'>): boolean {
  return image.status === 'NON_COMPLIANT' && image.suppression === undefined;
}

export function findingKeyOf(image: Pick<FindingImage, 'pk' | 'ruleId'>): string {
  return `${image.pk}|${image.ruleId}`;
}

/** Only finding items (sk RULE#…) are read; the deployed filter criteria already pass nothing else. */
export function isFindingRecord(record: DynamoDBRecord): boolean {
  const keys = record.dynamodb?.Keys;
  return typeof keys?.['sk']?.S === 'string' && keys['sk'].S.startsWith('RULE#');
}

function imageOf(image: NonNullable<DynamoDBRecord['dynamodb']>['NewImage'], eventId: string, which: string): FindingImage | undefined {
  if (!image) return undefined;
  let plain: Record<string, unknown>;
  try {
    // @types/aws-lambda types an attribute value as an object of optional fields, the SDK as a
    // union of one-field objects: the same JSON. The output is validated just below.
    plain = unmarshall(image as Record<string, SdkAttributeValue>);
  } catch (error) {
    throw new MalformedStreamRecordError(eventId, `${which} is not a DynamoDB image`, { cause: error });
  }
  const parsed = findingImageSchema.safeParse(plain);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new MalformedStreamRecordError(eventId, `${which}.${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`, { cause: parsed.error });
  }
  return parsed.data;
}
