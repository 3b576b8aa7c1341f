import type { ScanSummary } from '../../shared/app/scan.ts';
import type { Evaluation } from '../../shared/domain/evaluation.ts';
import type { Rule } from '../../shared/rules/rule.ts';
import type { ReportContext, ReportWriter } from './writer.ts';

/** The JSON report's version: 2 moved rule metadata out of the evaluations into `rules`. */
export const JSON_SCHEMA_VERSION = 2;

/**
 * One evaluation as JSON: only what differs per evaluation (rule metadata is in `rules`).
 * The same keys in the same order as JSON.stringify of the object, built by hand: consecutive
 * evaluations are of one resource, so its part is encoded once (this is the hot loop of a
 * large scan's JSON and NDJSON output).
 */
export function evaluationJson(e: Evaluation): string {
  if (e.resourceId !== last.resourceId || e.resourceType !== last.resourceType || e.accountId !== last.accountId || e.region !== last.region || e.resourceName !== last.resourceName) {
    last = e;
    resourcePart =
      `"resourceType":${JSON.stringify(e.resourceType)},"resourceId":${JSON.stringify(e.resourceId)},` +
      `"resourceName":${e.resourceName === undefined ? 'null' : JSON.stringify(e.resourceName)},` +
      `"accountId":${JSON.stringify(e.accountId)},"region":${JSON.stringify(e.region)}`;
  }
  let rulePart = ruleParts.get(e.ruleId);
  if (rulePart === undefined) ruleParts.set(e.ruleId, (rulePart = `{"ruleId":${JSON.stringify(e.ruleId)},`));
  return `${rulePart}${resourcePart},"status":"${e.status}","severity":"${e.severity}","reason":${JSON.stringify(e.reason)}}`;
}
/** `{"ruleId":"…",` per rule id: a catalog's ids, encoded once. */
const ruleParts = new Map<string, string>();
let last: Pick<Evaluation, 'resourceId' | 'resourceType' | 'accountId' | 'region' | 'resourceName'> = {
  resourceId: '',
  resourceType: '',
  accountId: '',
  region: '',
  resourceName: '\u0000',
};
let resourcePart = '';

export function ruleJson(rule: Rule): object {
  return {
    title: rule.title,
    severity: rule.severity,
    category: rule.category,
    resourceTypes: rule.resourceTypes,
    equivalents: rule.equivalents,
    remediation: rule.remediation,
  };
}

/**
 * `{"schemaVersion": 2, "rules": {id: metadata}, "evaluations": [...], "summary": {...}}`, one
 * evaluation a line. The summary comes last because it is known last: the evaluations are
 * written as the scan produces them.
 */
export function jsonWriter(context: ReportContext): ReportWriter {
  const { out } = context;
  const rules = Object.fromEntries(context.rules.map((r) => [r.id, ruleJson(r)]));
  out.write(`{\n"schemaVersion": ${JSON_SCHEMA_VERSION},\n"rules": ${JSON.stringify(rules)},\n"evaluations": [`);
  let first = true;
  return {
    evaluation(e) {
      out.write(first ? `\n${evaluationJson(e)}` : `,\n${evaluationJson(e)}`);
      first = false;
    },
    end(summary) {
      out.write(`${first ? '' : '\n'}],\n"summary": ${JSON.stringify(summaryJson(summary))}\n}\n`);
    },
  };
}

export function summaryJson(summary: ScanSummary): object {
  return {
    resources: summary.resources,
    rules: summary.rules,
    evaluations: summary.evaluations,
    byStatus: summary.byStatus,
    nonCompliantBySeverity: summary.nonCompliantBySeverity,
    droppedVersions: summary.droppedVersions,
    ...(summary.skipped ? { skipped: summary.skipped } : {}),
    ...(summary.unreadTypes ? { unreadTypes: summary.unreadTypes } : {}),
  };
}

/** NDJSON: one evaluation a line, the same object as in the JSON report, nothing else. */
export function ndjsonWriter(context: ReportContext): ReportWriter {
  const { out } = context;
  return {
    evaluation(e) {
      out.write(`${evaluationJson(e)}\n`);
    },
    end() {},
  };
}
