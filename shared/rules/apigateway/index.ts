import type { Rule } from '../rule.ts';
import apigatewayHttpApiCorsRestricted from './apigateway-http-api-cors-restricted.ts';
import apigatewayStageLoggingEnabled from './apigateway-stage-logging-enabled.ts';
import apigatewayStageThrottled from './apigateway-stage-throttled.ts';
import apigatewayStageTracingEnabled from './apigateway-stage-tracing-enabled.ts';
import apigatewayStageWafEnabled from './apigateway-stage-waf-enabled.ts';

export const apigatewayRules: readonly Rule[] = [
  apigatewayStageWafEnabled,
  apigatewayStageThrottled,
  apigatewayStageTracingEnabled,
  apigatewayStageLoggingEnabled,
  apigatewayHttpApiCorsRestricted,
];
