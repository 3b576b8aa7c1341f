// `npm run measure:local-start [-- --write] [-- --runs N]`: what a new user waits for, measured as
// they would live it: a fresh `git clone` of this checkout's HEAD into a temporary folder,
// `npm ci`, then `npm start` timed from the command to its ready line (the first JSON line on
// stdout), then Ctrl-C; N runs. `--write` records the result in docs/benchmarks.md (its own
// section, which `npm run bench -- --write` keeps).
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

export const LOCAL_START_HEADING = '## Local mode: `npm start` to the ready line';

const repo = join(import.meta.dirname, '..');
const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 5;
const write = process.argv.includes('--write');

const dir = mkdtempSync(join(tmpdir(), 'vigil-fresh-clone-'));
try {
  const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repo, encoding: 'utf8' }).trim();
  execFileSync('git', ['clone', '--quiet', repo, dir]);
  execFileSync('git', ['checkout', '--quiet', commit], { cwd: dir });
  const ciStarted = performance.now();
  execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: dir, stdio: 'ignore' });
  const ciSeconds = (performance.now() - ciStarted) / 1000;
  const load = loadavg()[0] ?? 0;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(await timeToReady(dir));
  const sorted = [...times].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
  const section = [
    LOCAL_START_HEADING,
    '',
    `Measured by \`npm run measure:local-start -- --write\` on ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'} (1-minute load average ${load.toFixed(1)} when it started), Node ${process.versions.node}: a fresh \`git clone\` of commit ${commit} into a temporary folder, \`npm ci\` (${ciSeconds.toFixed(0)} s, npm cache warm), then \`npm start\` ${runs} times, each timed from the command to its ready line and stopped with Ctrl-C. The ready line comes after the first sweep's findings are recorded and their digest is sent.`,
    '',
    '| figure | value |',
    '|---|---:|',
    `| first \`npm start\` after \`npm ci\` | ${(times[0] ?? 0).toFixed(0)} ms |`,
    `| median of ${runs} | **${median.toFixed(0)} ms** (target ≤ 10,000 ms) |`,
    `| slowest | ${(sorted.at(-1) ?? 0).toFixed(0)} ms |`,
    '',
  ].join('\n');
  process.stdout.write(`${section}\n`);
  if (write) {
    const file = join(repo, 'docs', 'benchmarks.md');
    const current = readFileSync(file, 'utf8');
    writeFileSync(file, `${removeSection(current).trimEnd()}\n\n${section}`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

/** Milliseconds from `npm start` to its ready line; then Ctrl-C to the whole process group. */
function timeToReady(cwd: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn('npm', ['start', '--', '--no-story'], { cwd, stdio: ['ignore', 'pipe', 'ignore'], detached: true });
    let out = '';
    let ms: number | undefined;
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      if (ms === undefined && out.includes('{"event":"ready"')) {
        ms = performance.now() - started;
        process.kill(-(child.pid ?? 0), 'SIGINT');
      }
    });
    child.once('exit', () => (ms === undefined ? reject(new Error(`npm start exited before its ready line:\n${out}`)) : resolve(ms)));
  });
}

/** The file without this script's section. */
export function removeSection(markdown: string): string {
  const start = markdown.indexOf(LOCAL_START_HEADING);
  if (start < 0) return markdown;
  const next = markdown.indexOf('\n## ', start + LOCAL_START_HEADING.length);
  return markdown.slice(0, start) + (next < 0 ? '' : markdown.slice(next + 1));
}
