// `npm run bench`: every figure as a ratio or rate taken in this one run, on this machine.
// `npm run bench -- --write` also records the results in docs/benchmarks.md.
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { benchScan } from './scan.ts';

const write = process.argv.includes('--write');
const sections: string[] = [];
const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.versions.node}`;

process.stderr.write('scan: generating / reading 100,000 configuration items…\n');
const scan = benchScan();
sections.push(
  [
    '## Scan (`vigil scan` engine)',
    '',
    `Input: a generated account of ${scan.items.toLocaleString('en')} configuration items (${scan.megabytes.toFixed(0)} MB, ${scan.meanItemBytes} bytes per item on average; the demo account's items cloned in a typical mix), full catalog of ${scan.rules} rules, ${scan.evaluations.toLocaleString('en')} evaluations. Median of 5 interleaved rounds.`,
    '',
    '| figure | value |',
    '|---|---:|',
    `| read + JSON.parse of the file | ${scan.parseMs.toFixed(0)} ms |`,
    `| read + parse + normalize (empty catalog) | ${scan.normalizeMs.toFixed(0)} ms (÷ read-and-parse: ${(scan.normalizeMs / scan.parseMs).toFixed(2)}) |`,
    `| scan: read + parse + normalize + evaluate | ${scan.scanMs.toFixed(0)} ms |`,
    `| **scan ÷ read-and-parse** (target ≤ 2) | **${scan.ratio.toFixed(2)}** |`,
    `| configuration items per second | ${Math.round(scan.itemsPerSecond).toLocaleString('en')} |`,
    '',
    scan.ratio <= 2
      ? 'Target met.'
      : `Target **not met** in this run: normalizing costs ${((scan.normalizeMs - scan.parseMs) / scan.parseMs * 100).toFixed(0)}% of a parse on top of it, and evaluating ${scan.evaluations.toLocaleString('en')} verdicts (each with its reason) another ${((scan.scanMs - scan.normalizeMs) / scan.parseMs * 100).toFixed(0)}%. Garbage collection is the largest single item in a CPU profile of the scan (node --cpu-prof).`,
    '',
  ].join('\n'),
);

let pipelineSection: string | undefined;
try {
  const pipeline = (await import('./pipeline.ts')) as { benchPipeline?: () => Promise<string> };
  if (pipeline.benchPipeline) pipelineSection = await pipeline.benchPipeline();
} catch (error) {
  if ((error as NodeJS.ErrnoException).code !== 'ERR_MODULE_NOT_FOUND') throw error;
}
if (pipelineSection) sections.push(pipelineSection);

process.stderr.write('notify: CPU per transition, alerts per second per channel…\n');
sections.push(await (await import('./notify.ts')).benchNotify());

process.stderr.write('api: seeding 100,000 findings in dynalite, then timing GET /findings…\n');
sections.push(await (await import('./api.ts')).benchApi());

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
