import { describe, expect, it } from 'vitest';
import { NOT_RECORDED_BY_CONFIG } from '../../shared/domain/collected-types.ts';
import { isParamError } from '../../shared/engine/params.ts';
import { catalog } from '../../shared/rules/index.ts';
import { compliant, defineRule, RuleCategory, type Rule } from '../../shared/rules/rule.ts';
import { param } from '../../shared/rules/params.ts';
import { configSubscriptionTypes, ruleParamsJson } from '../../infra/subscriptions.ts';

const rule = (id: string, resourceTypes: string[], dependsOn?: string[]): Rule =>
  defineRule({
    id,
    title: 'Test resources are fine',
    severity: 'low',
    resourceTypes,
    category: RuleCategory.monitoring,
    checklist: 'test',
    remediation: { text: 'Nothing.' },
    params: { minDays: param.int(14, 'Minimum days.', { min: 1 }) },
    equivalents: {},
    ...(dependsOn ? { dependsOn } : {}),
    evaluate: (r) => compliant(`${r.resourceId} is fine.`),
  });

describe('configSubscriptionTypes', () => {
  it('subscribes evaluated and depended-on types once, sorted, leaving out types Config does not record', () => {
    // Prepare
    const rules = [
      rule('lambda-alarm', ['AWS::Lambda::Function'], ['AWS::CloudWatch::Alarm']),
      rule('log-retention', ['AWS::Logs::LogGroup']),
      rule('cache-encrypted', ['AWS::ElastiCache::ReplicationGroup']),
      rule('root-mfa', ['AWS::::Account'], ['AWS::IAM::User']),
      rule('waf', ['Vigil::WAFv2::WebACLAssociation']),
      rule('lambda-tracing', ['AWS::Lambda::Function']),
    ];

    // Act
    const types = configSubscriptionTypes(rules);

    // Assess
    expect(types).toEqual(['AWS::CloudWatch::Alarm', 'AWS::IAM::User', 'AWS::Lambda::Function']);
  });

  it('covers every Config type of the real catalog', () => {
    const types = configSubscriptionTypes(catalog);
    for (const r of catalog) {
      for (const t of r.resourceTypes) if (t.startsWith('AWS::') && !NOT_RECORDED_BY_CONFIG.has(t)) expect(types).toContain(t);
    }
    // Types Config does not record (log groups, ElastiCache …) never get a Config change event.
    for (const t of NOT_RECORDED_BY_CONFIG) expect(types).not.toContain(t);
    expect(types).not.toContain('AWS::ElastiCache::CacheCluster');
  });
});

describe('ruleParamsJson', () => {
  const rules = [rule('log-retention', ['AWS::Logs::LogGroup'])];

  it('accepts a JSON string or an object and returns compact JSON', () => {
    expect(ruleParamsJson(rules, '{ "log-retention": { "minDays": 30 } }')).toBe('{"log-retention":{"minDays":30}}');
    expect(ruleParamsJson(rules, { 'log-retention': { minDays: '30' } })).toBe('{"log-retention":{"minDays":"30"}}');
    expect(ruleParamsJson(rules, '')).toBe('{}');
    expect(ruleParamsJson(rules, undefined)).toBe('{}');
  });

  it('rejects unknown rules, unknown parameters and invalid values, naming them', () => {
    const failure = (raw: unknown) => {
      try {
        ruleParamsJson(rules, raw);
      } catch (error) {
        return error;
      }
      throw new Error('expected a failure');
    };
    const unknownRule = failure('{"no-such-rule":{}}');
    expect(isParamError(unknownRule) && unknownRule.parameter).toBe('no-such-rule');
    const unknownParam = failure({ 'log-retention': { maxDays: 3 } });
    expect(isParamError(unknownParam) && unknownParam.parameter).toBe('log-retention.maxDays');
    const badValue = failure({ 'log-retention': { minDays: 0 } });
    expect(isParamError(badValue) && badValue.parameter).toBe('log-retention.minDays');
    expect(failure('[1]')).toBeInstanceOf(TypeError);
    expect(failure('{oops')).toBeInstanceOf(SyntaxError);
  });
});
