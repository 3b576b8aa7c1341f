import { arr, bool, isObject, num, obj, objs, pick, str, strs, type JsonObject } from '../decode.ts';
import type { ModelInput, ModelRegistry } from '../model-registry.ts';

/** `application` (ALB), `network` (NLB) or `gateway` (GWLB). */
export type LoadBalancerType = 'application' | 'network' | 'gateway';

export interface ElbV2LoadBalancer {
  readonly loadBalancerName: string;
  readonly loadBalancerArn: string | undefined;
  readonly type: LoadBalancerType | undefined;
  /** `internet-facing` or `internal`. */
  readonly scheme: string | undefined;
  readonly state: string | undefined;
  readonly availabilityZones: readonly string[];
  readonly securityGroups: readonly string[];
  /**
   * DescribeLoadBalancerAttributes as a map (`deletion_protection.enabled` → "true"); values stay
   * strings, as ELB returns them. Undefined when the CI carries no attributes at all.
   */
  readonly attributes: Readonly<Record<string, string>> | undefined;
}

export interface ElbV2ListenerAction {
  /** forward | redirect | fixed-response | authenticate-oidc | authenticate-cognito. */
  readonly type: string | undefined;
  readonly order: number | undefined;
  /** For redirects: `HTTP`, `HTTPS` or `#{protocol}` (keep the request's protocol). */
  readonly redirectProtocol: string | undefined;
  readonly redirectStatusCode: string | undefined;
  readonly targetGroupArns: readonly string[];
}

export interface ElbV2Listener {
  readonly listenerArn: string | undefined;
  readonly loadBalancerArn: string | undefined;
  /** The load balancer's type, read from its ARN (`loadbalancer/app/…`, `/net/`, `/gwy/`). */
  readonly loadBalancerType: LoadBalancerType | undefined;
  readonly port: number | undefined;
  /** HTTP | HTTPS (ALB); TCP | TLS | UDP | TCP_UDP (NLB); GENEVE (GWLB). */
  readonly protocol: string | undefined;
  readonly sslPolicy: string | undefined;
  readonly defaultActions: readonly ElbV2ListenerAction[];
}

export interface ElbV2TargetGroup {
  readonly targetGroupName: string;
  readonly targetGroupArn: string | undefined;
  /** instance | ip | lambda | alb. */
  readonly targetType: string | undefined;
  readonly protocol: string | undefined;
  readonly healthCheck: {
    /** Undefined when not reported (ELB enables health checks by default except for Lambda targets). */
    readonly enabled: boolean | undefined;
    readonly protocol: string | undefined;
    readonly path: string | undefined;
    readonly port: string | undefined;
  };
  readonly loadBalancerArns: readonly string[];
}

declare module '../../domain/resource.ts' {
  interface ResourceModels {
    'AWS::ElasticLoadBalancingV2::LoadBalancer': ElbV2LoadBalancer;
    'AWS::ElasticLoadBalancingV2::Listener': ElbV2Listener;
    'AWS::ElasticLoadBalancingV2::TargetGroup': ElbV2TargetGroup;
  }
}

const TYPE_BY_ARN_SEGMENT: Readonly<Record<string, LoadBalancerType>> = { app: 'application', net: 'network', gwy: 'gateway' };

/**
 * The load balancer type encoded in a load balancer, listener or listener-rule ARN:
 * `…:loadbalancer/app/name/id`, `…:listener/net/name/id/id`. The type cannot change after
 * creation, so the ARN is as reliable as the load balancer's own configuration item.
 */
export function loadBalancerTypeFromArn(arn: string | undefined): LoadBalancerType | undefined {
  const segment = arn ? /:(?:loadbalancer|listener|listener-rule)\/(app|net|gwy)\//.exec(arn)?.[1] : undefined;
  return segment ? TYPE_BY_ARN_SEGMENT[segment] : undefined;
}

function loadBalancerType(value: unknown): LoadBalancerType | undefined {
  const t = str(value)?.toLowerCase();
  return t === 'application' || t === 'network' || t === 'gateway' ? t : undefined;
}

/**
 * Load balancer attributes come as `[{key, value}]` (API form: the whole list as a JSON string),
 * `[{Key, Value}]` in CloudFormation-shaped items, or already as a map.
 */
function attributeMap(value: unknown): Record<string, string> | undefined {
  if (value === undefined || value === null) return undefined;
  const list = objs(value);
  const out: Record<string, string> = {};
  if (list.length > 0) {
    for (const entry of list) {
      const key = str(pick(entry, 'key', 'Key'));
      if (key !== undefined) out[key] = str(pick(entry, 'value', 'Value')) ?? '';
    }
    return out;
  }
  const map = obj(value);
  if (map) for (const [k, v] of Object.entries(map)) out[k] = str(v) ?? (typeof v === 'boolean' ? String(v) : '');
  return out;
}

/**
 * @see ../shared/reference/config-resource-schema/AWS__ElasticLoadBalancingV2__LoadBalancer.properties.json
 * The schema lists only `configuration`; the attributes (access logs, deletion protection,
 * header handling) ride in `supplementaryConfiguration.LoadBalancerAttributes`, as Cloud
 * Custodian's ConfigAppElb also reads them.
 */
export function normalizeLoadBalancer(input: ModelInput): ElbV2LoadBalancer {
  const c = input.configuration;
  const arn = str(pick(c, 'loadBalancerArn', 'LoadBalancerArn')) ?? input.arn;
  return {
    loadBalancerName: str(pick(c, 'loadBalancerName', 'LoadBalancerName')) ?? input.resourceName ?? input.resourceId,
    loadBalancerArn: arn,
    type: loadBalancerType(pick(c, 'type', 'Type')) ?? loadBalancerTypeFromArn(arn ?? input.resourceId),
    scheme: str(pick(c, 'scheme', 'Scheme')),
    state: str(pick(obj(pick(c, 'state', 'State')), 'code', 'Code')),
    // Zones are objects ({zoneName, subnetId}) in Config; plain names in hand-written items.
    availabilityZones: zoneNames(pick(c, 'availabilityZones', 'AvailabilityZones')),
    securityGroups: strs(pick(c, 'securityGroups', 'SecurityGroups')),
    attributes: attributeMap(pick(input.supplementary, 'LoadBalancerAttributes', 'loadBalancerAttributes')),
  };
}

function zoneNames(value: unknown): string[] {
  const out: string[] = [];
  for (const zone of arr(value)) {
    const name = isObject(zone) ? str(pick(zone, 'zoneName', 'ZoneName')) : str(zone);
    if (name !== undefined) out.push(name);
  }
  return out;
}

function action(a: JsonObject): ElbV2ListenerAction {
  const redirect = obj(pick(a, 'RedirectConfig', 'redirectConfig'));
  const forward = obj(pick(a, 'ForwardConfig', 'forwardConfig'));
  const targetGroups = objs(pick(forward, 'TargetGroups', 'targetGroups'))
    .map((tg) => str(pick(tg, 'TargetGroupArn', 'targetGroupArn')))
    .filter((arn): arn is string => arn !== undefined);
  const single = str(pick(a, 'TargetGroupArn', 'targetGroupArn'));
  return {
    type: str(pick(a, 'Type', 'type'))?.toLowerCase(),
    order: num(pick(a, 'Order', 'order')),
    redirectProtocol: str(pick(redirect, 'Protocol', 'protocol')),
    redirectStatusCode: str(pick(redirect, 'StatusCode', 'statusCode')),
    targetGroupArns: single !== undefined && !targetGroups.includes(single) ? [single, ...targetGroups] : targetGroups,
  };
}

/**
 * @see ../shared/reference/config-resource-schema/AWS__ElasticLoadBalancingV2__Listener.properties.json
 * Config records listeners in CloudFormation's PascalCase (`DefaultActions`, `SslPolicy`);
 * camelCase is accepted too. Listener rules are not an AWS Config resource type, so only the
 * default actions are visible.
 */
export function normalizeListener(input: ModelInput): ElbV2Listener {
  const c = input.configuration;
  const listenerArn = str(pick(c, 'ListenerArn', 'listenerArn')) ?? input.arn ?? input.resourceId;
  const loadBalancerArn = str(pick(c, 'LoadBalancerArn', 'loadBalancerArn'));
  return {
    listenerArn,
    loadBalancerArn,
    loadBalancerType: loadBalancerTypeFromArn(loadBalancerArn) ?? loadBalancerTypeFromArn(listenerArn),
    port: num(pick(c, 'Port', 'port')),
    protocol: str(pick(c, 'Protocol', 'protocol'))?.toUpperCase(),
    sslPolicy: str(pick(c, 'SslPolicy', 'sslPolicy')),
    defaultActions: objs(pick(c, 'DefaultActions', 'defaultActions')).map(action),
  };
}

/**
 * Target groups are recorded in CloudFormation's shape (`HealthCheckEnabled`,
 * `HealthCheckPath`, `TargetType`); DescribeTargetGroups' camelCase is accepted too.
 */
export function normalizeTargetGroup(input: ModelInput): ElbV2TargetGroup {
  const c = input.configuration;
  return {
    targetGroupName: str(pick(c, 'TargetGroupName', 'targetGroupName')) ?? input.resourceName ?? input.resourceId,
    targetGroupArn: str(pick(c, 'TargetGroupArn', 'targetGroupArn')) ?? input.arn,
    targetType: str(pick(c, 'TargetType', 'targetType'))?.toLowerCase(),
    protocol: str(pick(c, 'Protocol', 'protocol'))?.toUpperCase(),
    healthCheck: {
      enabled: bool(pick(c, 'HealthCheckEnabled', 'healthCheckEnabled')),
      protocol: str(pick(c, 'HealthCheckProtocol', 'healthCheckProtocol'))?.toUpperCase(),
      path: str(pick(c, 'HealthCheckPath', 'healthCheckPath')),
      port: str(pick(c, 'HealthCheckPort', 'healthCheckPort')),
    },
    loadBalancerArns: strs(pick(c, 'LoadBalancerArns', 'loadBalancerArns')),
  };
}

export const elbv2Models = {
  'AWS::ElasticLoadBalancingV2::LoadBalancer': normalizeLoadBalancer,
  'AWS::ElasticLoadBalancingV2::Listener': normalizeListener,
  'AWS::ElasticLoadBalancingV2::TargetGroup': normalizeTargetGroup,
} satisfies ModelRegistry;
