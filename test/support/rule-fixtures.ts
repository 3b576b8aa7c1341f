import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { VerdictStatus } from '../../shared/domain/evaluation.ts';

export const FIXTURES_DIR = join(import.meta.dirname, '..', 'fixtures', 'rules');
/** A fixed clock for fixtures, so time-based rules are deterministic. */
export const FIXTURE_NOW = new Date('2026-11-23T00:00:00.000Z');

/** A verdict, or INPUT_ERROR: the subject is refused by the normalizer with an error naming a field. */
export type FixtureExpectation = VerdictStatus | 'INPUT_ERROR';

export interface RuleFixture {
  readonly file: string;
  readonly expected: FixtureExpectation;
  /** The configuration item the rule evaluates, in a real CI shape (notification or API form). */
  readonly subject: unknown;
  /** Other configuration items of the account, for cross-resource and account-level rules. */
  readonly inventory: readonly unknown[];
  readonly params: Readonly<Record<string, unknown>>;
  readonly now: Date;
  /** The subject and inventory are a whole account (InventoryView.complete); absent: the test's default. */
  readonly complete: boolean | undefined;
}

const PREFIX: Record<string, FixtureExpectation> = {
  'input-error': 'INPUT_ERROR',
  compliant: 'COMPLIANT',
  'non-compliant': 'NON_COMPLIANT',
  'not-applicable': 'NOT_APPLICABLE',
};

/**
 * Fixtures live in test/fixtures/rules/<rule-id>/<expected>--<slug>.json, <expected> being
 * compliant | non-compliant | not-applicable | input-error. A file is either one configuration
 * item, or `{ "subject": CI, "inventory": [CI…], "params": {…}, "now": "ISO date", "complete": true }`
 * (`complete`: the subject and inventory are the whole account, see InventoryView.complete).
 */
export function loadRuleFixtures(ruleId: string): RuleFixture[] {
  const dir = join(FIXTURES_DIR, ruleId);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => {
      const prefix = file.split('--')[0] ?? '';
      const expected = PREFIX[prefix];
      if (!expected) throw new Error(`${ruleId}/${file}: name must start with compliant--, non-compliant--, not-applicable-- or input-error--`);
      const body: unknown = JSON.parse(readFileSync(join(dir, file), 'utf8'));
      if (typeof body === 'object' && body !== null && 'subject' in body) {
        const w = body as { subject: unknown; inventory?: unknown[]; params?: Record<string, unknown>; now?: string; complete?: boolean };
        return {
          file: `${ruleId}/${file}`,
          expected,
          subject: w.subject,
          inventory: w.inventory ?? [],
          params: w.params ?? {},
          now: w.now ? new Date(w.now) : FIXTURE_NOW,
          complete: w.complete,
        };
      }
      return { file: `${ruleId}/${file}`, expected, subject: body, inventory: [], params: {}, now: FIXTURE_NOW, complete: undefined };
    });
}
