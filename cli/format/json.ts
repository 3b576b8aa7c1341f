import type { ScanReport } from '../../shared/app/scan.ts';

/** The documented JSON shape: `{ summary, evaluations: [{ ruleId, resourceType, … }] }`. */
export function formatJson(report: ScanReport): string {
  return `${JSON.stringify(
    {
      summary: report.summary,
      evaluations: report.evaluations.map((e) => ({
        ruleId: e.ruleId,
        resourceType: e.resourceType,
        resourceId: e.resourceId,
        resourceName: e.resourceName ?? null,
        accountId: e.accountId,
        region: e.region,
        status: e.status,
        severity: e.severity,
        reason: e.reason,
        equivalents: e.equivalents,
      })),
    },
    null,
    2,
  )}\n`;
}
