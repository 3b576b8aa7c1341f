import type { ScanReport } from '../../shared/app/scan.ts';
import type { Severity } from '../../shared/domain/severity.ts';
import type { Rule } from '../../shared/rules/rule.ts';
import { problemsFirst, resourceLabel } from './order.ts';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  informational: 'note',
};

/** GitHub code scanning's numeric security severity (0–10) per level of ours. */
const SECURITY_SEVERITY: Record<Severity, string> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
  informational: '0.0',
};

/**
 * SARIF 2.1.0: the catalog as the tool's rules, NON_COMPLIANT evaluations as results located at
 * the scanned file (for code-scanning uploads) and at the resource (a logical location).
 */
export function formatSarif(report: ScanReport, catalog: readonly Rule[], options: { artifactUri: string; version: string }): string {
  const used = new Set(report.evaluations.map((e) => e.ruleId));
  const rules = catalog.filter((r) => used.has(r.id));
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const results = problemsFirst(report.evaluations)
    .filter((e) => e.status === 'NON_COMPLIANT')
    .map((e) => ({
      ruleId: e.ruleId,
      ruleIndex: ruleIndex.get(e.ruleId),
      level: LEVEL[e.severity],
      message: { text: e.reason },
      locations: [
        {
          physicalLocation: { artifactLocation: { uri: options.artifactUri } },
          logicalLocations: [
            { fullyQualifiedName: `${e.accountId}/${e.region}/${e.resourceType}/${e.resourceId}`, name: resourceLabel(e), kind: 'resource' },
          ],
        },
      ],
      partialFingerprints: { vigilFinding: `${e.accountId}/${e.region}/${e.resourceType}/${e.resourceId}/${e.ruleId}` },
    }));
  const invocationErrors = report.evaluations
    .filter((e) => e.status === 'ERROR')
    .map((e) => ({ level: 'error', message: { text: e.reason }, descriptor: { id: e.ruleId } }));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'vigil',
            version: options.version,
            rules: rules.map((r) => ({
              id: r.id,
              name: r.id,
              shortDescription: { text: r.title },
              fullDescription: { text: `${r.title}. Checklist: ${r.checklist}.` },
              help: { text: [r.remediation.text, r.remediation.cli, r.remediation.cloudformation].filter(Boolean).join('\n\n') },
              defaultConfiguration: { level: LEVEL[r.severity] },
              properties: { 'security-severity': SECURITY_SEVERITY[r.severity], tags: [r.category, ...r.resourceTypes] },
            })),
          },
        },
        invocations: [{ executionSuccessful: invocationErrors.length === 0, toolExecutionNotifications: invocationErrors }],
        results,
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}
