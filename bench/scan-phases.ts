/**
 * Where a full-catalog scan's time goes, and what a second core could give it: measured so that
 * docs/benchmarks.md can say why `vigil scan` is (or is not) within 2× of read + JSON.parse.
 *
 * - Phases: the same file taken one step further in each fresh process (read; + split and
 *   JSON.parse item by item; + normalize; + the whole scan with the full catalog, evaluations
 *   dropped; + NDJSON text, not written). The difference between two rows is what a step costs.
 * - Two at once: two `vigil scan` processes over half the items each, started together, against
 *   one over all of them: the most that splitting a scan across the machine's cores could save.
 *
 * Run alone: `node bench/scan-phases.ts` (prints the markdown); one phase of one file:
 * `node bench/scan-phases.ts <file> <phase>` (prints `{"wallMs", "cpuMs"}`).
 */
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createScan, splitterFor } from '../shared/app/scan.ts';
import { ItemSplitter } from '../shared/config-items/item-splitter.ts';
import { normalizeItem } from '../shared/config-items/snapshot.ts';
import { catalog } from '../shared/rules/index.ts';
import { evaluationJson } from '../cli/format/json.ts';
import { generatedSnapshot } from './generate-account.ts';
import { ensureCliBundle } from './scan.ts';

const PHASES = {
  read: 'read the file',
  split: '+ split into items, JSON.parse (in runs of items, as the scan reads them)',
  normalize: '+ normalize each item',
  scan: '+ the scan (108 rules, cross-resource rules at the end), evaluations dropped',
  ndjson: '+ each evaluation as its NDJSON line (not written)',
} as const;
type Phase = keyof typeof PHASES;
const NOW = new Date('2026-11-23T00:00:00Z');

function runPhase(file: string, phase: Phase): { wallMs: number; cpuMs: number } {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const bytes = readFileSync(file);
  let count = 0;
  if (phase === 'split' || phase === 'normalize') {
    const splitter = new ItemSplitter({
      item: (value, index) => {
        if (phase === 'normalize') normalizeItem(value, index, file);
        count++;
      },
      badItem: () => undefined,
    });
    splitter.push(bytes);
    splitter.end();
  } else if (phase === 'scan' || phase === 'ndjson') {
    const scan = createScan(catalog, { now: NOW }, file, (e) => {
      count += phase === 'ndjson' ? evaluationJson(e).length : 1;
    });
    const splitter = splitterFor(scan, file);
    splitter.push(bytes);
    splitter.end();
    scan.finish(splitter.form);
  }
  const used = process.cpuUsage(cpu);
  if (phase !== 'read' && count === 0) throw new Error(`${file}: nothing read`);
  return { wallMs: performance.now() - start, cpuMs: (used.user + used.system) / 1000 };
}

function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
}

/** One phase in a fresh process (median of `runs`). */
function measure(file: string, phase: Phase, runs = 3): { wallMs: number; cpuMs: number } {
  const results = Array.from({ length: runs }, () => {
    const r = spawnSync(process.execPath, [import.meta.filename, file, phase], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`scan-phases ${phase}: ${r.stderr}`);
    return JSON.parse(r.stdout) as { wallMs: number; cpuMs: number };
  });
  return { wallMs: median(results.map((r) => r.wallMs)), cpuMs: median(results.map((r) => r.cpuMs)) };
}

const VIGIL = join(import.meta.dirname, '..', 'cli', 'vigil.mjs');

/** Wall time (ms) of `vigil scan --format ndjson` over each file, all started at once. */
async function together(files: readonly string[]): Promise<number> {
  const devNull = openSync('/dev/null', 'w');
  const scanOne = (file: string): Promise<void> =>
    new Promise((resolve, reject) => {
      const args = [VIGIL, 'scan', '--snapshot', file, '--now', NOW.toISOString(), '--format', 'ndjson'];
      const child = spawn(process.execPath, args, { stdio: ['ignore', devNull, 'ignore'] });
      child.on('error', reject);
      child.on('exit', (code) => (code === 0 || code === 1 ? resolve() : reject(new Error(`vigil scan exited ${code}`))));
    });
  const start = performance.now();
  try {
    await Promise.all(files.map(scanOne));
  } finally {
    closeSync(devNull);
  }
  return performance.now() - start;
}

export async function scanPhasesSection(size = 50_000): Promise<string> {
  const { file } = generatedSnapshot(size);
  const { file: half } = generatedSnapshot(size / 2);
  const out = [
    `### Where a scan's time goes (bench generator, ${size.toLocaleString('en')} items)`,
    '',
    'Each row a fresh process doing one step more than the row above, in process (no start-up, no output written); median of 3. CPU is user + system of the whole process (V8 collects garbage and compiles on other threads).',
    '',
    '| step | wall | CPU | step adds (CPU) |',
    '|---|---:|---:|---:|',
  ];
  let previous = 0;
  for (const [phase, label] of Object.entries(PHASES) as [Phase, string][]) {
    const r = measure(file, phase);
    out.push(`| ${label} | ${r.wallMs.toFixed(0)} ms | ${r.cpuMs.toFixed(0)} ms | ${(r.cpuMs - previous).toFixed(0)} ms |`);
    previous = r.cpuMs;
  }
  ensureCliBundle();
  await together([half]); // warm the compile cache and the file cache
  const ones: number[] = [];
  const twos: number[] = [];
  // Interleaved, so neither gains from a quieter moment of the machine.
  for (let round = 0; round < 3; round++) {
    ones.push(await together([file]));
    twos.push(await together([half, half]));
  }
  const one = median(ones);
  const two = median(twos);
  out.push(
    '',
    `Two \`vigil scan --format ndjson\` processes over ${(size / 2).toLocaleString('en')} items each, started together: ${(two / 1000).toFixed(2)} s; one over all ${size.toLocaleString('en')}: ${(one / 1000).toFixed(2)} s (median of 3; ratio ${(two / one).toFixed(2)}). That ratio bounds what splitting one scan across this machine's cores could save: one scan already keeps more than one core busy.`,
  );
  return `${out.join('\n')}\n`;
}

if (import.meta.main) {
  const [file, phase] = process.argv.slice(2);
  if (file && phase && phase in PHASES) process.stdout.write(JSON.stringify(runPhase(file, phase as Phase)));
  else if (file) throw new Error(`phase must be one of ${Object.keys(PHASES).join(', ')}`);
  else process.stdout.write(await scanPhasesSection());
}
