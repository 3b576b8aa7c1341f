import { describe, expect, it } from 'vitest';
import * as z from '../../shared/zod.ts';
import { EnvError, isEnvError, jsonVar, readEnv } from '../../shared/adapters/env.ts';

const shape = {
  FINDINGS_TABLE_NAME: z.string().check(z.minLength(3)),
  EVALUATION_QUEUE_URL: z.url(),
  RULE_PARAMS: jsonVar(z.record(z.string(), z.record(z.string(), z.unknown()))),
};

describe('readEnv', () => {
  it('returns typed values, JSON variables parsed', () => {
    // Prepare
    const source = {
      FINDINGS_TABLE_NAME: 'vigil-prod-findings',
      EVALUATION_QUEUE_URL: 'https://sqs.eu-west-1.amazonaws.com/111122223333/vigil-prod-evaluation',
      RULE_PARAMS: '{"logs-log-group-retention-set":{"minRetentionDays":30}}',
      UNRELATED: 'ignored',
    };

    // Act
    const env = readEnv(shape, source);

    // Assess
    expect(env).toEqual({
      FINDINGS_TABLE_NAME: 'vigil-prod-findings',
      EVALUATION_QUEUE_URL: 'https://sqs.eu-west-1.amazonaws.com/111122223333/vigil-prod-evaluation',
      RULE_PARAMS: { 'logs-log-group-retention-set': { minRetentionDays: 30 } },
    });
  });

  it('names every bad variable at once', () => {
    // Prepare
    const source = { EVALUATION_QUEUE_URL: 'not a url', RULE_PARAMS: '{"a":' };

    // Act
    let caught: unknown;
    try {
      readEnv(shape, source);
    } catch (error) {
      caught = error;
    }

    // Assess
    expect(isEnvError(caught)).toBe(true);
    const problems = (caught as EnvError).problems;
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/^FINDINGS_TABLE_NAME: /);
    expect(problems[1]).toMatch(/^EVALUATION_QUEUE_URL: /);
    expect(problems[2]).toMatch(/^RULE_PARAMS: not valid JSON/);
    expect((caught as EnvError).message).toContain('redeploy');
  });

  it('validates a JSON variable after parsing it', () => {
    expect(() => readEnv(shape, { ...validSource(), RULE_PARAMS: '["not", "an", "object"]' })).toThrow(/RULE_PARAMS/);
  });
});

function validSource() {
  return {
    FINDINGS_TABLE_NAME: 'vigil-prod-findings',
    EVALUATION_QUEUE_URL: 'https://sqs.eu-west-1.amazonaws.com/111122223333/vigil-prod-evaluation',
    RULE_PARAMS: '{}',
  };
}
