import { compliant, defineRule, nonCompliant, RuleCategory } from '../rule.ts';
import { publicGrants } from './_resource-policy.ts';

export default defineRule({
  id: 'lambda-function-not-public',
  title: 'Lambda function policies do not allow public invocation',
  severity: 'critical',
  resourceTypes: ['AWS::Lambda::Function'],
  category: RuleCategory.identity,
  checklist: '000 public functions',
  remediation: {
    text:
      'Remove the statement that grants `*` the right to invoke the function, or add a condition naming the source: aws:SourceArn ' +
      'and aws:SourceAccount for a service (S3 needs aws:SourceAccount), aws:PrincipalOrgID for an organization. For a function URL, use AuthType AWS_IAM.',
    cli: 'aws lambda remove-permission --function-name <function> --statement-id <sid>\naws lambda add-permission --function-name <function> --statement-id <sid> --action lambda:InvokeFunction --principal s3.amazonaws.com --source-arn <bucket-arn> --source-account <account-id>',
    cloudformation: 'Type: AWS::Lambda::Permission\nProperties:\n  Action: lambda:InvokeFunction\n  FunctionName: !Ref Function\n  Principal: s3.amazonaws.com\n  SourceArn: !GetAtt Bucket.Arn\n  SourceAccount: !Ref AWS::AccountId',
  },
  params: {},
  equivalents: {
    awsConfigRule: 'lambda-function-public-access-prohibited',
    fsbp: ['Lambda.1'],
  },
  evaluate(fn) {
    const name = fn.resourceName ?? fn.resourceId;
    if (!fn.model.policy) return compliant(`Lambda function ${name} has no resource-based policy.`);
    const grants = publicGrants(fn.model.policy);
    const first = grants[0];
    if (!first) return compliant(`Lambda function ${name} grants invocation only to named principals or with a source condition.`);
    const statement = first.sid ? `statement ${first.sid}` : 'a statement';
    const action = first.actions.join(', ') || 'its actions';
    const more = grants.length > 1 ? ` (${grants.length} such statements)` : '';
    return nonCompliant(
      `Lambda function ${name} is public: ${statement} allows ${action} to principal ${first.principal} ${first.gap}${more}.`,
    );
  },
});
