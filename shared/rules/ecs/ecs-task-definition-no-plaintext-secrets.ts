import { findPlaintextSecrets, reasonWithList, secretDetectionParams } from '../lambda/_secret-detector.ts';
import { compliant, defineRule, nonCompliant, RuleCategory } from '../rule.ts';
import { inactiveVerdict, taskDefinitionLabel } from './_task-definition.ts';

export default defineRule({
  id: 'ecs-task-definition-no-plaintext-secrets',
  title: 'ECS task definitions pass secrets through `secrets`, not plaintext environment variables',
  severity: 'high',
  resourceTypes: ['AWS::ECS::TaskDefinition'],
  category: RuleCategory.identity,
  checklist: '003 secrets in plain .env files',
  remediation: {
    text:
      "Store the value in Secrets Manager or an SSM SecureString parameter and reference it from the container's `secrets` list " +
      '(ECS injects it at start with the execution role), then register a new revision and rotate the exposed value.',
    cli: 'aws ecs register-task-definition --cli-input-json file://taskdef.json  # with "secrets": [{"name": "DB_PASSWORD", "valueFrom": "<secret-arn>"}] instead of an "environment" entry',
    cloudformation: 'ContainerDefinitions:\n  - Name: api\n    Secrets:\n      - Name: DB_PASSWORD\n        ValueFrom: !Ref DatabaseSecret',
  },
  params: secretDetectionParams,
  equivalents: { fsbp: ['ECS.8'] },
  evaluate(td, { params }) {
    const inactive = inactiveVerdict(td);
    if (inactive) return inactive;
    const label = taskDefinitionLabel(td);
    const hits = td.model.containers.flatMap((container) =>
      findPlaintextSecrets(container.environment, params).map((hit) => `${hit.name} in ${container.name} (${hit.why})`),
    );
    if (hits.length === 0) {
      return compliant(`ECS task definition ${label} has no plaintext secret in its containers' environment variables.`);
    }
    return nonCompliant(reasonWithList(`ECS task definition ${label} has plaintext secrets in environment variables: `, hits));
  },
});
