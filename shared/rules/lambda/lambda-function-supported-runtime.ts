import { param } from '../params.ts';
import { compliant, defineRule, nonCompliant, notApplicable, RuleCategory } from '../rule.ts';

/**
 * Runtimes whose deprecation date on AWS's Lambda runtimes page
 * (https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html) is on or before 2026-04-30,
 * as the schedule was published in 2025: Node.js ≤ 20 (nodejs20.x: 2026-04-30), Python ≤ 3.9
 * (2025-12-15), Ruby ≤ 3.2 (2026-03-31), Java 8 on Amazon Linux 1, .NET ≤ 7, Go 1.x and `provided`
 * (Amazon Linux 1).
 */
const DEPRECATED_RUNTIMES = [
  'nodejs',
  'nodejs4.3',
  'nodejs4.3-edge',
  'nodejs6.10',
  'nodejs8.10',
  'nodejs10.x',
  'nodejs12.x',
  'nodejs14.x',
  'nodejs16.x',
  'nodejs18.x',
  'nodejs20.x',
  'python2.7',
  'python3.6',
  'python3.7',
  'python3.8',
  'python3.9',
  'ruby2.5',
  'ruby2.7',
  'ruby3.2',
  'java8',
  'dotnetcore1.0',
  'dotnetcore2.0',
  'dotnetcore2.1',
  'dotnetcore3.1',
  'dotnet5.0',
  'dotnet6',
  'dotnet7',
  'go1.x',
  'provided',
] as const;

export default defineRule({
  id: 'lambda-function-supported-runtime',
  title: 'Lambda functions run on a runtime AWS still supports',
  severity: 'medium',
  resourceTypes: ['AWS::Lambda::Function'],
  category: RuleCategory.availability,
  checklist: '(hardening)',
  remediation: {
    text:
      'Upgrade the function to a supported runtime (e.g. nodejs22.x, python3.13, java21, dotnet8, ruby3.4, provided.al2023). ' +
      'Deprecated runtimes get no security patches, and AWS later blocks creating and then updating functions that use them.',
    cli: 'aws lambda update-function-configuration --function-name <function> --runtime nodejs22.x',
    cloudformation: 'Runtime: nodejs22.x',
  },
  params: {
    deprecatedRuntimes: param.stringList(
      DEPRECATED_RUNTIMES,
      'Runtime identifiers treated as deprecated. Default: every runtime whose AWS deprecation date is on or before 2026-04-30 ' +
        '(AWS Lambda runtimes page, schedule as published in 2025); add later ones as their dates pass (e.g. dotnet8 on 2026-11-10).',
    ),
  },
  // Not lambda-function-settings-check: that managed rule takes an allow-list of runtimes and also
  // checks role, timeout and memory size, so its verdicts differ from a deprecation deny-list.
  equivalents: { fsbp: ['Lambda.2'] },
  // Every difference from the managed rule, as docs/rules.md states it.
  managedRule: {
    rule: 'lambda-function-settings-check',
    differences: [
      'Different: a deny-list of deprecated runtimes; the managed rule takes an allow-list and also checks role, timeout and memory size.',
    ],
  },
  evaluate(fn, { params }) {
    const name = fn.resourceName ?? fn.resourceId;
    const runtime = fn.model.runtime;
    if (runtime === undefined) {
      return notApplicable(`Lambda function ${name} is a container image (package type ${fn.model.packageType}) with no managed runtime.`);
    }
    return params.deprecatedRuntimes.includes(runtime)
      ? nonCompliant(`Lambda function ${name} runs on deprecated runtime ${runtime}.`)
      : compliant(`Lambda function ${name} runs on runtime ${runtime}, which is not deprecated.`);
  },
});
