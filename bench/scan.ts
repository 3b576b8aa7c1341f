import { readFileSync } from 'node:fs';
import { scanSnapshot } from '../shared/app/scan.ts';
import { catalog } from '../shared/rules/index.ts';
import { generatedSnapshot } from './generate-account.ts';

export interface ScanBench {
  readonly items: number;
  readonly megabytes: number;
  readonly meanItemBytes: number;
  readonly rules: number;
  readonly evaluations: number;
  readonly parseMs: number;
  /** The same scan with an empty catalog: read, parse and normalize only. */
  readonly normalizeMs: number;
  readonly scanMs: number;
  readonly ratio: number;
  readonly itemsPerSecond: number;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

function timeParse(file: string, count: number): number {
  const t = performance.now();
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as { configurationItems: unknown[] };
  const elapsed = performance.now() - t;
  if (parsed.configurationItems.length !== count) throw new Error('generated file has the wrong size');
  return elapsed;
}

/**
 * Scan time ÷ the time to read and JSON.parse the same file, both measured in this process,
 * interleaved, median of `rounds`. The scan includes the read and parse it needs, so the ratio
 * is 1 + (normalize + evaluate) / (read + parse).
 */
export function benchScan(count = 100_000, rounds = 5): ScanBench {
  const { file, bytes } = generatedSnapshot(count);
  const parseTimes: number[] = [];
  const normalizeTimes: number[] = [];
  const scanTimes: number[] = [];
  let evaluations = 0;
  const now = new Date('2026-11-23T00:00:00Z');
  for (let round = 0; round < rounds; round++) {
    // Each measurement in its own function, so nothing of one stays alive during the other.
    parseTimes.push(timeParse(file, count));
    let t = performance.now();
    scanSnapshot(readFileSync(file), file, [], { now });
    normalizeTimes.push(performance.now() - t);
    t = performance.now();
    evaluations = scanSnapshot(readFileSync(file), file, catalog, { now }).summary.evaluations;
    scanTimes.push(performance.now() - t);
  }
  const parseMs = median(parseTimes);
  const scanMs = median(scanTimes);
  return {
    items: count,
    megabytes: bytes / 1e6,
    meanItemBytes: Math.round(bytes / count),
    rules: catalog.length,
    evaluations,
    parseMs,
    normalizeMs: median(normalizeTimes),
    scanMs,
    ratio: scanMs / parseMs,
    itemsPerSecond: count / (scanMs / 1000),
  };
}
