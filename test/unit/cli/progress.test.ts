import { describe, expect, it } from 'vitest';
import { createProgressBar, renderProgress } from '../../../cli/progress.ts';

function stream(isTTY: boolean, columns?: number) {
  const writes: string[] = [];
  return { writes, isTTY, columns, write: (t: string) => writes.push(t) };
}

const progress = (done: number, total: number, label = 'reading configuration items') =>
  ({ kind: 'progress', region: 'eu-west-1', label, done, total }) as const;

describe('progress bar', () => {
  it('renders region, step, a bar and counts', () => {
    expect(renderProgress(progress(50, 200))).toBe(`[eu-west-1] reading configuration items [${'█'.repeat(6)}${'░'.repeat(18)}] 50/200`);
    expect(renderProgress(progress(0, 0))).toContain(`[${'░'.repeat(24)}] 0/0`);
  });

  it('redraws in place on a terminal, at most once per interval except when a step completes', () => {
    // Prepare
    const out = stream(true);
    let now = 1000;
    const bar = createProgressBar(out, { now: () => now, minIntervalMs: 100 });

    // Act
    bar.update(progress(0, 300));
    now += 10;
    bar.update(progress(100, 300)); // too soon: skipped
    now += 10;
    bar.update(progress(300, 300)); // complete: drawn anyway
    bar.finish('vigil: read 300 resources');

    // Assess
    expect(out.writes).toHaveLength(3);
    expect(out.writes[0]).toMatch(/^\r\x1b\[2K\[eu-west-1\] reading configuration items .* 0\/300$/);
    expect(out.writes[1]).toMatch(/300\/300$/);
    expect(out.writes[2]).toBe('\r\x1b[2Kvigil: read 300 resources\n');
  });

  it('prints warnings above the bar and redraws it', () => {
    const out = stream(true);
    const bar = createProgressBar(out, { now: () => 0 });

    bar.update(progress(3, 10, 'listing AWS::S3::Bucket'));
    bar.update({ kind: 'warning', region: 'eu-west-1', message: '2 listed resource(s) had no configuration item' });

    expect(out.writes.slice(1)).toEqual([
      '\r\x1b[2Kvigil: warning: eu-west-1: 2 listed resource(s) had no configuration item\n',
      out.writes[0],
    ]);
  });

  it('cuts the line to the terminal width', () => {
    const out = stream(true, 30);
    createProgressBar(out).update(progress(1, 2));
    expect(out.writes[0]?.replace('\r\x1b[2K', '')).toHaveLength(29);
  });

  it('stays silent off a terminal but for warnings and the final line', () => {
    const out = stream(false);
    const bar = createProgressBar(out);

    bar.update(progress(0, 10));
    bar.update(progress(10, 10));
    bar.update({ kind: 'warning', region: 'global', message: 'something to know' });
    bar.finish('vigil: done');

    expect(out.writes).toEqual(['vigil: warning: global: something to know\n', 'vigil: done\n']);
  });
});
