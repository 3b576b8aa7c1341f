import { ACCOUNT_RESOURCE_TYPE } from '../domain/resource.ts';
import { modelNormalizers } from './models/index.ts';

/** Items of one resource type no selected rule reads. */
export interface UnreadType {
  readonly resourceType: string;
  readonly items: number;
  /** The known type this one matches case-insensitively (`aws::s3::bucket` → `AWS::S3::Bucket`). */
  readonly didYouMean?: string | undefined;
}

/** What a scan saw but could not judge: items of types no rule reads, by type, most items first. */
export interface UnreadTypes {
  readonly items: number;
  readonly types: readonly UnreadType[];
}

/** Counts items by type as a scan meets them (see createUnreadTypeTally). */
export interface UnreadTypeTally {
  /** One item of `resourceType`; counted only when no rule reads the type. */
  add(resourceType: string): void;
  /** Whether some rule reads this type (items of other types are only counted). */
  reads(resourceType: string): boolean;
  /** The tally, or undefined when every item was of a type some rule reads. */
  result(): UnreadTypes | undefined;
}

/**
 * A tally of the items of types no rule reads, for the scan's summary: a type AWS spells
 * differently (`aws::s3::bucket`) or one Vigil does not cover would otherwise pass without a word,
 * and its resources would look checked. A mis-cased type is reported with the spelling it
 * matches among `readTypes` and the types Vigil models.
 *
 * @param readTypes the types some selected rule reads (its resource types and `dependsOn`).
 * @param knownTypes types not reported although no selected rule reads them (those the rest of
 *   the catalog reads, when the rules are a selection).
 * @example
 * const tally = createUnreadTypeTally(typesReadBy(catalog));
 * for (const item of items) tally.add(item.resourceType);
 * describeUnreadTypes(tally.result()); // "3 items of types no rule reads: AWS::Foo::Bar (2), …"
 */
export function createUnreadTypeTally(readTypes: ReadonlySet<string>, knownTypes?: ReadonlySet<string>): UnreadTypeTally {
  const counts = new Map<string, number>();
  const reads = (type: string): boolean => readTypes.has(type) || type === ACCOUNT_RESOURCE_TYPE;
  return {
    reads,
    add(type) {
      if (!reads(type) && !knownTypes?.has(type)) counts.set(type, (counts.get(type) ?? 0) + 1);
    },
    result() {
      if (counts.size === 0) return undefined;
      const known = new Map<string, string>();
      for (const type of [...Object.keys(modelNormalizers), ...readTypes]) known.set(type.toLowerCase(), type);
      const types = [...counts]
        .map(([resourceType, items]): UnreadType => {
          const match = known.get(resourceType.toLowerCase());
          return match && match !== resourceType ? { resourceType, items, didYouMean: match } : { resourceType, items };
        })
        .sort((a, b) => b.items - a.items || a.resourceType.localeCompare(b.resourceType));
      return { items: types.reduce((sum, t) => sum + t.items, 0), types };
    },
  };
}

/** The types the rules of a catalog read: their resource types and the types they depend on. */
export function typesReadBy(
  catalog: readonly { readonly resourceTypes: readonly string[]; readonly dependsOn?: readonly string[] | undefined }[],
): Set<string> {
  const types = new Set<string>();
  for (const rule of catalog) {
    for (const type of rule.resourceTypes) types.add(type);
    for (const type of rule.dependsOn ?? []) types.add(type);
  }
  return types;
}

/**
 * One line for a person: `3 items of types no rule reads: AWS::Foo::Bar (2), aws::s3::bucket (1,
 * did you mean AWS::S3::Bucket?).` Undefined when there is nothing to say.
 */
export function describeUnreadTypes(unread: UnreadTypes | undefined): string | undefined {
  if (!unread) return undefined;
  const list = unread.types
    .map((t) => `${t.resourceType} (${t.items}${t.didYouMean ? `, did you mean ${t.didYouMean}?` : ''})`)
    .join(', ');
  return `${unread.items} item${unread.items === 1 ? '' : 's'} of types no rule reads: ${list}.`;
}
