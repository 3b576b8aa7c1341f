import { compliant, defineRule, nonCompliant, notApplicable, RuleCategory } from '../rule.ts';

/**
 * An HTTP API without a CORS configuration sends no CORS headers, so browsers keep
 * cross-origin reads blocked: that passes. WebSocket APIs have no CORS.
 */
export default defineRule({
  id: 'apigateway-http-api-cors-restricted',
  title: 'API Gateway HTTP APIs do not allow every CORS origin',
  severity: 'medium',
  resourceTypes: ['AWS::ApiGatewayV2::Api'],
  category: RuleCategory.network,
  checklist: '002 CORS wildcard',
  remediation: {
    text: 'List the exact origins (scheme, host and port) of the front ends that call the API instead of "*".',
    cli: 'aws apigatewayv2 update-api --api-id <api-id> --cors-configuration AllowOrigins=https://app.example.com',
    cloudformation: 'CorsConfiguration:\n  AllowOrigins:\n    - https://app.example.com',
  },
  params: {},
  equivalents: {},
  evaluate(api) {
    const m = api.model;
    const name = api.resourceName ?? m.name;
    if (m.protocolType === 'WEBSOCKET') return notApplicable(`WebSocket API ${name} has no CORS configuration.`);
    if (!m.cors) return compliant(`HTTP API ${name} has no CORS configuration, so browsers block cross-origin calls.`);
    if (m.cors.allowOrigins.includes('*')) {
      return nonCompliant(`HTTP API ${name} allows CORS requests from any origin ("*").`);
    }
    const origins = m.cors.allowOrigins;
    return compliant(
      origins.length === 0
        ? `HTTP API ${name} allows no CORS origin.`
        : `HTTP API ${name} allows CORS from ${origins.length} listed origin(s): ${origins.slice(0, 3).join(', ')}${origins.length > 3 ? ', …' : ''}.`,
    );
  },
});
