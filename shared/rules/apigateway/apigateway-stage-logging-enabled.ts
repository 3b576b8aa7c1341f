import { compliant, defineRule, nonCompliant, RuleCategory } from '../rule.ts';
import { ALL_METHODS, stageLabel, variant } from './_helpers.ts';

const EXECUTION_LEVELS = new Set(['ERROR', 'INFO']);

/** `/aws/apigateway/orders` from `arn:aws:logs:…:log-group:/aws/apigateway/orders:*`; a stream's tail for Firehose. */
function destinationName(arn: string): string {
  return arn.replace(/:\*$/, '').split(':').at(-1) || arn;
}

/**
 * Logging counts when either execution logs (ERROR or INFO) or access logs are on. A REST stage's
 * execution logging must be on for every method: `*\/*` at ERROR/INFO with no method overriding it
 * to OFF. HTTP APIs only have access logs; WebSocket stages may log executions on the default route.
 * Not claimed as api-gw-execution-logging-enabled: that rule ignores access logs (and
 * api-gwv2-access-logs-enabled covers only the v2 half).
 */
/**
 * Absent data: no access log settings read as no access logging, and no logging level as OFF.
 * Source: ../shared/reference/managed-rules/api-gwv2-access-logs-enabled.md ("NON_COMPLIANT if
 * 'accessLogSettings' is not present in Stage configuration") and
 * ../shared/reference/managed-rules/api-gw-execution-logging-enabled.md.
 */
export default defineRule({
  id: 'apigateway-stage-logging-enabled',
  title: 'API Gateway stages write execution or access logs',
  severity: 'medium',
  resourceTypes: ['AWS::ApiGateway::Stage', 'AWS::ApiGatewayV2::Stage'],
  category: RuleCategory.monitoring,
  checklist: '000 log aggregation',
  remediation: {
    text: 'Send access logs (one JSON line per request, with $context.requestId) to a CloudWatch Logs group; on REST APIs, execution logging at ERROR helps too.',
    cli: 'aws apigatewayv2 update-stage --api-id <api-id> --stage-name <stage> --access-log-settings DestinationArn=<log-group-arn>,Format=\'{"requestId":"$context.requestId","status":"$context.status"}\'',
    cloudformation:
      'AccessLogSetting:        # AWS::ApiGateway::Stage (AccessLogSettings on AWS::ApiGatewayV2::Stage)\n  DestinationArn: !GetAtt ApiAccessLogs.Arn\n  Format: \'{"requestId":"$context.requestId","status":"$context.status"}\'',
  },
  params: {},
  equivalents: { fsbp: ['APIGateway.1', 'APIGateway.9'] },
  evaluate(stage) {
    const v = variant(stage);
    const label = stageLabel(stage);
    const accessLogs = v.stage.model.accessLogDestinationArn;
    if (accessLogs) return compliant(`${label} writes access logs to ${destinationName(accessLogs)}.`);
    if (v.kind === 'http') {
      const level = v.stage.model.defaultRouteSettings.loggingLevel;
      return level !== undefined && EXECUTION_LEVELS.has(level)
        ? compliant(`${label} logs executions at ${level} on its default route.`)
        : nonCompliant(`${label} has no access logging configured.`);
    }
    const settings = v.stage.model.methodSettings;
    const level = settings[ALL_METHODS]?.loggingLevel;
    if (level === undefined || !EXECUTION_LEVELS.has(level)) {
      return nonCompliant(`${label} has no access logs and execution logging ${level ?? 'OFF'} on */*.`);
    }
    const silenced = Object.entries(settings).find(([key, s]) => key !== ALL_METHODS && s.loggingLevel === 'OFF')?.[0];
    return silenced
      ? nonCompliant(`${label} has no access logs, and method ${silenced} turns execution logging OFF.`)
      : compliant(`${label} logs executions at ${level} for every method.`);
  },
});
