// `node bench/normalize.ts [count] [baseline-dir]`: the configuration-item normalizer alone over a
// generated account (bench/generate-account.ts), CPU time, median of interleaved rounds. With a baseline
// directory (a copy of an older `shared/` tree, e.g. `git archive <rev> shared | tar -x -C dir`),
// both normalizers run in the same process and the ratio is printed: that is the figure to
// compare, not the absolute times, on a shared machine.
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { generateItems } from './generate-account.ts';

type Normalize = (raw: unknown) => unknown;

const count = Number(process.argv[2] ?? 50_000);
const baselineDir = process.argv[3];
const rounds = 9;

async function load(root: string): Promise<Normalize> {
  const mod = (await import(pathToFileURL(join(root, 'shared', 'config-items', 'normalize.ts')).href)) as {
    normalizeConfigurationItem: Normalize;
  };
  return mod.normalizeConfigurationItem;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

/**
 * CPU time (user + system) of one pass, in ms: on a machine shared with other work, wall time
 * mostly measures the neighbours.
 */
function time(normalize: Normalize, items: readonly unknown[]): number {
  const start = process.cpuUsage();
  let sink = 0;
  for (const item of items) if (normalize(item)) sink++;
  const used = process.cpuUsage(start);
  if (sink !== items.length) throw new Error('an item did not normalize');
  return (used.user + used.system) / 1000;
}

const items = generateItems(count);
const current = await load(resolve(import.meta.dirname, '..'));
const baseline = baselineDir ? await load(resolve(baselineDir)) : undefined;
const currentTimes: number[] = [];
const baselineTimes: number[] = [];
// Alternate which runs first, so neither gains from the other's warm-up or pays for its garbage.
for (let round = 0; round < rounds; round++) {
  if (baseline && round % 2 === 0) baselineTimes.push(time(baseline, items));
  currentTimes.push(time(current, items));
  if (baseline && round % 2 === 1) baselineTimes.push(time(baseline, items));
}
const now = median(currentTimes);
process.stdout.write(`normalize ${count.toLocaleString('en')} items: ${now.toFixed(0)} ms CPU (${((now * 1000) / count).toFixed(2)} µs/item)\n`);
if (baseline) {
  const before = median(baselineTimes);
  process.stdout.write(`baseline: ${before.toFixed(0)} ms CPU (${((before * 1000) / count).toFixed(2)} µs/item); current ÷ baseline = ${(now / before).toFixed(2)}\n`);
}
