/**
 * The zod schemas that validate the API's requests and describe its responses. The OpenAPI
 * document (openapi.ts) is generated from these same schemas, so the two cannot disagree.
 */
import { z } from 'zod';
import { EvaluationStatus } from '../../domain/evaluation.ts';
import { SEVERITIES } from '../../domain/severity.ts';
import { storedSuppressionSchema, suppressionInputSchema } from '../../domain/suppression.ts';

const severity = z.enum(SEVERITIES as [string, ...string[]]).meta({ description: 'critical | high | medium | low | informational' });
const status = z.enum(EvaluationStatus);
const isoTime = z.iso.datetime({ offset: true });
const ruleId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,127}$/, 'a rule id such as s3-bucket-versioning-enabled');
const resourceType = z.string().regex(/^[A-Za-z0-9]+::[A-Za-z0-9]*::[A-Za-z0-9]+$/, 'an AWS resource type such as AWS::S3::Bucket');
const accountId = z.string().regex(/^\d{12}$/, 'a 12-digit account id');
const region = z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$|^global$|^aws-global$/, 'a region such as eu-west-1');
const bool = z.enum(['true', 'false']).transform((v) => v === 'true');
const limit = z
  .string()
  .regex(/^\d{1,3}$/, 'an integer from 1 to 500')
  .transform(Number)
  .pipe(z.number().int().min(1, 'an integer from 1 to 500').max(500, 'an integer from 1 to 500'));
const cursor = z.string().min(1).max(4096).meta({ description: 'The `next` value of the previous page, passed back unchanged.' });

export const findingsQuerySchema = z
  .object({
    status: status.optional().meta({ description: 'Default NON_COMPLIANT.' }),
    suppressed: bool.optional().meta({ description: 'With status NON_COMPLIANT: true lists suppressed findings; default false (open findings).' }),
    severity: severity.optional().meta({ description: 'A minimum: high = critical and high.' }),
    ruleId: ruleId.optional(),
    resourceType: resourceType.optional(),
    accountId: accountId.optional(),
    region: region.optional(),
    tag: z
      .string()
      .regex(/^[^:]{1,128}:.{0,256}$/s, 'key:value, for a tag key named at deploy time')
      .transform((v) => {
        const at = v.indexOf(':');
        return { key: v.slice(0, at), value: v.slice(at + 1) };
      })
      .optional(),
    since: isoTime
      .transform((v) => new Date(v).toISOString())
      .optional()
      .meta({ description: 'Findings changed after this time (the change feed; takes no other filter).' }),
    limit: limit.optional().meta({ description: 'Page size, 1 to 500; default 50.' }),
    cursor: cursor.optional(),
  })
  .strict();

export const pageQuerySchema = z.object({ limit: limit.optional(), cursor: cursor.optional() }).strict();
export const emptyQuerySchema = z.object({}).strict();
export const dryRunQuerySchema = z.object({ dryRun: bool.optional().meta({ description: 'true: answer what it would hide, create nothing.' }) }).strict();

export const resourceKeySchema = z.object({ accountId: z.string().min(1), region: z.string().min(1), resourceType: z.string().min(1), resourceId: z.string().min(1) }).strict();

export const evaluationRequestSchema = z.discriminatedUnion('scope', [
  z.object({ scope: z.literal('resource'), resource: resourceKeySchema }).strict(),
  z.object({ scope: z.literal('rule'), ruleId, accountId: accountId.optional(), region: region.optional() }).strict(),
  z.object({ scope: z.literal('account'), accountId: accountId.optional(), region: region.optional() }).strict(),
]);

// ---- responses ----

const suppressionRef = z.object({ id: z.string(), reason: z.string(), expiresAt: z.string().optional() });

export const findingSchema = z
  .object({
    id: z.string().meta({ description: 'Opaque id: GET /findings/{id}.' }),
    resourceKey: z.string().meta({ description: 'Opaque resource key: GET /resources/{key}.' }),
    accountId: z.string(),
    region: z.string(),
    resourceType: z.string(),
    resourceId: z.string(),
    resourceName: z.string().optional(),
    arn: z.string().optional(),
    tags: z.record(z.string(), z.string()).optional().meta({ description: "The resource's tags when the finding was last written." }),
    ruleId: z.string(),
    status,
    severity,
    reason: z.string(),
    suppression: suppressionRef.optional(),
    firstSeenAt: z.string(),
    lastChangedAt: z.string(),
    lastEvaluatedAt: z.string(),
    configurationStateId: z.number(),
  })
  .meta({ id: 'Finding' });

export const findingsPageSchema = z
  .object({ items: z.array(findingSchema), next: z.string().optional().meta({ description: 'Cursor of the next page; absent on the last page.' }) })
  .meta({ id: 'FindingsPage' });

export const historyPageSchema = z
  .object({
    items: z.array(
      z.object({ at: z.string(), from: status.optional(), to: status, severity, reason: z.string(), suppressed: z.boolean() }),
    ),
    next: z.string().optional(),
  })
  .meta({ id: 'HistoryPage' });

export const resourceResponseSchema = z
  .object({
    key: z.string(),
    resource: z.object({ accountId: z.string(), region: z.string(), resourceType: z.string(), resourceId: z.string() }).catchall(z.unknown()),
    findings: z.array(findingSchema),
  })
  .meta({ id: 'Resource' });

export const ruleSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    severity,
    category: z.string(),
    resourceTypes: z.array(z.string()),
    checklist: z.string(),
    remediation: z.object({ text: z.string(), cli: z.string().optional(), cloudformation: z.string().optional() }),
    equivalents: z.object({ awsConfigRule: z.string().optional(), fsbp: z.array(z.string()).optional(), prowler: z.string().optional() }),
    params: z.record(z.string(), z.unknown()).meta({ description: 'The parameters in force on this stage.' }),
    openFindings: z.number().int(),
  })
  .meta({ id: 'Rule' });

export const rulesResponseSchema = z.object({ items: z.array(ruleSchema) }).meta({ id: 'Rules' });

const countBy = z.record(z.string(), z.number().int());
export const summarySchema = z
  .object({
    open: z.object({ total: z.number().int(), bySeverity: countBy, byRule: countBy, byCategory: countBy, byAccount: countBy, byRegion: countBy }),
    suppressed: z.number().int(),
    errors: z.number().int(),
    compliance: z.object({
      compliant: z.number().int(),
      nonCompliant: z.number().int(),
      score: z.number().min(0).max(100).optional().meta({ description: 'compliant ÷ (compliant + open), in percent; absent before anything was evaluated.' }),
    }),
    updatedAt: z.string().optional(),
    stale: z.boolean().meta({ description: 'true when a redelivered stream batch may have been counted twice; a reconcile clears it.' }),
  })
  .meta({ id: 'Summary' });

export const suppressionSchema = storedSuppressionSchema
  .meta({ id: 'Suppression' });

export const suppressionsResponseSchema = z.object({ items: z.array(suppressionSchema) }).meta({ id: 'Suppressions' });

export const dryRunResponseSchema = z
  .object({
    dryRun: z.literal(true),
    wouldHide: z.number().int().meta({ description: 'How many open findings it would hide.' }),
    findings: z.array(findingSchema).meta({ description: 'The first of them (up to 50).' }),
    complete: z.boolean().meta({ description: 'false when more open findings than one dry run reads were candidates: wouldHide is then a lower bound.' }),
  })
  .meta({ id: 'SuppressionDryRun' });

export const evaluationAcceptedSchema = z
  .object({ requestId: z.string(), queued: z.number().int().meta({ description: 'Resources sent to the evaluation queue.' }) })
  .meta({ id: 'EvaluationAccepted' });

export const healthSchema = z
  .object({
    status: z.enum(['ok', 'degraded']),
    table: z.object({ reachable: z.boolean() }),
    queue: z.object({ visible: z.number().int().optional(), inFlight: z.number().int().optional(), oldestAgeSeconds: z.number().optional() }),
    lastSweepAt: isoTime.optional().meta({ description: 'When the last sweep that went through every unit without a failure finished. Absent until one has.' }),
    lastAlertAt: isoTime.optional().meta({ description: 'When the last notify or redeliver invocation that delivered at least one alert finished; a failed delivery does not count. Absent until one has.' }),
  })
  .meta({ id: 'Health' });

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    parameter: z.string().optional(),
    supported: z.array(z.string()).optional(),
    allowed: z.array(z.string()).optional(),
    correlationId: z.string().optional(),
  })
  .meta({ id: 'Problem' });

/** The body of POST /suppressions: the domain's own declaration schema (newSuppression then checks the expiry). */
export const suppressionBodySchema = suppressionInputSchema.meta({ id: 'SuppressionRequest' });
