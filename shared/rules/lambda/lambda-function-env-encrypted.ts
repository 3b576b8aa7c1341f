import { compliant, defineRule, nonCompliant, notApplicable, RuleCategory } from '../rule.ts';

/**
 * Absent data: no kmsKeyArn reads as the AWS managed key, which Lambda reports by leaving it out.
 * Source: ../shared/reference/config-resource-schema/AWS__Lambda__Function.properties.json
 * (configuration.kmskeyArn, present only for a customer managed key).
 */
export default defineRule({
  id: 'lambda-function-env-encrypted',
  title: 'Lambda functions with environment variables encrypt them with a customer managed KMS key',
  severity: 'low',
  resourceTypes: ['AWS::Lambda::Function'],
  category: RuleCategory.identity,
  checklist: '000 config encryption',
  remediation: {
    text:
      'Set a customer managed KMS key on the function so access to its configuration is governed by a key policy you control ' +
      '(with the default AWS managed key, anyone allowed lambda:GetFunctionConfiguration reads the variables).',
    cli: 'aws lambda update-function-configuration --function-name <function> --kms-key-arn <kms-key-arn>',
    cloudformation: 'KmsKeyArn: !GetAtt FunctionKey.Arn',
  },
  params: {},
  equivalents: {},
  evaluate(fn) {
    const name = fn.resourceName ?? fn.resourceId;
    const count = Object.keys(fn.model.environment).length;
    if (count === 0) return notApplicable(`Lambda function ${name} has no environment variables.`);
    return fn.model.kmsKeyArn
      ? compliant(`Lambda function ${name} encrypts its ${count} environment variables with KMS key ${fn.model.kmsKeyArn}.`)
      : nonCompliant(`Lambda function ${name} has ${count} environment variables encrypted only with the AWS managed key (no KmsKeyArn).`);
  },
});
