import type { RouteSettings } from '../../config-items/models/apigateway.ts';
import { param } from '../params.ts';
import { compliant, defineRule, nonCompliant, RuleCategory } from '../rule.ts';
import { ALL_METHODS, stageLabel, variant } from './_helpers.ts';

/**
 * Stage-wide throttling: a REST stage's `*\/*` method settings, an HTTP or WebSocket stage's
 * default route settings. Without them only the account-level quota (10,000 requests per second
 * shared by every API in the region) stands between one noisy client and the backend.
 */
/**
 * Absent data: no throttling limits in the stage-wide settings read as none set (the stage then
 * runs on the account's limits). Source:
 * ../shared/reference/config-resource-schema/AWS__ApiGateway__Stage.properties.json
 * (methodSettings.*.throttlingRateLimit / throttlingBurstLimit, present only when set).
 */
export default defineRule({
  id: 'apigateway-stage-throttled',
  title: 'API Gateway stages set a default throttling rate and burst',
  severity: 'medium',
  resourceTypes: ['AWS::ApiGateway::Stage', 'AWS::ApiGatewayV2::Stage'],
  category: RuleCategory.network,
  checklist: '000 rate limiting, 002 20 req/min, 004 rate limiting',
  remediation: {
    text: 'Set a stage-wide rate and burst limit sized to what the backend can serve; add per-client usage plans for finer limits.',
    cli: 'aws apigateway update-stage --rest-api-id <api-id> --stage-name <stage> --patch-operations op=replace,path=/*/*/throttling/rateLimit,value=100 op=replace,path=/*/*/throttling/burstLimit,value=200',
    cloudformation:
      '# AWS::ApiGateway::Stage\nMethodSettings:\n  - ResourcePath: "/*"\n    HttpMethod: "*"\n    ThrottlingRateLimit: 100\n    ThrottlingBurstLimit: 200\n# AWS::ApiGatewayV2::Stage\nDefaultRouteSettings:\n  ThrottlingRateLimit: 100\n  ThrottlingBurstLimit: 200',
  },
  params: {
    // A number, not param.int: API Gateway rates are fractional (seed 002's 20 requests a minute is 0.33/s).
    maxRatePerSecond: param.optionalPositiveNumber(
      'When set, the stage-wide rate limit (requests per second) must not exceed it. Unset: any configured limit passes.',
    ),
  },
  equivalents: {},
  evaluate(stage, { params }) {
    const v = variant(stage);
    const settings: RouteSettings | undefined =
      v.kind === 'rest' ? v.stage.model.methodSettings[ALL_METHODS] : v.stage.model.defaultRouteSettings;
    const where = v.kind === 'rest' ? 'stage-wide (*/*) method settings' : 'default route settings';
    const label = stageLabel(stage);
    const rate = settings?.throttlingRateLimit;
    const burst = settings?.throttlingBurstLimit;
    if (rate === undefined || burst === undefined) {
      const missing = [rate === undefined ? 'rate' : '', burst === undefined ? 'burst' : ''].filter(Boolean).join(' or ');
      return nonCompliant(`${label} sets no throttling ${missing} limit in its ${where}.`);
    }
    if (params.maxRatePerSecond !== undefined && rate > params.maxRatePerSecond) {
      return nonCompliant(`${label} allows ${rate} requests/s, above the maximum of ${params.maxRatePerSecond}.`);
    }
    return compliant(`${label} throttles at ${rate} requests/s with a burst of ${burst}.`);
  },
});
