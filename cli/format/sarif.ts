import { pathToFileURL } from 'node:url';
import type { Evaluation } from '../../shared/domain/evaluation.ts';
import type { Severity } from '../../shared/domain/severity.ts';
import { isProblem, ProblemOrder, resourceLabel } from './order.ts';
import type { ReportContext, ReportWriter, ScanSource } from './writer.ts';

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
 * The scanned file as a SARIF artifact location: a `file://` URI (spaces, `#` and the like
 * percent-encoded), or none for standard input and a live account, which are not files.
 */
export function artifactUri(source: ScanSource): string | undefined {
  return source.kind === 'file' ? pathToFileURL(source.absolutePath).href : undefined;
}

/**
 * SARIF 2.1.0: the selected rules as the tool's rules, NON_COMPLIANT evaluations as results
 * located at the scanned file (for code-scanning uploads) and at the resource (a logical
 * location); rule errors as tool notifications. Only problems are kept while the scan runs.
 */
export function sarifWriter(context: ReportContext): ReportWriter {
  const problems = new ProblemOrder<Evaluation>();
  return {
    evaluation(e) {
      if (isProblem(e)) problems.add(e, e);
    },
    end() {
      const { out } = context;
      const rules = context.rules;
      const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
      const uri = artifactUri(context.source);
      const errors: Evaluation[] = [];
      for (const e of problems) if (e.status === 'ERROR') errors.push(e);
      const driver = {
        name: 'vigil',
        version: context.version,
        rules: rules.map((r) => ({
          id: r.id,
          name: r.id,
          shortDescription: { text: r.title },
          fullDescription: { text: `${r.title}. Checklist: ${r.checklist}.` },
          help: { text: [r.remediation.text, r.remediation.cli, r.remediation.cloudformation].filter(Boolean).join('\n\n') },
          defaultConfiguration: { level: LEVEL[r.severity] },
          properties: { 'security-severity': SECURITY_SEVERITY[r.severity], tags: [r.category, ...r.resourceTypes] },
        })),
      };
      const invocation = {
        executionSuccessful: errors.length === 0,
        toolExecutionNotifications: errors.map((e) => ({ level: 'error', message: { text: e.reason }, descriptor: { id: e.ruleId } })),
      };
      out.write(
        `{\n"$schema": "https://json.schemastore.org/sarif-2.1.0.json",\n"version": "2.1.0",\n"runs": [{\n"tool": {"driver": ${JSON.stringify(driver)}},\n` +
          `${uri ? `"artifacts": [${JSON.stringify({ location: { uri } })}],\n` : ''}"invocations": [${JSON.stringify(invocation)}],\n"results": [`,
      );
      // Each result as JSON.stringify would write it (same keys, same order), built by hand: the
      // rule's part once per rule, the rest per result (a large account has 100,000 of them).
      const physical = uri ? `"physicalLocation":${JSON.stringify({ artifactLocation: { uri, index: 0 } })},` : '';
      const heads = new Map<string, string>();
      let first = true;
      for (const e of problems) {
        if (e.status !== 'NON_COMPLIANT') continue;
        let head = heads.get(e.ruleId);
        if (head === undefined) {
          const index = ruleIndex.get(e.ruleId);
          head = `{"ruleId":${JSON.stringify(e.ruleId)},${index === undefined ? '' : `"ruleIndex":${index},`}"level":"${LEVEL[e.severity]}","message":{"text":`;
          heads.set(e.ruleId, head);
        }
        const key = `${e.accountId}/${e.region}/${e.resourceType}/${e.resourceId}`;
        out.write(
          `${first ? '\n' : ',\n'}${head}${JSON.stringify(e.reason)}},"locations":[{${physical}"logicalLocations":[{"fullyQualifiedName":${JSON.stringify(key)},"name":${JSON.stringify(resourceLabel(e))},"kind":"resource"}]}],"partialFingerprints":{"vigilFinding":${JSON.stringify(`${key}/${e.ruleId}`)}}}`,
        );
        first = false;
      }
      out.write('\n]\n}]\n}\n');
    },
  };
}
