import type { ScanSummary } from '../../shared/app/scan.ts';
import type { Evaluation } from '../../shared/domain/evaluation.ts';
import type { Rule } from '../../shared/rules/rule.ts';
import type { ReportContext, ReportWriter } from './writer.ts';

/** The JSON report's version: 2 moved rule metadata out of the evaluations into `rules`. */
export const JSON_SCHEMA_VERSION = 2;

/** One evaluation as JSON: only what differs per evaluation (rule metadata is in `rules`). */
export function evaluationJson(e: Evaluation): string {
  return JSON.stringify({
    ruleId: e.ruleId,
    resourceType: e.resourceType,
    resourceId: e.resourceId,
    resourceName: e.resourceName ?? null,
    accountId: e.accountId,
    region: e.region,
    status: e.status,
    severity: e.severity,
    reason: e.reason,
  });
}

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
