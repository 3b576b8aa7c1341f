import { param } from '../params.ts';
import { compliant, defineRule, nonCompliant, notApplicable, RuleCategory } from '../rule.ts';

export default defineRule({
  id: 'lambda-function-node-env-production',
  title: 'Node.js Lambda functions tagged for production set NODE_ENV=production',
  severity: 'low',
  resourceTypes: ['AWS::Lambda::Function'],
  category: RuleCategory.monitoring,
  checklist: '000 NODE_ENV=production',
  remediation: {
    text:
      'Set NODE_ENV=production on production Node.js functions: frameworks and libraries (Express, React SSR, many loggers) switch off ' +
      'debug behaviour, verbose errors and development-only checks only when it is set.',
    cli: 'aws lambda update-function-configuration --function-name <function> --environment "Variables={NODE_ENV=production,<existing variables>}"',
    cloudformation: 'Environment:\n  Variables:\n    NODE_ENV: production',
  },
  params: {
    productionTag: param.string(
      'Environment:production',
      'The tag that marks a production function, as Key:Value (the value compared case-insensitively) or Key alone (any value).',
    ),
  },
  equivalents: {},
  evaluate(fn, { params }) {
    const name = fn.resourceName ?? fn.resourceId;
    const runtime = fn.model.runtime;
    if (!runtime?.startsWith('nodejs')) {
      return notApplicable(`Lambda function ${name} does not run on a Node.js runtime (${runtime ?? 'container image'}).`);
    }
    const separator = params.productionTag.indexOf(':');
    const key = separator < 0 ? params.productionTag : params.productionTag.slice(0, separator);
    const wanted = separator < 0 ? undefined : params.productionTag.slice(separator + 1);
    const actual = fn.tags[key];
    if (actual === undefined || (wanted !== undefined && actual.toLowerCase() !== wanted.toLowerCase())) {
      return notApplicable(`Lambda function ${name} is not tagged ${params.productionTag}.`);
    }
    const nodeEnv = fn.model.environment['NODE_ENV'];
    if (nodeEnv === 'production') return compliant(`Lambda function ${name} sets NODE_ENV=production.`);
    return nonCompliant(
      nodeEnv === undefined
        ? `Lambda function ${name} is tagged ${params.productionTag} but does not set NODE_ENV.`
        : `Lambda function ${name} is tagged ${params.productionTag} but sets NODE_ENV=${nodeEnv.slice(0, 40)}.`,
    );
  },
});
