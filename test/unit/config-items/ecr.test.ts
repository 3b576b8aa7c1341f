import { describe, expect, it } from 'vitest';
import type { EcrRepository } from '../../../shared/config-items/models/ecr.ts';
import { normalizeConfigurationItem } from '../../../shared/config-items/normalize.ts';

const ACCOUNT = '111122223333';
const ARN = `arn:aws:ecr:eu-west-1:${ACCOUNT}:repository/orders-api`;

function repoModel(envelope: Record<string, unknown>): EcrRepository {
  const item = { resourceType: 'AWS::ECR::Repository', resourceId: 'orders-api', resourceName: 'orders-api', awsRegion: 'eu-west-1', ...envelope };
  return normalizeConfigurationItem(item).model as EcrRepository;
}

describe('AWS::ECR::Repository model', () => {
  const policyText = JSON.stringify({
    rules: [{ rulePriority: 1, selection: { tagStatus: 'untagged', countType: 'sinceImagePushed', countUnit: 'days', countNumber: 7 }, action: { type: 'expire' } }],
  });
  const configuration = {
    Arn: ARN,
    RepositoryName: 'orders-api',
    ImageScanningConfiguration: { ScanOnPush: true },
    ImageTagMutability: 'IMMUTABLE',
    LifecyclePolicy: { LifecyclePolicyText: policyText, RegistryId: ACCOUNT },
  };

  it.each([
    ['notification', { awsAccountId: ACCOUNT, configuration }],
    ['api', { accountId: ACCOUNT, configuration: JSON.stringify(configuration) }],
  ])('reads scanning, tag mutability and the lifecycle policy rules (%s form)', (_form, envelope) => {
    // Act
    const repo = repoModel(envelope);

    // Assess
    expect(repo).toEqual({
      repositoryName: 'orders-api',
      repositoryArn: ARN,
      scanOnPush: true,
      imageTagMutability: 'IMMUTABLE',
      lifecyclePolicyText: policyText,
      lifecycleRuleCount: 1,
    });
  });

  it('reads an empty LifecyclePolicy object as no policy', () => {
    // Act
    const repo = repoModel({ awsAccountId: ACCOUNT, configuration: { ...configuration, LifecyclePolicy: {} } });

    // Assess
    expect(repo.lifecyclePolicyText).toBeUndefined();
    expect(repo.lifecycleRuleCount).toBeUndefined();
  });
});
