import type { Verdict } from '../domain/evaluation.ts';
import type { AnyResource } from '../domain/resource.ts';
import { absentTypes, type InventoryView } from '../engine/inventory.ts';
import { notApplicable } from './rule.ts';

/**
 * For a cross-resource rule whose NON_COMPLIANT verdict rests on the absence of other resources
 * (no alarm, no backup selection): NOT_APPLICABLE when the input is a partial list that holds
 * none of the types the verdict needs, naming them; undefined when the rule can judge (the
 * inventory is complete, or holds some of each type). A JSON array of three Lambda functions
 * cannot show that they have no alarms, only that it carries none.
 *
 * @param subject how the reason names the resource ("Lambda function billing-export").
 * @param question what cannot be judged ("whether it has an error alarm").
 * @example
 * const unseen = unseenDependencies(fn, inventory, [ALARM_TYPE], `Lambda function ${name}`, 'whether an alarm watches its errors');
 * if (unseen) return unseen;
 */
export function unseenDependencies(
  resource: Pick<AnyResource, 'accountId'>,
  inventory: InventoryView,
  types: readonly string[],
  subject: string,
  question: string,
): Verdict | undefined {
  const missing = absentTypes(inventory, types, resource.accountId);
  if (missing.length === 0) return undefined;
  return notApplicable(`${subject}: the input holds no ${missing.join(' or ')} items and is not a whole account, so ${question} cannot be judged.`);
}
