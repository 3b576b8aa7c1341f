import { isObject, tryJson } from '../../shared/config-items/decode.ts';
import { ConfigItemError } from '../../shared/config-items/errors.ts';
import { normalizeConfigurationItem } from '../../shared/config-items/normalize.ts';
import { RECORDED_FIELDS } from '../../shared/config-items/recorded-fields.ts';
import type { VerdictStatus } from '../../shared/domain/evaluation.ts';
import { ACCOUNT_RESOURCE_TYPE, type AnyResource } from '../../shared/domain/resource.ts';
import { evaluate, isAccountLevel } from '../../shared/engine/evaluate.ts';
import { accountResources, buildInventory } from '../../shared/engine/inventory.ts';
import { resolveParams } from '../../shared/engine/params.ts';
import type { Rule } from '../../shared/rules/rule.ts';
import type { RuleFixture } from './rule-fixtures.ts';

/** Envelope fields that identify an item and say when it was recorded: kept in an absent-data case. */
const ENVELOPE = new Set([
  'version',
  'configurationItemVersion',
  'accountId',
  'awsAccountId',
  'awsRegion',
  'availabilityZone',
  'resourceType',
  'resourceId',
  'resourceName',
  'ARN',
  'arn',
  'configurationItemStatus',
  'configurationItemCaptureTime',
  'configurationStateId',
]);

/**
 * A configuration item with its data absent: the same resource, identified as before, whose
 * `configuration` keeps only the fields that repeat its identity (its name, id or ARN, such as
 * `tableName` or `FunctionArn`), with no supplementary configuration, tags or relationships.
 * What a rule sees when a recorder, a query or a hand-made file leaves the data out. The
 * configuration stays in the form (object or JSON string) the item had.
 */
export function absentDataItem(ci: unknown, keep: ReadonlySet<string> = new Set()): Record<string, unknown> {
  if (!isObject(ci)) throw new Error('a fixture subject must be a configuration item');
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(ci)) if (ENVELOPE.has(key)) out[key] = value;
  const identity = new Set(
    [ci['resourceId'], ci['resourceName'], ci['ARN'], ci['arn']].filter((v): v is string => typeof v === 'string'),
  );
  const raw = ci['configuration'];
  const configuration = typeof raw === 'string' ? tryJson(raw) : raw;
  if (isObject(configuration)) {
    const kept = Object.fromEntries(
      Object.entries(configuration).filter(([key, value]) => keep.has(key) || (typeof value === 'string' && identity.has(value))),
    );
    out['configuration'] = typeof raw === 'string' ? JSON.stringify(kept) : kept;
  }
  const supplementary = ci['supplementaryConfiguration'];
  if (isObject(supplementary)) {
    const kept = Object.entries(supplementary).filter(([key]) => keep.has(`supplementaryConfiguration.${key}`));
    if (kept.length > 0) out['supplementaryConfiguration'] = Object.fromEntries(kept);
  }
  return out;
}

/** The file-name tail of the generated absent-data fixture of a rule: the item with only its ids. */
export const ABSENT_DATA_SLUG = '--absent-data.json';
/** The file-name tail of the absent-fields fixture: the item with its ids and the fields Config always records. */
export const ABSENT_FIELDS_SLUG = '--absent-fields.json';

export interface AbsentDataCase {
  readonly subject: Record<string, unknown>;
  readonly inventory: readonly unknown[];
  readonly params: Readonly<Record<string, unknown>>;
  readonly now: string;
}

/**
 * The fields AWS Config records in every item of the subject's type (RECORDED_FIELDS): what an
 * item keeps in its absent-fields case, so that it is well-formed and only the rest is missing.
 */
export function recordedFieldsOf(resourceType: unknown): Set<string> {
  const table: Readonly<Record<string, readonly (readonly string[])[] | undefined>> = RECORDED_FIELDS;
  return new Set((typeof resourceType === 'string' ? table[resourceType] : undefined)?.flat() ?? []);
}

/**
 * The absent-data case of a compliant fixture: its subject without its data. An account-level
 * rule's data is the rest of the inventory (trails, detectors, the account's Block Public
 * Access), so for those the inventory goes too; other rules keep theirs, so that what is missing
 * is the subject's own configuration.
 */
export function absentDataCase(source: RuleFixture, keep: ReadonlySet<string> = new Set()): AbsentDataCase {
  const subject = absentDataItem(source.subject, keep);
  const accountLevel = subject['resourceType'] === ACCOUNT_RESOURCE_TYPE;
  return {
    subject: accountLevel ? { ...subject, configuration: {} } : subject,
    inventory: accountLevel ? [] : source.inventory,
    params: source.params,
    now: source.now.toISOString(),
  };
}

export type AbsentDataOutcome =
  | { readonly status: VerdictStatus; readonly detail: string }
  | { readonly status: 'INPUT_ERROR'; readonly detail: string; readonly field: string };

/** What the normalizer and the rule make of a case: an input error naming a field, or a verdict. */
export function absentDataOutcome(rule: Rule, fixture: Pick<AbsentDataCase, 'subject' | 'inventory' | 'params' | 'now'>): AbsentDataOutcome {
  let subject: AnyResource;
  try {
    subject = normalizeConfigurationItem(fixture.subject);
  } catch (error) {
    if (error instanceof ConfigItemError) return { status: 'INPUT_ERROR', field: error.field, detail: `${error.field}: ${error.message}` };
    throw error;
  }
  const all = [subject, ...fixture.inventory.map((ci) => normalizeConfigurationItem(ci))];
  // As the rule fixtures test builds it: account-level rules see a whole account.
  const inventory = buildInventory([...all, ...accountResources(all)], { complete: isAccountLevel(rule) });
  const params = resolveParams([rule], { [rule.id]: fixture.params });
  const [evaluation] = evaluate([subject], [rule], { now: new Date(fixture.now), params, inventory });
  if (!evaluation || evaluation.status === 'ERROR') throw new Error(`${rule.id}: no verdict (${evaluation?.reason ?? 'none'})`);
  return { status: evaluation.status, detail: evaluation.reason };
}
