import type { ScanSummary } from '../../shared/app/scan.ts';
import type { Evaluation } from '../../shared/domain/evaluation.ts';
import type { Rule } from '../../shared/rules/rule.ts';
import type { Output } from '../output.ts';

/** What was scanned, as the report names it. */
export type ScanSource =
  | { readonly kind: 'file'; readonly path: string; readonly absolutePath: string }
  | { readonly kind: 'stdin' }
  | { readonly kind: 'live'; readonly label: string };

export interface ReportContext {
  readonly out: Output;
  /** The selected rules (their metadata is written once, not per evaluation). */
  readonly rules: readonly Rule[];
  readonly source: ScanSource;
  readonly color: boolean;
  readonly version: string;
}

/**
 * A report format, written as the scan goes: `evaluation` for each evaluation as soon as it is
 * final (a format that sorts keeps only what it shows, compactly), `end` with the summary.
 */
export interface ReportWriter {
  evaluation(evaluation: Evaluation): void;
  end(summary: ScanSummary): void;
}

export type ReportFormat = (context: ReportContext) => ReportWriter;

export function sourceLabel(source: ScanSource): string {
  return source.kind === 'file' ? source.path : source.kind === 'stdin' ? 'standard input' : source.label;
}
