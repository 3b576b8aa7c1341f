import { describe, expect, it } from 'vitest';
import { webAclLabel, type WafV2WebAcl, type WebAclAssociation } from '../../../shared/config-items/models/wafv2.ts';
import { normalizeConfigurationItem } from '../../../shared/config-items/normalize.ts';

const ACCOUNT = '111122223333';
const ACL_ARN = `arn:aws:wafv2:eu-west-1:${ACCOUNT}:regional/webacl/api-protection/3f9c1e7a-2b4d-4c6e-8f0a-1b2c3d4e5f60`;
const rateRule = {
  name: 'rate-limit-per-ip',
  priority: 1,
  statement: { rateBasedStatement: { limit: 2000, aggregateKeyType: 'IP' } },
  action: { block: {} },
};
const managedRule = {
  name: 'AWSManagedRulesCommonRuleSet',
  priority: 0,
  statement: { managedRuleGroupStatement: { vendorName: 'AWS', name: 'AWSManagedRulesCommonRuleSet' } },
  overrideAction: { none: {} },
};

function webAcl(configuration: unknown, form: 'notification' | 'api') {
  const envelope = form === 'api' ? { accountId: ACCOUNT, configuration: JSON.stringify(configuration) } : { awsAccountId: ACCOUNT, configuration };
  return { ...envelope, resourceType: 'AWS::WAFv2::WebACL', resourceId: '3f9c1e7a-2b4d-4c6e-8f0a-1b2c3d4e5f60', resourceName: 'api-protection', arn: ACL_ARN, awsRegion: 'eu-west-1' };
}

describe('AWS::WAFv2::WebACL model', () => {
  it.each([
    ['notification, statements as objects', 'notification', [managedRule, rateRule]],
    // Some CI versions carry each statement as a JSON string.
    ['api, statements as JSON strings', 'api', [managedRule, rateRule].map((r) => ({ ...r, statement: JSON.stringify(r.statement) }))],
  ] as const)('classifies rules and reads their actions (%s)', (_case, form, rules) => {
    // Act
    const acl = normalizeConfigurationItem(webAcl({ name: 'api-protection', arn: ACL_ARN, defaultAction: { allow: {} }, rules }, form)).model as WafV2WebAcl;

    // Assess
    expect(acl).toMatchObject({ name: 'api-protection', arn: ACL_ARN, defaultAction: 'allow', firewallManagerRuleGroupCount: 0 });
    expect(acl.rules).toEqual([
      { name: 'AWSManagedRulesCommonRuleSet', priority: 0, kind: 'managed-rule-group', action: undefined, overrideAction: 'none', rateLimit: undefined },
      { name: 'rate-limit-per-ip', priority: 1, kind: 'rate-based', action: 'block', overrideAction: undefined, rateLimit: 2000 },
    ]);
  });

  it('reads CloudFormation-cased actions and counts Firewall Manager rule groups', () => {
    // Prepare
    const configuration = {
      Name: 'fms-baseline',
      DefaultAction: { Block: {} },
      Rules: [{ Name: 'rate', Priority: 0, Statement: { RateBasedStatement: { Limit: 100 } }, Action: { Count: {} } }],
      preProcessFirewallManagerRuleGroups: [{ name: 'PREFMManaged-baseline', priority: 0 }],
      postProcessFirewallManagerRuleGroups: [],
    };

    // Act
    const acl = normalizeConfigurationItem(webAcl(configuration, 'notification')).model as WafV2WebAcl;

    // Assess
    expect(acl.defaultAction).toBe('block');
    expect(acl.rules[0]).toMatchObject({ kind: 'rate-based', action: 'count', rateLimit: 100 });
    expect(acl.firewallManagerRuleGroupCount).toBe(1);
  });
});

describe('Vigil::WAFv2::WebACLAssociation model', () => {
  it.each([
    [ACL_ARN, 'api-protection', ACL_ARN],
    [null, null, undefined],
  ])('reads web ACL %s as %s', (webAclArn, webAclName, expected) => {
    // Prepare
    const lbArn = `arn:aws:elasticloadbalancing:eu-west-1:${ACCOUNT}:loadbalancer/app/web-prod/50dc6c495c0c9188`;
    const ci = {
      awsAccountId: ACCOUNT,
      awsRegion: 'eu-west-1',
      resourceType: 'Vigil::WAFv2::WebACLAssociation',
      resourceId: lbArn,
      configuration: { resourceArn: lbArn, webAclArn, webAclName },
    };

    // Act
    const association = normalizeConfigurationItem(ci).model as WebAclAssociation;

    // Assess
    expect(association).toEqual({ resourceArn: lbArn, webAclArn: expected, webAclName: webAclName ?? undefined });
  });
});

describe('webAclLabel', () => {
  it.each([
    [`arn:aws:wafv2:eu-west-1:${ACCOUNT}:regional/webacl/api-protection/3f9c1e7a-2b4d-4c6e-8f0a-1b2c3d4e5f60`, 'api-protection'],
    [`arn:aws:wafv2:us-east-1:${ACCOUNT}:global/webacl/edge-protection/7d8e9f0a-1b2c-4d3e-a5f6-0718293a4b5c`, 'edge-protection'],
    ['a1b2c3d4-5678-90ab-cdef-EXAMPLE11111', 'a1b2c3d4-5678-90ab-cdef-EXAMPLE11111'],
  ])('%s → %s', (arn, expected) => {
    expect(webAclLabel(arn)).toBe(expected);
  });
});
