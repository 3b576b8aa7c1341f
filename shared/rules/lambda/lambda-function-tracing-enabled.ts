import { compliant, defineRule, nonCompliant, notApplicable, RuleCategory } from '../rule.ts';

export default defineRule({
  id: 'lambda-function-tracing-enabled',
  title: 'Lambda functions have active X-Ray tracing',
  severity: 'low',
  resourceTypes: ['AWS::Lambda::Function'],
  category: RuleCategory.monitoring,
  checklist: '000 distributed tracing, 001 trace ids',
  remediation: {
    text:
      'Turn on active tracing so Lambda samples and traces requests end to end (give the role xray:PutTraceSegments and xray:PutTelemetryRecords, ' +
      'e.g. with the AWSXRayDaemonWriteAccess managed policy).',
    cli: 'aws lambda update-function-configuration --function-name <function> --tracing-config Mode=Active',
    cloudformation: 'TracingConfig:\n  Mode: Active',
  },
  params: {},
  equivalents: { fsbp: ['Lambda.7'] },
  evaluate(fn) {
    const name = fn.resourceName ?? fn.resourceId;
    const mode = fn.model.tracingMode;
    // Lambda reports TracingConfig for every function (PassThrough by default): none is unrecorded data.
    if (mode === undefined) return notApplicable(`Lambda function ${name}: tracing mode not recorded.`);
    return mode === 'Active'
      ? compliant(`Lambda function ${name} has active X-Ray tracing.`)
      : nonCompliant(`Lambda function ${name} has tracing mode ${mode ?? 'unset (PassThrough)'}, not Active.`);
  },
});
