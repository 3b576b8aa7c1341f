/**
 * The zod schemas that validate the API's requests and describe its responses. The OpenAPI
 * document (openapi.ts) is generated from these same schemas, so the two cannot disagree.
 */
import * as z from '../../zod.ts';
import { EvaluationStatus } from '../../domain/evaluation.ts';
import { SEVERITIES } from '../../domain/severity.ts';
import { storedSuppressionSchema, suppressionInputSchema } from '../../domain/suppression.ts';

const severity = z.enum(SEVERITIES as [string, ...string[]]).check(z.meta({ description: 'critical | high | medium | low | informational' }));
const status = z.enum(EvaluationStatus);
const isoTime = z.iso.datetime({ offset: true });
const ruleId = z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{0,127}$/, 'a rule id such as s3-bucket-versioning-enabled'));
const resourceType = z.string().check(z.regex(/^[A-Za-z0-9]+::[A-Za-z0-9]*::[A-Za-z0-9]+$/, 'an AWS resource type such as AWS::S3::Bucket'));
const accountId = z.string().check(z.regex(/^\d{12}$/, 'a 12-digit account id'));
const region = z.string().check(z.regex(/^[a-z]{2}(-[a-z]+)+-\d$|^global$|^aws-global$/, 'a region such as eu-west-1'));
const bool = z.pipe(
  z.enum(['true', 'false']),
  z.transform((v) => v === 'true'),
);
const limit = z.pipe(
  z.pipe(z.string().check(z.regex(/^\d{1,3}$/, 'an integer from 1 to 500')), z.transform(Number)),
  z.number().check(z.int(), z.gte(1, 'an integer from 1 to 500'), z.lte(500, 'an integer from 1 to 500')),
);
const cursor = z.string().check(z.minLength(1), z.maxLength(4096), z.meta({ description: 'The `next` value of the previous page, passed back unchanged.' }));
/** An optional field with its own description (classic zod's `.optional().meta(...)`). */
const optional = <T extends z.ZodMiniType>(schema: T, description?: string) => {
  const wrapped = z.optional(schema);
  return description === undefined ? wrapped : wrapped.check(z.meta({ description }));
};

export const findingsQuerySchema = z.strictObject({
  status: optional(status, 'Default NON_COMPLIANT.'),
  suppressed: optional(bool, 'With status NON_COMPLIANT: true lists suppressed findings; default false (open findings).'),
  severity: optional(severity, 'A minimum: high = critical and high.'),
  ruleId: optional(ruleId),
  resourceType: optional(resourceType),
  accountId: optional(accountId),
  region: optional(region),
  tag: optional(
    z.pipe(
      z.string().check(z.regex(/^[^:]{1,128}:.{0,256}$/s, 'key:value, for a tag key named at deploy time')),
      z.transform((v) => {
        const at = v.indexOf(':');
        return { key: v.slice(0, at), value: v.slice(at + 1) };
      }),
    ),
  ),
  since: optional(
    z.pipe(
      isoTime,
      z.transform((v) => new Date(v).toISOString()),
    ),
    'Findings changed after this time (the change feed; takes no other filter).',
  ),
  limit: optional(limit, 'Page size, 1 to 500; default 50.'),
  cursor: optional(cursor),
});

export const pageQuerySchema = z.strictObject({ limit: optional(limit), cursor: optional(cursor) });
export const emptyQuerySchema = z.strictObject({});
export const dryRunQuerySchema = z.strictObject({ dryRun: optional(bool, 'true: answer what it would hide, create nothing.') });

const nonEmpty = () => z.string().check(z.minLength(1));
export const resourceKeySchema = z.strictObject({ accountId: nonEmpty(), region: nonEmpty(), resourceType: nonEmpty(), resourceId: nonEmpty() });

export const evaluationRequestSchema = z.discriminatedUnion('scope', [
  z.strictObject({ scope: z.literal('resource'), resource: resourceKeySchema }),
  z.strictObject({ scope: z.literal('rule'), ruleId, accountId: optional(accountId), region: optional(region) }),
  z.strictObject({ scope: z.literal('account'), accountId: optional(accountId), region: optional(region) }),
]);

// ---- responses ----

const named = (id: string) => z.meta({ id });
const described = (description: string) => z.meta({ description });
const int = () => z.number().check(z.int());
const suppressionRef = z.object({ id: z.string(), reason: z.string(), expiresAt: optional(z.string()) });

export const findingSchema = z
  .object({
    id: z.string().check(described('Opaque id: GET /findings/{id}.')),
    resourceKey: z.string().check(described('Opaque resource key: GET /resources/{key}.')),
    accountId: z.string(),
    region: z.string(),
    resourceType: z.string(),
    resourceId: z.string(),
    resourceName: optional(z.string()),
    arn: optional(z.string()),
    tags: optional(z.record(z.string(), z.string()), "The resource's tags when the finding was last written."),
    ruleId: z.string(),
    status,
    severity,
    reason: z.string(),
    suppression: optional(suppressionRef),
    firstSeenAt: z.string(),
    lastChangedAt: z.string(),
    lastEvaluatedAt: z.string(),
    configurationStateId: z.number(),
  })
  .check(named('Finding'));

export const findingsPageSchema = z
  .object({ items: z.array(findingSchema), next: optional(z.string(), 'Cursor of the next page; absent on the last page.') })
  .check(named('FindingsPage'));

export const historyPageSchema = z
  .object({
    items: z.array(z.object({ at: z.string(), from: optional(status), to: status, severity, reason: z.string(), suppressed: z.boolean() })),
    next: optional(z.string()),
  })
  .check(named('HistoryPage'));

export const resourceResponseSchema = z
  .object({
    key: z.string(),
    resource: z.catchall(z.object({ accountId: z.string(), region: z.string(), resourceType: z.string(), resourceId: z.string() }), z.unknown()),
    findings: z.array(findingSchema),
  })
  .check(named('Resource'));

export const ruleSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    severity,
    category: z.string(),
    resourceTypes: z.array(z.string()),
    checklist: z.string(),
    remediation: z.object({ text: z.string(), cli: optional(z.string()), cloudformation: optional(z.string()) }),
    equivalents: z.object({ awsConfigRule: optional(z.string()), fsbp: optional(z.array(z.string())), prowler: optional(z.string()) }),
    params: z.record(z.string(), z.unknown()).check(described('The parameters in force on this stage.')),
    openFindings: int(),
  })
  .check(named('Rule'));

export const rulesResponseSchema = z.object({ items: z.array(ruleSchema) }).check(named('Rules'));

const countBy = z.record(z.string(), int());
export const summarySchema = z
  .object({
    open: z.object({ total: int(), bySeverity: countBy, byRule: countBy, byCategory: countBy, byAccount: countBy, byRegion: countBy }),
    suppressed: int(),
    errors: int(),
    compliance: z.object({
      compliant: int(),
      nonCompliant: int(),
      score: optional(z.number().check(z.gte(0), z.lte(100)), 'compliant ÷ (compliant + open), in percent; absent before anything was evaluated.'),
    }),
    updatedAt: optional(z.string()),
    stale: z.boolean().check(described('true when a redelivered stream batch may have been counted twice; a reconcile clears it.')),
  })
  .check(named('Summary'));

export const suppressionSchema = storedSuppressionSchema.check(named('Suppression'));

export const suppressionsResponseSchema = z.object({ items: z.array(suppressionSchema) }).check(named('Suppressions'));

export const dryRunResponseSchema = z
  .object({
    dryRun: z.literal(true),
    wouldHide: int().check(described('How many open findings it would hide.')),
    findings: z.array(findingSchema).check(described('The first of them (up to 50).')),
    complete: z.boolean().check(described('false when more open findings than one dry run reads were candidates: wouldHide is then a lower bound.')),
  })
  .check(named('SuppressionDryRun'));

export const evaluationAcceptedSchema = z
  .object({ requestId: z.string(), queued: int().check(described('Resources sent to the evaluation queue.')) })
  .check(named('EvaluationAccepted'));

export const healthSchema = z
  .object({
    status: z.enum(['ok', 'degraded']),
    table: z.object({ reachable: z.boolean() }),
    queue: z.object({ visible: optional(int()), inFlight: optional(int()), oldestAgeSeconds: optional(z.number()) }),
    lastSweepAt: optional(isoTime, 'When the last sweep that went through every unit without a failure finished. Absent until one has.'),
    lastAlertAt: optional(isoTime, 'When the last notify or redeliver invocation that delivered at least one alert finished; a failed delivery does not count. Absent until one has.'),
  })
  .check(named('Health'));

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: int(),
    detail: optional(z.string()),
    parameter: optional(z.string()),
    supported: optional(z.array(z.string())),
    allowed: optional(z.array(z.string())),
    correlationId: optional(z.string()),
  })
  .check(named('Problem'));

/** The body of POST /suppressions: the domain's own declaration schema (newSuppression then checks the expiry). */
export const suppressionBodySchema = suppressionInputSchema.check(named('SuppressionRequest'));
