import { compliant, defineRule, nonCompliant, notApplicable, RuleCategory } from '../rule.ts';

export default defineRule({
  id: 'lambda-function-json-logs',
  title: 'Lambda functions write structured JSON logs',
  severity: 'low',
  resourceTypes: ['AWS::Lambda::Function'],
  category: RuleCategory.monitoring,
  checklist: '000 structured JSON logging, 001 JSON in production',
  remediation: {
    text:
      "Set the function's log format to JSON: Lambda then emits its platform records as JSON and the runtime's logger adds request ids, " +
      'so logs can be filtered and queried by field (CloudWatch Logs Insights, metric filters) and log levels can be set without code changes.',
    cli: 'aws lambda update-function-configuration --function-name <function> --logging-config LogFormat=JSON,ApplicationLogLevel=INFO,SystemLogLevel=WARN',
    cloudformation: 'LoggingConfig:\n  LogFormat: JSON\n  ApplicationLogLevel: INFO\n  SystemLogLevel: WARN',
  },
  params: {},
  equivalents: {},
  evaluate(fn) {
    const name = fn.resourceName ?? fn.resourceId;
    const format = fn.model.logFormat;
    if (format?.toUpperCase() === 'JSON') return compliant(`Lambda function ${name} logs in JSON format.`);
    // AWS Config does not record LoggingConfig (it is not in
    // ../shared/reference/config-resource-schema/AWS__Lambda__Function.properties.json); only a live
    // read has it. Without it the format is unknown, not Text.
    if (format === undefined) return notApplicable(`Lambda function ${name}: logging configuration not recorded.`);
    return nonCompliant(`Lambda function ${name} logs in ${format} format, not JSON.`);
  },
});
