/**
 * The API's routes: each validates with its zod schemas, calls the reader, store or queue once,
 * and maps the result. Shared by the Lambda and local mode through createApi.
 */
import type * as z from '../../zod.ts';
import type { Finding } from '../../domain/finding.ts';
import type { ResourceKey } from '../../domain/resource.ts';
import { severityRank, type Severity } from '../../domain/severity.ts';
import { suppressionMatches, type Suppression, type SuppressionPolicy } from '../../domain/suppression.ts';
import type { ResolvedParams } from '../../engine/params.ts';
import type { RuleMetadata } from '../../rules/rule.ts';
import type { EvaluationQueue, FindingsStore } from '../ports.ts';
import type { CursorCodec } from './cursor.ts';
import { findingId, parseFindingId, parseResourceKeyId, resourceKeyId } from './ids.ts';
import type { FindingFilters, FindingsReader, Heartbeats, ListedFinding, QueueStats } from './ports.ts';
import { ProblemError } from './problem.ts';
import type { Route, ResponseSpec } from './router.ts';
import * as s from './schemas.ts';

export interface RouteDeps {
  readonly reader: FindingsReader;
  readonly store: Pick<FindingsStore, 'listSuppressions' | 'putSuppression' | 'deleteSuppression' | 'listResourceKeys'>;
  readonly queue: EvaluationQueue;
  readonly queueStats?: QueueStats | undefined;
  readonly heartbeats?: Heartbeats | undefined;
  readonly catalog: readonly RuleMetadata[];
  readonly params: ResolvedParams;
  readonly suppressionPolicy?: SuppressionPolicy | undefined;
  /** Where the stack runs: the default scope of rule and account evaluations. */
  readonly home: { readonly accountId: string; readonly region: string };
  readonly now: () => Date;
  readonly newId: () => string;
  /** Who is calling (the IAM principal or JWT subject); local mode answers "local". */
  readonly callerOf?: ((request: Request) => string | undefined) | undefined;
  readonly cursorCodec: () => Promise<CursorCodec>;
  readonly newSuppression: typeof import('../../domain/suppression.ts').newSuppression;
  readonly isInvalidSuppressionError: typeof import('../../domain/suppression.ts').isInvalidSuppressionError;
}

const DEFAULT_LIMIT = 50;
/** A dry run reads at most this many open findings (two full pages). */
const DRY_RUN_READ = 1000;
const DRY_RUN_SHOWN = 50;

const problem = (description: string): ResponseSpec => ({ description, schema: s.problemSchema, problem: true });
const errors = { 400: problem('Invalid parameter, body or cursor'), 500: problem('Internal error (with a correlation id)') } as const;

export function apiRoutes(deps: RouteDeps): Route[] {
  const rules = new Map(deps.catalog.map((rule) => [rule.id, rule]));
  const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers } });
  const withIds = (f: Finding & { tags?: unknown; arn?: unknown }) => ({ id: findingId(f, f.ruleId), resourceKey: resourceKeyId(f), ...f });
  const findingOr404 = (id: string | undefined) => {
    const parsed = id === undefined ? undefined : parseFindingId(id);
    if (!parsed) throw new ProblemError('notFound', { parameter: 'id', detail: 'No finding has this id.' });
    return parsed;
  };

  const routes: Route<any, any>[] = [ // eslint-disable-line @typescript-eslint/no-explicit-any
    {
      method: 'GET',
      path: '/findings',
      operationId: 'listFindings',
      summary: 'Findings, most severe then newest first, one index query per page',
      query: s.findingsQuerySchema,
      responses: { 200: { description: 'A page of findings', schema: s.findingsPageSchema }, ...errors },
      async handle({ query }: { query: z.output<typeof s.findingsQuerySchema> }) {
        const { limit = DEFAULT_LIMIT, cursor, ...filters } = query;
        const cursors = await deps.cursorCodec();
        const position = cursor === undefined ? undefined : cursors.decode(cursor, filters);
        const page = await deps.reader.listFindings(filters as FindingFilters, { limit, after: position?.key, extra: position?.extra });
        if (page.kind === 'unsupported') throw new ProblemError('unsupportedFilter', { detail: page.detail, supported: page.supported });
        const next = page.last ? cursors.encode({ key: page.last, extra: page.extra }, filters) : undefined;
        return json({ items: page.items.map(withIds), ...(next ? { next } : {}) });
      },
    },
    {
      method: 'GET',
      path: '/findings/{id}',
      operationId: 'getFinding',
      summary: 'One finding',
      responses: { 200: { description: 'The finding', schema: s.findingSchema }, 404: problem('Unknown id'), ...errors },
      async handle({ params }) {
        const { key, ruleId } = findingOr404(params['id']);
        const finding = await deps.reader.getFinding(key, ruleId);
        if (!finding) throw new ProblemError('notFound', { parameter: 'id', detail: 'No finding has this id.' });
        return json(withIds(finding));
      },
    },
    {
      method: 'GET',
      path: '/findings/{id}/history',
      operationId: 'getFindingHistory',
      summary: "A finding's transitions, newest first",
      query: s.pageQuerySchema,
      responses: { 200: { description: 'A page of transitions', schema: s.historyPageSchema }, 404: problem('Unknown id'), ...errors },
      async handle({ params, query }: { params: Record<string, string>; query: z.output<typeof s.pageQuerySchema> }) {
        const id = params['id'] ?? '';
        const { key, ruleId } = findingOr404(id);
        const filters = { finding: id };
        const cursors = await deps.cursorCodec();
        const position = query.cursor === undefined ? undefined : cursors.decode(query.cursor, filters);
        if (!position && !(await deps.reader.getFinding(key, ruleId))) throw new ProblemError('notFound', { parameter: 'id', detail: 'No finding has this id.' });
        const page = await deps.reader.findingHistory(key, ruleId, { limit: query.limit ?? DEFAULT_LIMIT, after: position?.key, expect: position?.extra?.['expect'] });
        const next = page.last && page.expect ? cursors.encode({ key: page.last, extra: { expect: page.expect } }, filters) : undefined;
        return json({ items: page.items, ...(next ? { next } : {}) });
      },
    },
    {
      method: 'GET',
      path: '/resources/{key}',
      operationId: 'getResource',
      summary: "A resource's stored configuration and its findings",
      responses: { 200: { description: 'The resource', schema: s.resourceResponseSchema }, 404: problem('Unknown key'), ...errors },
      async handle({ params }) {
        const key = parseResourceKeyId(params['key'] ?? '');
        const found = key && (await deps.reader.getResource(key));
        if (!key || !found) throw new ProblemError('notFound', { parameter: 'key', detail: 'No resource has this key.' });
        return json({ key: resourceKeyId(key), resource: found.resource, findings: found.findings.map(withIds) });
      },
    },
    {
      method: 'GET',
      path: '/rules',
      operationId: 'listRules',
      summary: 'The rule catalog with the parameters in force and open findings per rule',
      responses: { 200: { description: 'Every rule', schema: s.rulesResponseSchema }, ...errors },
      async handle() {
        const open = openByRule((await deps.reader.readSummary()).groups);
        return json({ items: deps.catalog.map((rule) => describe(rule, deps.params, open)) });
      },
    },
    {
      method: 'GET',
      path: '/rules/{id}',
      operationId: 'getRule',
      summary: 'One rule',
      responses: { 200: { description: 'The rule', schema: s.ruleSchema }, 404: problem('Unknown rule'), ...errors },
      async handle({ params }) {
        const rule = rules.get(params['id'] ?? '');
        if (!rule) throw new ProblemError('notFound', { parameter: 'id', detail: 'No rule has this id; GET /rules lists them.' });
        return json(describe(rule, deps.params, openByRule((await deps.reader.readSummary()).groups)));
      },
    },
    {
      method: 'GET',
      path: '/summary',
      operationId: 'getSummary',
      summary: 'Open findings by severity, rule, category, account and region, and a compliance score (from counters kept on write)',
      responses: { 200: { description: 'The summary', schema: s.summarySchema }, ...errors },
      async handle() {
        return json(summarize(await deps.reader.readSummary(), rules));
      },
    },
    {
      method: 'GET',
      path: '/suppressions',
      operationId: 'listSuppressions',
      summary: 'Every suppression, live or expired',
      responses: { 200: { description: 'The suppressions', schema: s.suppressionsResponseSchema }, ...errors },
      async handle() {
        return json({ items: await deps.store.listSuppressions() });
      },
    },
    {
      method: 'POST',
      path: '/suppressions',
      operationId: 'createSuppression',
      summary: 'Creates a suppression, or with dryRun=true answers which open findings it would hide',
      query: s.dryRunQuerySchema,
      body: s.suppressionBodySchema,
      responses: {
        200: { description: 'Dry run: what it would hide', schema: s.dryRunResponseSchema },
        201: { description: 'Created', schema: s.suppressionSchema },
        413: problem('Body over 64 KB'),
        415: problem('Body not JSON'),
        ...errors,
      },
      async handle({ request, query, body }: { request: Request; query: z.output<typeof s.dryRunQuerySchema>; body: unknown }) {
        let suppression: Suppression;
        try {
          suppression = deps.newSuppression(body, { id: deps.newId(), now: deps.now(), createdBy: deps.callerOf?.(request) }, deps.suppressionPolicy);
        } catch (error) {
          if (deps.isInvalidSuppressionError(error)) throw new ProblemError('invalidBody', { parameter: error.field, detail: error.message }, { cause: error });
          throw error;
        }
        if (query.dryRun) return json(await dryRun(suppression, deps));
        await deps.store.putSuppression(suppression);
        return json(suppression, 201, { location: `/suppressions/${encodeURIComponent(suppression.id)}` });
      },
    },
    {
      method: 'DELETE',
      path: '/suppressions/{id}',
      operationId: 'deleteSuppression',
      summary: 'Deletes a suppression; the findings it hid reopen at their next evaluation',
      responses: { 204: { description: 'Deleted' }, 404: problem('Unknown id'), ...errors },
      async handle({ params }) {
        const id = params['id'] ?? '';
        if (!(await deps.store.listSuppressions()).some((x) => x.id === id)) {
          throw new ProblemError('notFound', { parameter: 'id', detail: 'No suppression has this id.' });
        }
        await deps.store.deleteSuppression(id);
        return new Response(null, { status: 204 });
      },
    },
    {
      method: 'POST',
      path: '/evaluations',
      operationId: 'requestEvaluation',
      summary: 'Re-evaluates a resource, a rule or the whole account, through the evaluation queue',
      body: s.evaluationRequestSchema,
      responses: { 202: { description: 'Queued', schema: s.evaluationAcceptedSchema }, 404: problem('Unknown rule'), 413: problem('Body over 64 KB'), 415: problem('Body not JSON'), ...errors },
      async handle({ body }: { body: z.output<typeof s.evaluationRequestSchema> }) {
        const requestId = deps.newId();
        let keys: ResourceKey[];
        if (body.scope === 'resource') keys = [body.resource];
        else {
          const scope = { accountId: body.accountId ?? deps.home.accountId, region: body.region ?? deps.home.region };
          let types: readonly string[];
          if (body.scope === 'rule') {
            const rule = rules.get(body.ruleId);
            if (!rule) throw new ProblemError('notFound', { parameter: 'ruleId', detail: 'No rule has this id; GET /rules lists them.' });
            types = rule.resourceTypes;
          } else types = [...new Set(deps.catalog.flatMap((rule) => rule.resourceTypes))];
          keys = [];
          for (const resourceType of types) {
            for await (const page of deps.store.listResourceKeys({ ...scope, resourceType })) keys.push(...page);
          }
        }
        await deps.queue.enqueue(keys, { source: 'config', correlationId: requestId });
        return json({ requestId, queued: keys.length }, 202);
      },
    },
    {
      method: 'GET',
      path: '/health',
      operationId: 'getHealth',
      summary: 'Whether the table answers, the queue backlog, the last sweep and the last alert delivered',
      responses: { 200: { description: 'Healthy', schema: s.healthSchema }, 503: { description: 'The table does not answer', schema: s.healthSchema }, 500: errors[500] },
      async handle() {
        const [table, queue, lastSweepAt, lastAlertAt] = await Promise.all([
          deps.reader.ping().then(() => true, () => false),
          deps.queueStats?.stats().catch(() => undefined),
          deps.heartbeats?.lastSweepAt().catch(() => undefined),
          deps.heartbeats?.lastAlertAt().catch(() => undefined),
        ]);
        const body = {
          status: table ? 'ok' : 'degraded',
          table: { reachable: table },
          queue: queue ? { visible: queue.visible, inFlight: queue.inFlight, ...(queue.oldestAgeSeconds !== undefined ? { oldestAgeSeconds: queue.oldestAgeSeconds } : {}) } : {},
          ...(lastSweepAt ? { lastSweepAt } : {}),
          ...(lastAlertAt ? { lastAlertAt } : {}),
        };
        return json(body, table ? 200 : 503);
      },
    },
  ];
  return routes as Route[];
}

function describe(rule: RuleMetadata, params: ResolvedParams, open: ReadonlyMap<string, number>) {
  return {
    id: rule.id,
    title: rule.title,
    severity: rule.severity,
    category: rule.category,
    resourceTypes: [...rule.resourceTypes],
    checklist: rule.checklist,
    remediation: rule.remediation,
    equivalents: rule.equivalents,
    params: params.get(rule.id) ?? {},
    openFindings: open.get(rule.id) ?? 0,
  };
}

/** Parses `{state}|{severity}|{ruleId}|{accountId}|{region}` counters. */
function groupsOf(groups: Readonly<Record<string, number>>) {
  return Object.entries(groups).flatMap(([name, count]) => {
    const [state, severity, ruleId, accountId, region] = name.split('|');
    return state && severity && ruleId && accountId && region ? [{ state, severity, ruleId, accountId, region, count }] : [];
  });
}

function openByRule(groups: Readonly<Record<string, number>>): Map<string, number> {
  const out = new Map<string, number>();
  for (const g of groupsOf(groups)) if (g.state === 'open') out.set(g.ruleId, (out.get(g.ruleId) ?? 0) + g.count);
  return out;
}

function summarize(counts: Awaited<ReturnType<FindingsReader['readSummary']>> & { stale?: boolean }, rules: ReadonlyMap<string, RuleMetadata>) {
  const bump = (record: Record<string, number>, key: string, n: number) => (record[key] = (record[key] ?? 0) + n);
  const open = { total: 0, bySeverity: {} as Record<string, number>, byRule: {} as Record<string, number>, byCategory: {} as Record<string, number>, byAccount: {} as Record<string, number>, byRegion: {} as Record<string, number> };
  let suppressed = 0;
  let errorCount = 0;
  let compliant = 0;
  for (const g of groupsOf(counts.groups)) {
    if (g.state === 'open') {
      open.total += g.count;
      bump(open.bySeverity, g.severity, g.count);
      bump(open.byRule, g.ruleId, g.count);
      bump(open.byCategory, rules.get(g.ruleId)?.category ?? 'retired-rules', g.count);
      bump(open.byAccount, g.accountId, g.count);
      bump(open.byRegion, g.region, g.count);
    } else if (g.state === 'suppressed') suppressed += g.count;
    else if (g.state === 'ERROR') errorCount += g.count;
    else if (g.state === 'COMPLIANT') compliant += g.count;
  }
  open.bySeverity = Object.fromEntries(Object.entries(open.bySeverity).sort(([a], [b]) => severityRank(a as Severity) - severityRank(b as Severity)));
  const judged = compliant + open.total;
  return {
    open,
    suppressed,
    errors: errorCount,
    compliance: { compliant, nonCompliant: open.total + suppressed, ...(judged > 0 ? { score: Math.round((compliant / judged) * 1000) / 10 } : {}) },
    ...(counts.updatedAt ? { updatedAt: counts.updatedAt } : {}),
    stale: counts.stale === true,
  };
}

/**
 * What a suppression would hide: the open findings of its narrowest index partition (its rule,
 * else its type, account or region, else every open finding), matched with the same
 * suppressionMatches the evaluator applies. Reads at most DRY_RUN_READ findings.
 */
async function dryRun(suppression: Suppression, deps: RouteDeps) {
  const filters: FindingFilters =
    suppression.ruleId !== '*'
      ? { ruleId: suppression.ruleId }
      : suppression.resourceType
        ? { resourceType: suppression.resourceType }
        : suppression.accountId
          ? { accountId: suppression.accountId }
          : suppression.region
            ? { region: suppression.region }
            : {};
  const now = deps.now();
  const hidden: ListedFinding[] = [];
  let read = 0;
  let after: Readonly<Record<string, string>> | undefined;
  // Findings carry their resource's ARN and tags as of their last write; older items without them are completed from the resource.
  const needsResource = suppression.tag !== undefined || (suppression.resourcePattern?.startsWith('arn:') ?? false);
  const resources = new Map<string, { arn?: string | undefined; tags: Readonly<Record<string, string>> }>();
  do {
    const page = await deps.reader.listFindings(filters, { limit: 500, after });
    if (page.kind === 'unsupported') break;
    read += page.items.length;
    for (const f of page.items) {
      let subject: { arn?: string | undefined; tags: Readonly<Record<string, string>> } = { arn: f.arn, tags: f.tags ?? {} };
      if (needsResource && f.tags === undefined && f.arn === undefined) {
        const key = resourceKeyId(f);
        let known = resources.get(key);
        if (!known) {
          const found = await deps.reader.getResource(f);
          known = { arn: found?.resource.arn, tags: found?.resource.tags ?? {} };
          resources.set(key, known);
        }
        subject = known;
      }
      if (suppressionMatches(suppression, f.ruleId, { ...f, ...subject }, now)) hidden.push(f);
    }
    after = page.last;
  } while (after && read < DRY_RUN_READ);
  return {
    dryRun: true as const,
    wouldHide: hidden.length,
    findings: hidden.slice(0, DRY_RUN_SHOWN).map((f) => ({ id: findingId(f, f.ruleId), resourceKey: resourceKeyId(f), ...f })),
    complete: after === undefined,
  };
}
