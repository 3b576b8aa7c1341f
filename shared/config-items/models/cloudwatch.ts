import { bool, obj, objs, path, pick, str, strs, type JsonObject } from '../decode.ts';
import type { ModelInput, ModelRegistry } from '../model-registry.ts';

/** A metric as an alarm names it: namespace, name and dimensions (name → value). */
export interface AlarmMetric {
  readonly namespace: string | undefined;
  readonly metricName: string | undefined;
  readonly dimensions: Readonly<Record<string, string>>;
}

export interface CloudWatchAlarm extends AlarmMetric {
  readonly alarmName: string;
  readonly alarmArn: string | undefined;
  /** Metric-math alarms: the metric of each `metricStat` query (expression-only queries are skipped). */
  readonly metrics: readonly AlarmMetric[];
  /** False when the alarm's actions are switched off (actions still listed, never run). */
  readonly actionsEnabled: boolean;
  readonly alarmActions: readonly string[];
  readonly okActions: readonly string[];
  readonly insufficientDataActions: readonly string[];
}

declare module '../../domain/resource.ts' {
  interface ResourceModels {
    'AWS::CloudWatch::Alarm': CloudWatchAlarm;
  }
}

/**
 * @see ../shared/reference/config-resource-schema/AWS__CloudWatch__Alarm.properties.json
 * Config records DescribeAlarms' MetricAlarm in camelCase, except `okactions` (sic); PascalCase
 * (CloudFormation's spelling) is accepted too, for collectors and hand-written items.
 */
export function normalizeCloudWatchAlarm(input: ModelInput): CloudWatchAlarm {
  const c = input.configuration;
  return {
    alarmName: str(pick(c, 'alarmName', 'AlarmName')) ?? input.resourceName ?? input.resourceId,
    alarmArn: str(pick(c, 'alarmArn', 'AlarmArn')) ?? input.arn,
    ...metric(c),
    metrics: objs(pick(c, 'metrics', 'Metrics')).flatMap((query) => {
      const stat = pick(query, 'metricStat', 'MetricStat');
      const m = obj(path(stat, 'metric') ?? path(stat, 'Metric'));
      return m ? [metric(m)] : [];
    }),
    // DescribeAlarms reports ActionsEnabled always; absent means an item that predates it: AWS's default, true.
    actionsEnabled: bool(pick(c, 'actionsEnabled', 'ActionsEnabled')) ?? true,
    alarmActions: strs(pick(c, 'alarmActions', 'AlarmActions')),
    okActions: strs(pick(c, 'okactions', 'okActions', 'oKActions', 'OKActions')),
    insufficientDataActions: strs(pick(c, 'insufficientDataActions', 'InsufficientDataActions')),
  };
}

function metric(source: JsonObject): AlarmMetric {
  const dimensions: Record<string, string> = {};
  for (const d of objs(pick(source, 'dimensions', 'Dimensions'))) {
    const name = str(pick(d, 'name', 'Name'));
    const value = str(pick(d, 'value', 'Value'));
    if (name !== undefined && value !== undefined) dimensions[name] = value;
  }
  return {
    namespace: str(pick(source, 'namespace', 'Namespace')),
    metricName: str(pick(source, 'metricName', 'MetricName')),
    dimensions,
  };
}

export const cloudWatchModels = {
  'AWS::CloudWatch::Alarm': normalizeCloudWatchAlarm,
} satisfies ModelRegistry;
