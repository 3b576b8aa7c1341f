import { compliant, defineRule, nonCompliant, notApplicable, RuleCategory } from '../rule.ts';
import { stageLabel } from './_helpers.ts';

export default defineRule({
  id: 'apigateway-stage-tracing-enabled',
  title: 'API Gateway REST API stages have X-Ray tracing enabled',
  severity: 'low',
  resourceTypes: ['AWS::ApiGateway::Stage'],
  category: RuleCategory.monitoring,
  checklist: '000 distributed tracing',
  remediation: {
    text: 'Turn on active X-Ray tracing for the stage so requests carry a trace id from the edge to the backend.',
    cli: 'aws apigateway update-stage --rest-api-id <api-id> --stage-name <stage> --patch-operations op=replace,path=/tracingEnabled,value=true',
    cloudformation: 'TracingEnabled: true',
  },
  params: {},
  equivalents: { awsConfigRule: 'api-gw-xray-enabled', fsbp: ['APIGateway.3'], prowler: 'apigateway_restapi_tracing_enabled' },
  evaluate(stage) {
    // GetStage always returns tracingEnabled, so a recorded item has it: without it, nothing is known.
    if (stage.model.tracingEnabled === undefined) return notApplicable(`${stageLabel(stage)}: X-Ray tracing not recorded.`);
    return stage.model.tracingEnabled
      ? compliant(`${stageLabel(stage)} has X-Ray tracing enabled.`)
      : nonCompliant(`${stageLabel(stage)} has X-Ray tracing disabled.`);
  },
});
