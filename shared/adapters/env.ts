import * as z from '../zod.ts';

/**
 * A Lambda's environment is wrong (a variable missing or malformed): a deployment fault, not an
 * event fault. Names every bad variable at once so one redeploy fixes them all.
 */
export class EnvError extends Error {
  override readonly name = 'EnvError';
  /** `NAME: problem`, one per bad variable. */
  readonly problems: readonly string[];
  constructor(problems: readonly string[], options?: ErrorOptions) {
    super(`invalid Lambda environment (check serverless.yml and redeploy): ${problems.join('; ')}`, options);
    this.problems = problems;
  }
}

export function isEnvError(error: unknown): error is EnvError {
  return error instanceof EnvError;
}

/**
 * Reads and validates environment variables once (call it at module scope, i.e. cold start):
 * a misconfigured function fails its first invocation with every problem named, instead of
 * failing later on one event with an `undefined` table name.
 *
 * @throws EnvError listing every missing or invalid variable.
 * @example
 * const env = readEnv({ FINDINGS_TABLE_NAME: z.string().check(z.minLength(3)), RULE_PARAMS: jsonVar(z.record(z.string(), z.unknown())) });
 */
export function readEnv<S extends z.core.$ZodShape>(
  shape: S,
  source: Readonly<Record<string, string | undefined>> = process.env,
): z.output<z.ZodMiniObject<S>> {
  const parsed = z.object(shape).safeParse(source);
  if (parsed.success) return parsed.data;
  throw new EnvError(
    parsed.error.issues.map((issue) => `${issue.path.join('.') || '(environment)'}: ${issue.message}`),
    { cause: parsed.error },
  );
}

/**
 * A variable holding JSON, parsed then validated by `inner` (e.g. the rule parameters).
 *
 * @example
 * readEnv({ RULE_PARAMS: jsonVar(z.record(z.string(), z.record(z.string(), z.unknown()))) });
 */
export function jsonVar<T extends z.ZodMiniType>(inner: T) {
  return z.pipe(
    z.pipe(
      z.string(),
      z.transform((text: string, ctx) => {
        try {
          return JSON.parse(text) as unknown;
        } catch (error) {
          ctx.issues.push({ code: 'custom', message: `not valid JSON (${error instanceof Error ? error.message : String(error)})`, input: text });
          return z.NEVER;
        }
      }),
    ),
    inner,
  );
}
