import { webAclLabel } from '../../config-items/models/wafv2.ts';
import { compliant, defineRule, nonCompliant, RuleCategory } from '../rule.ts';
import { stageLabel } from './_helpers.ts';

/**
 * Absent data: no webAclArn reads as no web ACL (GetStage carries it only when one is associated).
 * Source: ../shared/reference/managed-rules/api-gw-associated-with-waf.md ("NON_COMPLIANT if an AWS
 * WAF Web ACL is not used").
 */
export default defineRule({
  id: 'apigateway-stage-waf-enabled',
  title: 'API Gateway REST API stages are protected by a WAF web ACL',
  severity: 'medium',
  resourceTypes: ['AWS::ApiGateway::Stage'],
  category: RuleCategory.network,
  checklist: '000 WAF',
  remediation: {
    text: 'Associate a regional AWS WAF web ACL (managed rule groups plus a rate-based rule) with the stage.',
    cli: 'aws wafv2 associate-web-acl --web-acl-arn <web-acl-arn> --resource-arn arn:aws:apigateway:<region>::/restapis/<api-id>/stages/<stage>',
    cloudformation:
      'Type: AWS::WAFv2::WebACLAssociation\nProperties:\n  ResourceArn: !Sub arn:aws:apigateway:${AWS::Region}::/restapis/${Api}/stages/${Stage}\n  WebACLArn: !GetAtt WebACL.Arn',
  },
  params: {},
  equivalents: { awsConfigRule: 'api-gw-associated-with-waf', fsbp: ['APIGateway.4'], prowler: 'apigateway_restapi_waf_acl_attached' },
  evaluate(stage) {
    const webAclArn = stage.model.webAclArn;
    return webAclArn
      ? compliant(`${stageLabel(stage)} is protected by web ACL ${webAclLabel(webAclArn)}.`)
      : nonCompliant(`${stageLabel(stage)} has no WAF web ACL associated.`);
  },
});
