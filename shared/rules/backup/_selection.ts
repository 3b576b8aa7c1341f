import type { BackupSelection, BackupTagCondition } from '../../config-items/models/backup.ts';

/** What a backup selection is matched against: a resource's ARN and tags. */
export interface SelectionTarget {
  readonly arn: string;
  readonly tags: Readonly<Record<string, string>>;
}

/** How a selection picks a resource up, for the reason a user reads; undefined when it does not. */
export type Coverage = { readonly via: string } | undefined;

/**
 * Whether an AWS Backup selection assigns `target` to its plan, following AWS Backup's documented
 * logic (API_BackupSelection, "Assign resources with AWS CLI"):
 * - `Resources` ARN patterns are OR-ed; `*` matches any run of characters (`arn:aws:dynamodb:*:*:table/*`).
 * - `Conditions` are AND-ed and narrow `Resources` (no `Resources` = every supported resource).
 * - `ListOfTags` (legacy, StringEquals only) are OR-ed, and OR-ed with the `Resources` selection.
 * - `NotResources` removes matches whatever selected them.
 * Service opt-in is not recorded by AWS Config; DynamoDB is opted in by default and assumed on.
 *
 * @example
 * selectionCovers(selection.model, { arn: table.arn, tags: table.tags }); // { via: 'resource ARN arn:aws:dynamodb:*:*:table/*' }
 */
export function selectionCovers(selection: BackupSelection, target: SelectionTarget): Coverage {
  if (selection.notResources.some((pattern) => wildcardMatches(pattern, target.arn))) return undefined;
  const byTag = selection.listOfTags.find((t) => target.tags[t.key] === t.value);
  if (byTag) return { via: `tag ${byTag.key}=${byTag.value}` };
  const arnPattern = selection.resources.find((pattern) => wildcardMatches(pattern, target.arn));
  const resourcesMatch = selection.resources.length === 0 ? selection.listOfTags.length === 0 : arnPattern !== undefined;
  if (!resourcesMatch || !conditionsMatch(selection, target.tags)) return undefined;
  const tagged = selection.conditions.stringEquals.map((t) => `${t.key}=${t.value}`);
  const base = arnPattern === undefined ? 'all resources' : `resource ARN ${arnPattern}`;
  return { via: tagged.length > 0 ? `${base}, tag ${tagged.join(', ')}` : base };
}

/**
 * Tag conditions, all of which must hold. As in IAM, a negated operator holds when the tag is
 * absent (a resource without a `backup` tag is "not equal to" `none`).
 */
function conditionsMatch(selection: BackupSelection, tags: Readonly<Record<string, string>>): boolean {
  const { stringEquals, stringNotEquals, stringLike, stringNotLike } = selection.conditions;
  const valueOf = (c: BackupTagCondition): string | undefined => tags[c.key];
  return (
    stringEquals.every((c) => valueOf(c) === c.value) &&
    stringNotEquals.every((c) => valueOf(c) !== c.value) &&
    stringLike.every((c) => {
      const v = valueOf(c);
      return v !== undefined && wildcardMatches(c.value, v);
    }) &&
    stringNotLike.every((c) => {
      const v = valueOf(c);
      return v === undefined || !wildcardMatches(c.value, v);
    })
  );
}

/** AWS Backup's patterns: `*` is "zero or more characters" (slashes and colons included), case-sensitive. */
export function wildcardMatches(pattern: string, value: string): boolean {
  const parts = pattern.split('*');
  if (parts.length === 1) return pattern === value;
  const first = parts[0] ?? '';
  const last = parts[parts.length - 1] ?? '';
  if (!value.startsWith(first) || value.length < first.length + last.length || !value.endsWith(last)) return false;
  let position = first.length;
  const end = value.length - last.length;
  for (const middle of parts.slice(1, -1)) {
    const found = value.indexOf(middle, position);
    if (found < 0 || found + middle.length > end) return false;
    position = found + middle.length;
  }
  return true;
}
