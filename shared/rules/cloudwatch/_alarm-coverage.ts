/**
 * Which CloudWatch alarms watch a resource's metric, for the rules that require one (Lambda
 * errors, RDS free storage, SNS topics alarms notify). An alarm watches a metric through its own
 * namespace/metric/dimensions or through any metric of its metric math.
 */
import type { AlarmMetric, CloudWatchAlarm } from '../../config-items/models/cloudwatch.ts';
import type { Verdict } from '../../domain/evaluation.ts';
import { isGone, type AnyResource, type Resource, type ResourceKey } from '../../domain/resource.ts';
import type { InventoryView } from '../../engine/inventory.ts';
import { compliant, nonCompliant } from '../rule.ts';

export const ALARM_TYPE = 'AWS::CloudWatch::Alarm';
export type AlarmResource = Resource<typeof ALARM_TYPE>;

/** A metric identified by namespace, name and the one dimension that names the resource. */
export interface WatchedMetric {
  readonly namespace: string;
  readonly metricName: string;
  readonly dimension: string;
}

export function isAlarm(resource: AnyResource): resource is AnyResource & AlarmResource {
  return resource.resourceType === ALARM_TYPE;
}

/** The alarm's own metric and every metric its metric math reads. */
export function metricsOf(alarm: CloudWatchAlarm): AlarmMetric[] {
  return [alarm, ...alarm.metrics].filter((m) => m.namespace !== undefined);
}

/** True when the alarm evaluates `metric` with `metric.dimension` = `value`. */
export function watches(alarm: CloudWatchAlarm, metric: WatchedMetric, value: string): boolean {
  return metricsOf(alarm).some(
    (m) => m.namespace === metric.namespace && m.metricName === metric.metricName && m.dimensions[metric.dimension] === value,
  );
}

/** True when the alarm, on firing, runs at least one action. */
export function notifiesOnAlarm(alarm: CloudWatchAlarm): boolean {
  return alarm.actionsEnabled && alarm.alarmActions.length > 0;
}

/** Live alarms of the resource's account and region that watch `metric` for `value`. */
export function alarmsWatching(
  resource: Pick<AnyResource, 'accountId' | 'region'>,
  inventory: InventoryView,
  metric: WatchedMetric,
  value: string,
): readonly AlarmResource[] {
  return alarmsByWatchedMetric(inventory).get(watchKey(resource.accountId, resource.region, metric, value)) ?? [];
}

function watchKey(accountId: string, region: string, metric: WatchedMetric, value: string): string {
  return `${accountId}#${region}#${metric.namespace}#${metric.metricName}#${metric.dimension}=${value}`;
}

/** Every alarm under each (account, region, metric, dimension value) it watches; built once per inventory. */
function alarmsByWatchedMetric(inventory: InventoryView): ReadonlyMap<string, AlarmResource[]> {
  return inventory.derive('cloudwatch/alarms-by-watched-metric', (inv) => {
    const index = new Map<string, AlarmResource[]>();
    for (const alarm of inv.list(ALARM_TYPE)) {
      const keys = new Set<string>();
      for (const m of metricsOf(alarm.model)) {
        if (m.namespace === undefined || m.metricName === undefined) continue;
        for (const [dimension, value] of Object.entries(m.dimensions)) {
          keys.add(watchKey(alarm.accountId, alarm.region, { namespace: m.namespace, metricName: m.metricName, dimension }, value));
        }
      }
      for (const key of keys) {
        let list = index.get(key);
        if (!list) index.set(key, (list = []));
        list.push(alarm);
      }
    }
    return index;
  });
}

/**
 * The verdict of an "is there an alarm that notifies someone" rule.
 * `subject` names the resource ("Lambda function orders-api"); `metricLabel` the metric ("AWS/Lambda Errors").
 */
export function coverageVerdict(subject: string, metricLabel: string, alarms: readonly AlarmResource[]): Verdict {
  const notifying = alarms.find((a) => notifiesOnAlarm(a.model));
  if (notifying) {
    const actions = notifying.model.alarmActions.length;
    return compliant(
      `${subject} has alarm ${short(notifying.model.alarmName)} on ${metricLabel} with ${actions} alarm action${actions === 1 ? '' : 's'}.`,
    );
  }
  if (alarms.length === 0) return nonCompliant(`${subject} has no CloudWatch alarm on ${metricLabel}.`);
  const first = alarms[0]?.model;
  const why = first && !first.actionsEnabled ? 'its actions are disabled' : 'it has no alarm action';
  const more = alarms.length > 1 ? ` (and ${alarms.length - 1} more alike)` : '';
  return nonCompliant(`${subject} has alarm ${short(first?.alarmName ?? '')} on ${metricLabel}${more}, but ${why}.`);
}

/**
 * For affectedBy: the resources of `resourceType` an alarm names through `dimension` in
 * `namespace` (any metric, so an alarm moved from Errors to Throttles re-evaluates its function).
 * A deleted alarm's item no longer says what it watched, so every resource of the type in the
 * alarm's account and region is re-evaluated. An alarm re-pointed from one resource to another
 * names only the new one; the sweep settles the old one.
 */
export function resourcesNamedByAlarm(
  changed: AnyResource,
  inventory: InventoryView,
  resourceType: string,
  namespace: string,
  dimension: string,
  dimensionValueOf: (resource: AnyResource) => string,
): ResourceKey[] {
  const scope = { accountId: changed.accountId, region: changed.region };
  const candidates = inventory.list(resourceType, scope);
  if (!isAlarm(changed) || isGone(changed.status)) return [...candidates];
  const named = new Set(
    metricsOf(changed.model)
      .filter((m) => m.namespace === namespace)
      .flatMap((m) => m.dimensions[dimension] ?? []),
  );
  return candidates.filter((r) => named.has(dimensionValueOf(r)));
}

/** Alarm names can be 255 characters; reasons have 256. */
export function short(name: string, max = 64): string {
  return name.length <= max ? name : `${name.slice(0, max - 1)}…`;
}
