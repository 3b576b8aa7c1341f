import type { Resource } from '../../domain/resource.ts';

export type RestStage = Resource<'AWS::ApiGateway::Stage'>;
export type HttpStage = Resource<'AWS::ApiGatewayV2::Stage'>;
/** What rules over both stage types receive: the model is not yet tied to the type. */
export type AnyStage = Resource<'AWS::ApiGateway::Stage' | 'AWS::ApiGatewayV2::Stage'>;
/** Resource<T> is invariant in T, so helpers take each form explicitly. */
export type StageLike = RestStage | HttpStage | AnyStage;
export type StageVariant = { readonly kind: 'rest'; readonly stage: RestStage } | { readonly kind: 'http'; readonly stage: HttpStage };

/** The method-settings key that holds a REST stage's defaults for every method. */
export const ALL_METHODS = '*/*';

/**
 * The stage with its model narrowed by its resource type (the model registry builds the model
 * from the type, so the pairing holds by construction).
 */
export function variant(stage: StageLike): StageVariant {
  return stage.resourceType === 'AWS::ApiGateway::Stage'
    ? { kind: 'rest', stage: stage as RestStage }
    : { kind: 'http', stage: stage as HttpStage };
}

/** `Stage prod of REST API a1b2c3d4e5` (Config's resourceName is the stage name). */
export function stageLabel(stage: StageLike): string {
  const name = stage.resourceName ?? stage.resourceId;
  const v = variant(stage);
  const api = v.kind === 'rest' ? v.stage.model.restApiId : v.stage.model.apiId;
  const kind = v.kind === 'rest' ? 'REST API' : 'API';
  return api ? `Stage ${name} of ${kind} ${api}` : `${kind} stage ${name}`;
}
