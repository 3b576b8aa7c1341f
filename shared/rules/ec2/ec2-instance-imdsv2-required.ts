import { compliant, defineRule, nonCompliant, notApplicable, RuleCategory } from '../rule.ts';

export default defineRule({
  id: 'ec2-instance-imdsv2-required',
  title: 'EC2 instances require IMDSv2 session tokens',
  severity: 'high',
  resourceTypes: ['AWS::EC2::Instance'],
  category: RuleCategory.network,
  checklist: '004 (hardening)',
  remediation: {
    text: 'Require session tokens (IMDSv2) on the instance metadata service, so an SSRF in the workload cannot read the instance role credentials with a plain GET.',
    cli: 'aws ec2 modify-instance-metadata-options --instance-id <instance-id> --http-tokens required --http-endpoint enabled',
    cloudformation: 'LaunchTemplateData:\n  MetadataOptions:\n    HttpTokens: required\n    HttpPutResponseHopLimit: 2',
  },
  params: {},
  // As ec2-imdsv2-check: only httpTokens counts, so a disabled endpoint with optional tokens still
  // fails (re-enabling the endpoint would bring IMDSv1 back).
  equivalents: { awsConfigRule: 'ec2-imdsv2-check', fsbp: ['EC2.8'], prowler: 'ec2_instance_imdsv2_enabled' },
  evaluate(instance) {
    const id = instance.model.instanceId;
    const { httpTokens, httpEndpoint } = instance.model.metadataOptions;
    if (httpTokens === 'required') return compliant(`EC2 instance ${id} requires IMDSv2 (httpTokens required).`);
    // ec2-imdsv2-check is NON_COMPLIANT only when HttpTokens is optional: unrecorded is not that.
    if (httpTokens === undefined) return notApplicable(`EC2 instance ${id}: metadata options (httpTokens) not recorded.`);
    const endpoint = httpEndpoint === 'disabled' ? ' (endpoint currently disabled)' : '';
    return nonCompliant(`EC2 instance ${id} allows IMDSv1: httpTokens is ${httpTokens}${endpoint}.`);
  },
});
