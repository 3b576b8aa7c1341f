import { compliant, defineRule, nonCompliant, RuleCategory } from '../rule.ts';
import { findPlaintextSecrets, reasonWithList, secretDetectionParams } from './_secret-detector.ts';

export default defineRule({
  id: 'lambda-function-no-plaintext-secrets',
  title: 'Lambda functions keep no plaintext secrets in environment variables',
  severity: 'critical',
  resourceTypes: ['AWS::Lambda::Function'],
  category: RuleCategory.identity,
  checklist: '000/002/003 secrets in plaintext env',
  remediation: {
    text:
      'Move the secret to Secrets Manager or an SSM SecureString parameter, pass its ARN or name in the variable instead (e.g. DB_SECRET_ARN), ' +
      'read it at cold start (Powertools Parameters caches it), then rotate the exposed value: anyone who can read the function configuration or AWS Config history has seen it.',
    cli: 'aws lambda update-function-configuration --function-name <function> --environment "Variables={DB_SECRET_ARN=<secret-arn>}"',
    cloudformation: 'Environment:\n  Variables:\n    DB_SECRET_ARN: !Ref DatabaseSecret',
  },
  params: secretDetectionParams,
  equivalents: { prowler: 'awslambda_function_no_secrets_in_variables' },
  evaluate(fn, { params }) {
    const name = fn.resourceName ?? fn.resourceId;
    const variables = Object.entries(fn.model.environment).map(([key, value]) => ({ name: key, value }));
    if (variables.length === 0) return compliant(`Lambda function ${name} has no environment variables.`);
    const hits = findPlaintextSecrets(variables, params);
    if (hits.length === 0) {
      return compliant(`Lambda function ${name} has ${variables.length} environment variables and none holds a plaintext secret.`);
    }
    return nonCompliant(
      reasonWithList(
        `Lambda function ${name} has plaintext secrets in environment variables: `,
        hits.map((h) => `${h.name} (${h.why})`),
      ),
    );
  },
});
