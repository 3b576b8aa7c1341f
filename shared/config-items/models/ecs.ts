import { bool, num, obj, objs, str, strs, type JsonObject } from '../decode.ts';
import type { ModelInput, ModelRegistry } from '../model-registry.ts';

/**
 * ECS types are recorded by AWS Config from their CloudFormation schemas, so fields are PascalCase
 * (`ContainerDefinitions[].LogConfiguration.LogDriver`); the ECS API (DescribeTaskDefinition,
 * DescribeServices), which collectors and older items use, spells them camelCase. Both are read.
 * There is no property file for these types in reference/config-resource-schema; the shapes follow
 * the CloudFormation resource schemas and the AWS Config RDK example item for AWS::ECS::TaskDefinition.
 */

export interface EcsEnvironmentVariable {
  readonly name: string;
  readonly value: string;
}

export interface EcsContainer {
  readonly name: string;
  readonly image: string | undefined;
  /** Absent in the definition means essential (ECS's default). */
  readonly essential: boolean;
  readonly privileged: boolean;
  /** Hard limit in MiB (`memory`). */
  readonly memory: number | undefined;
  /** Soft limit in MiB (`memoryReservation`): a reservation, not a cap. */
  readonly memoryReservation: number | undefined;
  /** Plaintext `environment` entries. */
  readonly environment: readonly EcsEnvironmentVariable[];
  /** Names of variables injected from Secrets Manager / SSM (`secrets`). */
  readonly secretNames: readonly string[];
  readonly logDriver: string | undefined;
  /** `healthCheck.command`, [] when the container defines none. */
  readonly healthCheckCommand: readonly string[];
}

export interface EcsTaskDefinition {
  readonly family: string;
  readonly revision: number | undefined;
  readonly taskDefinitionArn: string | undefined;
  /** ACTIVE | INACTIVE (deregistered revisions stay recorded). */
  readonly status: string | undefined;
  /** Task-level memory as given (MiB, e.g. "3072"); required on Fargate, optional on EC2. */
  readonly taskMemory: string | undefined;
  readonly requiresCompatibilities: readonly string[];
  readonly containers: readonly EcsContainer[];
}

export interface EcsService {
  readonly serviceName: string;
  readonly serviceArn: string | undefined;
  readonly cluster: string | undefined;
  readonly desiredCount: number | undefined;
  /** REPLICA (default) or DAEMON. */
  readonly schedulingStrategy: string;
  /** ECS (default, rolling update), CODE_DEPLOY (blue/green) or EXTERNAL. */
  readonly deploymentController: string;
  /** Whether the item records `DeploymentConfiguration` at all (the block the next two live in). */
  readonly deploymentConfigurationRecorded: boolean;
  /** The deployment circuit breaker; undefined when not configured. */
  readonly circuitBreaker: { readonly enable: boolean; readonly rollback: boolean } | undefined;
  /** CloudWatch-alarm based deployment failure detection; undefined when not configured. */
  readonly deploymentAlarms:
    | { readonly enable: boolean; readonly rollback: boolean; readonly alarmNames: readonly string[] }
    | undefined;
}

export interface EcsCluster {
  readonly clusterName: string;
  readonly clusterArn: string | undefined;
  /** The `containerInsights` cluster setting: enabled, enhanced or disabled; undefined when unset. */
  readonly containerInsights: string | undefined;
}

declare module '../../domain/resource.ts' {
  interface ResourceModels {
    'AWS::ECS::TaskDefinition': EcsTaskDefinition;
    'AWS::ECS::Service': EcsService;
    'AWS::ECS::Cluster': EcsCluster;
  }
}

/** A field in either casing: `field(o, 'LogConfiguration')` also reads `logConfiguration`. */
function field(source: JsonObject | undefined, pascal: string): unknown {
  if (!source) return undefined;
  const value = source[pascal] ?? source[pascal.charAt(0).toLowerCase() + pascal.slice(1)];
  return value === null ? undefined : value;
}

export function normalizeEcsTaskDefinition(input: ModelInput): EcsTaskDefinition {
  const c = input.configuration;
  return {
    family: str(field(c, 'Family')) ?? input.resourceId,
    revision: num(field(c, 'Revision')),
    taskDefinitionArn: str(field(c, 'TaskDefinitionArn')) ?? input.arn,
    status: str(field(c, 'Status')),
    taskMemory: str(field(c, 'Memory')),
    requiresCompatibilities: strs(field(c, 'RequiresCompatibilities')),
    containers: objs(field(c, 'ContainerDefinitions')).map(container),
  };
}

function container(c: JsonObject): EcsContainer {
  return {
    name: str(field(c, 'Name')) ?? '(unnamed)',
    image: str(field(c, 'Image')),
    essential: bool(field(c, 'Essential')) ?? true,
    privileged: bool(field(c, 'Privileged')) ?? false,
    memory: num(field(c, 'Memory')),
    memoryReservation: num(field(c, 'MemoryReservation')),
    environment: objs(field(c, 'Environment')).flatMap((e) => {
      const name = str(field(e, 'Name'));
      return name === undefined ? [] : [{ name, value: str(field(e, 'Value')) ?? '' }];
    }),
    secretNames: objs(field(c, 'Secrets')).flatMap((s) => str(field(s, 'Name')) ?? []),
    logDriver: str(field(obj(field(c, 'LogConfiguration')), 'LogDriver')),
    healthCheckCommand: strs(field(obj(field(c, 'HealthCheck')), 'Command')),
  };
}

/** AWS::ECS::Service: resourceId is the service ARN, resourceName the service name. */
export function normalizeEcsService(input: ModelInput): EcsService {
  const c = input.configuration;
  const deployment = obj(field(c, 'DeploymentConfiguration'));
  const breaker = obj(field(deployment, 'DeploymentCircuitBreaker'));
  const alarms = obj(field(deployment, 'Alarms'));
  return {
    serviceName: str(field(c, 'ServiceName')) ?? input.resourceName ?? input.resourceId,
    serviceArn: str(field(c, 'ServiceArn')) ?? input.arn,
    cluster: str(field(c, 'Cluster')) ?? str(field(c, 'ClusterArn')),
    desiredCount: num(field(c, 'DesiredCount')),
    schedulingStrategy: str(field(c, 'SchedulingStrategy')) ?? 'REPLICA',
    deploymentController: str(field(obj(field(c, 'DeploymentController')), 'Type')) ?? 'ECS',
    deploymentConfigurationRecorded: deployment !== undefined,
    circuitBreaker: breaker
      ? { enable: bool(field(breaker, 'Enable')) ?? false, rollback: bool(field(breaker, 'Rollback')) ?? false }
      : undefined,
    deploymentAlarms: alarms
      ? {
          enable: bool(field(alarms, 'Enable')) ?? false,
          rollback: bool(field(alarms, 'Rollback')) ?? false,
          alarmNames: strs(field(alarms, 'AlarmNames')),
        }
      : undefined,
  };
}

export function normalizeEcsCluster(input: ModelInput): EcsCluster {
  const c = input.configuration;
  // CloudFormation calls the list ClusterSettings, the ECS API settings; both hold {name, value}.
  const settings = objs(field(c, 'ClusterSettings') ?? field(c, 'Settings'));
  const insights = settings.find((s) => str(field(s, 'Name')) === 'containerInsights');
  return {
    clusterName: str(field(c, 'ClusterName')) ?? input.resourceName ?? input.resourceId,
    clusterArn: str(field(c, 'Arn')) ?? str(field(c, 'ClusterArn')) ?? input.arn,
    containerInsights: str(field(insights, 'Value'))?.toLowerCase(),
  };
}

export const ecsModels = {
  'AWS::ECS::TaskDefinition': normalizeEcsTaskDefinition,
  'AWS::ECS::Service': normalizeEcsService,
  'AWS::ECS::Cluster': normalizeEcsCluster,
} satisfies ModelRegistry;
