// `npm run bench`: every figure as a ratio or rate taken in this one run, on this machine.
// `npm run bench -- --write` also records the results in docs/benchmarks.md.
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { rulesSection } from './rules.ts';
import { benchScanProcesses, bigScanSection } from './scan.ts';

const write = process.argv.includes('--write');
const sections: string[] = [];
const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.versions.node}`;

// Measured in this order, the figures most sensitive to a busy machine (absolute CPU and import
// times) first, the 2 GB case last (writing it keeps the kernel busy for a while after);
// reported in the order below. The rules run in this process: first, on a fresh heap.
process.stderr.write('rules: security groups, log groups and IAM policies, 10,000 of each, one rule at a time…\n');
const rules = rulesSection();
let pipelineSection: string | undefined;
try {
  const pipeline = (await import('./pipeline.ts')) as { benchPipeline?: () => Promise<string> };
  if (pipeline.benchPipeline) pipelineSection = await pipeline.benchPipeline();
} catch (error) {
  if ((error as NodeJS.ErrnoException).code !== 'ERR_MODULE_NOT_FOUND') throw error;
}
process.stderr.write('bundles: every function, bundled and with the AWS SDK external, cold import…\n');
const bundles = await (await import('../scripts/measure-bundles.ts')).bundlesSection();
// The scan as a user runs it.
const scan = benchScanProcesses();
process.stderr.write('scan phases: where a 50,000-item scan spends its time, and two half scans at once…\n');
const phases = await (await import('./scan-phases.ts')).scanPhasesSection();
process.stderr.write('api: seeding 100,000 findings in dynalite, then timing GET /findings…\n');
const api = await (await import('./api.ts')).benchApi();
process.stderr.write('notify: CPU per transition, alerts per second per channel…\n');
const notify = await (await import('./notify.ts')).benchNotify();
const big = process.argv.includes('--big') ? bigScanSection() : undefined;

sections.push(scan, phases, ...(big ? [big] : []), rules, ...(pipelineSection ? [pipelineSection] : []), api, bundles, notify);

const report = [
  '# Benchmarks',
  '',
  `Produced by \`npm run bench -- --write\` on ${machine}. Every figure comes from that one run; ratios compare two measurements taken in the same process.`,
  '',
  ...sections,
].join('\n');
process.stdout.write(`${report}\n`);
if (write) {
  const file = join(import.meta.dirname, '..', 'docs', 'benchmarks.md');
  // The section `npm run measure:local-start -- --write` records (a fresh clone's start-up) is kept.
  const current = readFileSync(file, 'utf8');
  const at = current.indexOf('## Local mode: `npm start`');
  const next = at < 0 ? -1 : current.indexOf('\n## ', at + 1);
  const kept = at < 0 ? '' : `\n${current.slice(at, next < 0 ? undefined : next + 1).trimEnd()}\n`;
  writeFileSync(file, `${report}\n${kept}`);
}
