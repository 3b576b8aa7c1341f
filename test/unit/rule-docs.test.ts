import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { ruleDocs } from '../../scripts/rule-docs.ts';

it('docs/rules.md is generated from the current catalog (run `npm run docs`)', () => {
  const committed = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'rules.md'), 'utf8');
  expect(committed).toBe(ruleDocs());
});

it('docs/rules.md states where rules differ from their AWS Config managed rules', () => {
  // Prepare: the readings the checklist makes explicit, each a sentence a user coming from AWS Config needs.
  const expected: Record<string, RegExp> = {
    'backup-plan-daily-with-retention': /at least one of its rules/,
    's3-bucket-replication-enabled': /every replication rule must be enabled/,
    'iam-policy-no-admin-access': /NotAction grants .* stay COMPLIANT/,
    's3-bucket-no-public-grants': /Block Public Access neutralises public grants/,
    'ec2-security-group-no-public-ssh': /IPv6 ::\/0 counts/,
    'ec2-security-group-no-public-data-ports': /IPv6 ::\/0 counts/,
    'ec2-volume-encrypted': /unattached volumes count/,
    'lambda-function-async-failure-destination': /does not record on-failure destinations/,
  };

  // Act
  const docs = ruleDocs();
  const section = docs.slice(docs.indexOf('## Differences from the AWS Config managed rules'));

  // Assess
  for (const [ruleId, sentence] of Object.entries(expected)) {
    const entry = section.split('\n- ').find((block) => block.startsWith(`[\`${ruleId}\`]`));
    expect(entry, ruleId).toMatch(sentence);
  }
});
