/**
 * Suppressions as code: `suppressions.yml`, deployed with the stack and applied by the sweep.
 * Validated at package time (infra/catalog.cjs: a bad entry fails `osls package`, naming it), then
 * carried to the sweep as JSON; each sweep makes the stored code suppressions equal the declared
 * ones (puts new or changed ones, deletes removed ones) before it re-evaluates everything, so a
 * removed or expired declaration re-opens its findings in that same sweep.
 */
import * as z from '../zod.ts';
import { InvalidSuppressionError, newSuppression, storedSuppressionSchema, SuppressionSource, type Suppression, type SuppressionPolicy } from '../domain/suppression.ts';
import type { FindingsStore } from './ports.ts';

/** Code suppressions are stored under this id prefix, apart from the API's. */
export const CODE_ID_PREFIX = 'code:';

const declarationSchema = z.looseObject({ id: z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'kebab-case, at most 63 characters')) });
const fileSchema = z.strictObject({ suppressions: z._default(z.array(z.unknown()), []) });

/**
 * Validates suppressions.yml's content (already parsed from YAML) and completes each entry.
 *
 * @throws InvalidSuppressionError naming `suppressions[i].field`.
 * @example
 * parseSuppressionsFile(parse(readFileSync('suppressions.yml', 'utf8')), new Date());
 */
export function parseSuppressionsFile(content: unknown, now: Date, policy: SuppressionPolicy = {}): Suppression[] {
  const file = fileSchema.safeParse(content ?? {});
  if (!file.success) throw new InvalidSuppressionError('(file)', `expected { suppressions: [...] }: ${file.error.issues[0]?.message ?? ''}`);
  const seen = new Set<string>();
  return file.data.suppressions.map((entry, i) => {
    const declared = declarationSchema.safeParse(entry);
    if (!declared.success) throw new InvalidSuppressionError(`suppressions[${i}].id`, declared.error.issues[0]?.message ?? 'required');
    const { id, ...input } = declared.data;
    if (seen.has(id)) throw new InvalidSuppressionError(`suppressions[${i}].id`, `duplicate id ${id}`);
    seen.add(id);
    try {
      return newSuppression(input, { id: `${CODE_ID_PREFIX}${id}`, now, source: SuppressionSource.code }, policy);
    } catch (error) {
      if (error instanceof InvalidSuppressionError) throw new InvalidSuppressionError(`suppressions[${i}] (${id}).${error.field}`, error.message.replace(/^[^:]*: /, ''), { cause: error });
      throw error;
    }
  });
}

const storedSchema = z.array(storedSuppressionSchema);

/** The sweep's copy (SUPPRESSIONS_AS_CODE, validated at package time); expiry is not re-checked: an expired one simply matches nothing. */
export function parseCodeSuppressionsJson(json: string): Suppression[] {
  return storedSchema.parse(JSON.parse(json.trim() === '' ? '[]' : json));
}

/**
 * Makes the stored code suppressions equal the declared ones.
 *
 * @example
 * await applyCodeSuppressions(store, declared); // { put: 1, deleted: 0 }
 */
export async function applyCodeSuppressions(
  store: Pick<FindingsStore, 'listSuppressions' | 'putSuppression' | 'deleteSuppression'>,
  declared: readonly Suppression[],
): Promise<{ readonly put: number; readonly deleted: number }> {
  const stored = new Map((await store.listSuppressions()).filter((s) => s.source === SuppressionSource.code || s.id.startsWith(CODE_ID_PREFIX)).map((s) => [s.id, s]));
  let put = 0;
  let deleted = 0;
  for (const s of declared) {
    const current = stored.get(s.id);
    // createdAt is the packaging time: a redeploy alone rewrites nothing.
    if (!current || !sameDeclaration(current, s)) {
      await store.putSuppression(s);
      put++;
    }
    stored.delete(s.id);
  }
  for (const id of stored.keys()) {
    await store.deleteSuppression(id);
    deleted++;
  }
  return { put, deleted };
}

function sameDeclaration(a: Suppression, b: Suppression): boolean {
  const strip = ({ createdAt: _c, ...rest }: Suppression) => JSON.stringify(rest, Object.keys(rest).sort());
  return strip(a) === strip(b);
}
