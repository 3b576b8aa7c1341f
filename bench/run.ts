// `npm run bench`: every figure as a ratio or rate taken in this one run, on this machine.
// `npm run bench -- --write` also records the results in docs/benchmarks.md.
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { rulesSection } from './rules.ts';
import { benchScanProcesses } from './scan.ts';

const write = process.argv.includes('--write');
const sections: string[] = [];
const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.versions.node}`;

// The scan as a user runs it; `--big` adds the 1,000,000-item (2 GB) case.
sections.push(benchScanProcesses({ big: process.argv.includes('--big') }));

process.stderr.write('rules: security groups, log groups and IAM policies, 10,000 of each, one rule at a time…\n');
sections.push(rulesSection());

let pipelineSection: string | undefined;
try {
  const pipeline = (await import('./pipeline.ts')) as { benchPipeline?: () => Promise<string> };
  if (pipeline.benchPipeline) pipelineSection = await pipeline.benchPipeline();
} catch (error) {
  if ((error as NodeJS.ErrnoException).code !== 'ERR_MODULE_NOT_FOUND') throw error;
}
if (pipelineSection) sections.push(pipelineSection);

const report = [
  '# Benchmarks',
  '',
  `Produced by \`npm run bench -- --write\` on ${machine}. Every figure comes from that one run; ratios compare two measurements taken in the same process.`,
  '',
  ...sections,
].join('\n');
process.stdout.write(`${report}\n`);
if (write) writeFileSync(join(import.meta.dirname, '..', 'docs', 'benchmarks.md'), `${report}\n`);
