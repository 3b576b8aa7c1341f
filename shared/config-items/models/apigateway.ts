import { bool, num, obj, pick, str, strs, type JsonObject } from '../decode.ts';
import type { ModelInput, ModelRegistry } from '../model-registry.ts';
import type { Relationship } from '../../domain/resource.ts';

/** Per-method (v1) or per-route (v2) settings: logging and throttling. */
export interface RouteSettings {
  /** OFF | ERROR | INFO. */
  readonly loggingLevel: string | undefined;
  readonly dataTraceEnabled: boolean | undefined;
  readonly metricsEnabled: boolean | undefined;
  /** Requests per second; undefined when not set. */
  readonly throttlingRateLimit: number | undefined;
  readonly throttlingBurstLimit: number | undefined;
}

export interface ApiGatewayStage {
  readonly stageName: string;
  readonly restApiId: string | undefined;
  readonly deploymentId: string | undefined;
  readonly webAclArn: string | undefined;
  /** undefined when the item does not record it. */
  readonly tracingEnabled: boolean | undefined;
  readonly accessLogDestinationArn: string | undefined;
  /** Keyed `{resourcePath}/{httpMethod}`; `*\/*` holds the stage-wide defaults. */
  readonly methodSettings: Readonly<Record<string, RouteSettings>>;
}

export interface ApiGatewayV2Stage {
  readonly stageName: string;
  readonly apiId: string | undefined;
  readonly accessLogDestinationArn: string | undefined;
  readonly defaultRouteSettings: RouteSettings;
  readonly autoDeploy: boolean | undefined;
}

export interface ApiGatewayV2Api {
  readonly apiId: string | undefined;
  readonly name: string;
  /** HTTP or WEBSOCKET. */
  readonly protocolType: string | undefined;
  /** Undefined when the API has no CORS configuration (API Gateway then adds no CORS headers). */
  readonly cors:
    | {
        readonly allowOrigins: readonly string[];
        readonly allowCredentials: boolean | undefined;
        readonly allowMethods: readonly string[];
        readonly allowHeaders: readonly string[];
      }
    | undefined;
}

declare module '../../domain/resource.ts' {
  interface ResourceModels {
    'AWS::ApiGateway::Stage': ApiGatewayStage;
    'AWS::ApiGatewayV2::Stage': ApiGatewayV2Stage;
    'AWS::ApiGatewayV2::Api': ApiGatewayV2Api;
  }
}

/**
 * API Gateway reports an unset throttle as -1 (the account-level limit then applies), so only
 * non-negative values count as configured.
 */
function limit(value: unknown): number | undefined {
  const n = num(value);
  return n !== undefined && n >= 0 ? n : undefined;
}

function routeSettings(value: unknown): RouteSettings {
  const s = obj(value);
  return {
    loggingLevel: str(pick(s, 'loggingLevel', 'LoggingLevel'))?.toUpperCase(),
    dataTraceEnabled: bool(pick(s, 'dataTraceEnabled', 'DataTraceEnabled')),
    metricsEnabled: bool(pick(s, 'metricsEnabled', 'detailedMetricsEnabled', 'MetricsEnabled', 'DetailedMetricsEnabled')),
    throttlingRateLimit: limit(pick(s, 'throttlingRateLimit', 'ThrottlingRateLimit')),
    throttlingBurstLimit: limit(pick(s, 'throttlingBurstLimit', 'ThrottlingBurstLimit')),
  };
}

/** The id after `/restapis/` or `/apis/` in an API Gateway ARN (`arn:aws:apigateway:eu-west-1::/restapis/a1b2c3/stages/prod`). */
function apiIdFrom(kind: 'restapis' | 'apis', ...candidates: readonly (string | undefined)[]): string | undefined {
  const pattern = new RegExp(`/${kind}/([^/]+)`);
  for (const candidate of candidates) {
    const id = candidate ? pattern.exec(candidate)?.[1] : undefined;
    if (id) return id;
  }
  return undefined;
}

function containingApi(relationships: readonly Relationship[], type: string): string | undefined {
  return relationships.find((r) => r.resourceType === type)?.resourceId;
}

function accessLogDestination(c: JsonObject): string | undefined {
  return str(pick(obj(pick(c, 'accessLogSettings', 'AccessLogSettings')), 'destinationArn', 'DestinationArn'));
}

/**
 * @see ../shared/reference/config-resource-schema/AWS__ApiGateway__Stage.properties.json
 * The CI is GetStage's output: `methodSettings` is a map the schema cannot list. The REST API id
 * is not in the configuration; it is read from the ARN or the "Is contained in" relationship.
 */
export function normalizeApiGatewayStage(input: ModelInput): ApiGatewayStage {
  const c = input.configuration;
  const methodSettings: Record<string, RouteSettings> = {};
  for (const [key, value] of Object.entries(obj(pick(c, 'methodSettings', 'MethodSettings')) ?? {})) {
    methodSettings[key] = routeSettings(value);
  }
  return {
    stageName: str(pick(c, 'stageName', 'StageName')) ?? input.resourceName ?? input.resourceId,
    restApiId:
      str(pick(c, 'restApiId', 'RestApiId')) ??
      apiIdFrom('restapis', input.arn, input.resourceId, containingApi(input.relationships, 'AWS::ApiGateway::RestApi')),
    deploymentId: str(pick(c, 'deploymentId', 'DeploymentId')),
    webAclArn: str(pick(c, 'webAclArn', 'WebAclArn')),
    tracingEnabled: bool(pick(c, 'tracingEnabled', 'TracingEnabled')),
    accessLogDestinationArn: accessLogDestination(c),
    methodSettings,
  };
}

/** @see ../shared/reference/config-resource-schema/AWS__ApiGatewayV2__Stage.properties.json */
export function normalizeApiGatewayV2Stage(input: ModelInput): ApiGatewayV2Stage {
  const c = input.configuration;
  return {
    stageName: str(pick(c, 'stageName', 'StageName')) ?? input.resourceName ?? input.resourceId,
    apiId:
      str(pick(c, 'apiId', 'ApiId')) ??
      apiIdFrom('apis', input.arn, input.resourceId, containingApi(input.relationships, 'AWS::ApiGatewayV2::Api')),
    accessLogDestinationArn: accessLogDestination(c),
    defaultRouteSettings: routeSettings(pick(c, 'defaultRouteSettings', 'DefaultRouteSettings')),
    autoDeploy: bool(pick(c, 'autoDeploy', 'AutoDeploy')),
  };
}

/** @see ../shared/reference/config-resource-schema/AWS__ApiGatewayV2__Api.properties.json */
export function normalizeApiGatewayV2Api(input: ModelInput): ApiGatewayV2Api {
  const c = input.configuration;
  const cors = obj(pick(c, 'corsConfiguration', 'CorsConfiguration'));
  return {
    apiId: str(pick(c, 'apiId', 'ApiId')) ?? apiIdFrom('apis', input.arn, input.resourceId),
    name: str(pick(c, 'name', 'Name')) ?? input.resourceName ?? input.resourceId,
    protocolType: str(pick(c, 'protocolType', 'ProtocolType'))?.toUpperCase(),
    cors: cors && {
      allowOrigins: strs(pick(cors, 'allowOrigins', 'AllowOrigins')),
      allowCredentials: bool(pick(cors, 'allowCredentials', 'AllowCredentials')),
      allowMethods: strs(pick(cors, 'allowMethods', 'AllowMethods')),
      allowHeaders: strs(pick(cors, 'allowHeaders', 'AllowHeaders')),
    },
  };
}

export const apiGatewayModels = {
  'AWS::ApiGateway::Stage': normalizeApiGatewayStage,
  'AWS::ApiGatewayV2::Stage': normalizeApiGatewayV2Stage,
  'AWS::ApiGatewayV2::Api': normalizeApiGatewayV2Api,
} satisfies ModelRegistry;
