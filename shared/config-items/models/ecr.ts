import { bool, obj, path, pick, str } from '../decode.ts';
import type { ModelInput, ModelRegistry } from '../model-registry.ts';

export interface EcrRepository {
  readonly repositoryName: string;
  readonly repositoryArn: string | undefined;
  /** Basic scanning's scan-on-push flag; undefined when the item does not say. */
  readonly scanOnPush: boolean | undefined;
  /** MUTABLE, IMMUTABLE, or the *_WITH_EXCLUSION variants (tag filters exempt from the setting). */
  readonly imageTagMutability: string | undefined;
  /** The lifecycle policy document as text; undefined when none is set. */
  readonly lifecyclePolicyText: string | undefined;
  /** Rules in the lifecycle policy, when its text parses; undefined otherwise. */
  readonly lifecycleRuleCount: number | undefined;
}

declare module '../../domain/resource.ts' {
  interface ResourceModels {
    'AWS::ECR::Repository': EcrRepository;
  }
}

/**
 * @see ../shared/reference/config-resource-schema/AWS__ECR__Repository.properties.json
 * Recorded from the CloudFormation schema (PascalCase). A repository without a lifecycle policy
 * carries `LifecyclePolicy: {}`; with one, `LifecyclePolicyText` holds the policy as a JSON string.
 */
export function normalizeEcrRepository(input: ModelInput): EcrRepository {
  const c = input.configuration;
  const lifecycle = obj(pick(c, 'LifecyclePolicy', 'lifecyclePolicy'));
  const text = str(pick(lifecycle, 'LifecyclePolicyText', 'lifecyclePolicyText'));
  const rules = text === undefined ? undefined : path(text, 'rules');
  return {
    repositoryName: str(pick(c, 'RepositoryName', 'repositoryName')) ?? input.resourceName ?? input.resourceId,
    repositoryArn: str(pick(c, 'Arn', 'repositoryArn')) ?? input.arn,
    scanOnPush: bool(
      pick(obj(pick(c, 'ImageScanningConfiguration', 'imageScanningConfiguration')), 'ScanOnPush', 'scanOnPush'),
    ),
    imageTagMutability: str(pick(c, 'ImageTagMutability', 'imageTagMutability'))?.toUpperCase(),
    lifecyclePolicyText: text,
    lifecycleRuleCount: Array.isArray(rules) ? rules.length : undefined,
  };
}

export const ecrModels = {
  'AWS::ECR::Repository': normalizeEcrRepository,
} satisfies ModelRegistry;
