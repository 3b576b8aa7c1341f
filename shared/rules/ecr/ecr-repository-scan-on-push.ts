import { compliant, defineRule, nonCompliant, notApplicable, RuleCategory } from '../rule.ts';

export default defineRule({
  id: 'ecr-repository-scan-on-push',
  title: 'ECR repositories scan images for vulnerabilities on push',
  severity: 'high',
  resourceTypes: ['AWS::ECR::Repository'],
  category: RuleCategory.monitoring,
  checklist: '000 vulnerability scanning, 003 container scanning',
  remediation: {
    text:
      'Turn on scan on push for the repository (basic scanning), or enhanced scanning with Amazon Inspector for the registry, ' +
      'so every pushed image is checked for known CVEs before it is deployed.',
    cli: 'aws ecr put-image-scanning-configuration --repository-name <repository> --image-scanning-configuration scanOnPush=true',
    cloudformation: 'ImageScanningConfiguration:\n  ScanOnPush: true',
  },
  params: {},
  // Agrees with ecr-private-image-scanning-enabled for basic scanning. Enhanced scanning is a
  // registry-level setting that the repository's item does not carry; a repository covered only
  // by it is reported here (and is COMPLIANT for the managed rule): suppress, or set scanOnPush too.
  equivalents: { awsConfigRule: 'ecr-private-image-scanning-enabled', fsbp: ['ECR.1'] },
  // Every difference from the managed rule, as docs/rules.md states it.
  managedRule: {
    rule: 'ecr-private-image-scanning-enabled',
    differences: [
      'Stricter: a repository covered only by registry-level enhanced scanning is NON_COMPLIANT (its item does not carry that setting); set scanOnPush too, or suppress.',
    ],
  },
  evaluate(repo) {
    const name = repo.resourceName ?? repo.model.repositoryName;
    // Config records ImageScanningConfiguration for every repository: without it, nothing is known.
    if (repo.model.scanOnPush === undefined) return notApplicable(`ECR repository ${name}: scan on push not recorded.`);
    return repo.model.scanOnPush === true
      ? compliant(`ECR repository ${name} scans images on push.`)
      : nonCompliant(`ECR repository ${name} has scan on push ${repo.model.scanOnPush === false ? 'disabled' : 'not configured'}.`);
  },
});
