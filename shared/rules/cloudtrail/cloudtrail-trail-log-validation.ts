import { compliant, defineRule, nonCompliant, notApplicable, RuleCategory } from '../rule.ts';

export default defineRule({
  id: 'cloudtrail-trail-log-validation',
  title: 'CloudTrail trails have log file validation enabled',
  severity: 'low',
  resourceTypes: ['AWS::CloudTrail::Trail'],
  category: RuleCategory.monitoring,
  checklist: '000 audit logging',
  remediation: {
    text: 'Enable log file validation so CloudTrail delivers signed digest files that prove the logs were not modified or deleted.',
    cli: 'aws cloudtrail update-trail --name <trail> --enable-log-file-validation',
    cloudformation: 'Type: AWS::CloudTrail::Trail\nProperties:\n  EnableLogFileValidation: true',
  },
  params: {},
  equivalents: {
    awsConfigRule: 'cloud-trail-log-file-validation-enabled',
    fsbp: ['CloudTrail.4'],
    prowler: 'cloudtrail_log_file_validation_enabled',
  },
  evaluate(trail) {
    const { name, logFileValidationEnabled } = trail.model;
    // DescribeTrails always returns LogFileValidationEnabled: without it, nothing is known.
    if (logFileValidationEnabled === undefined) return notApplicable(`CloudTrail trail ${name}: log file validation not recorded.`);
    return logFileValidationEnabled
      ? compliant(`CloudTrail trail ${name} has log file validation enabled.`)
      : nonCompliant(`CloudTrail trail ${name} has log file validation disabled.`);
  },
});
