import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateItems } from '../../bench/generate-account.ts';
import type { CliIo } from '../../cli/io.ts';
import { main } from '../../cli/main.ts';
import { scanSnapshot } from '../../shared/app/scan.ts';
import type { Evaluation } from '../../shared/domain/evaluation.ts';
import { catalog } from '../../shared/rules/index.ts';
import { tempDir } from '../support/temp-dir.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const NOW = '2026-11-23T00:00:00Z';
let dir = '';

function vigil(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [join(ROOT, 'cli', 'vigil.mjs'), ...args], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 30, env: { ...process.env, ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

type Row = Pick<Evaluation, 'ruleId' | 'resourceType' | 'resourceId' | 'accountId' | 'region' | 'status' | 'severity' | 'reason'> & {
  resourceName: string | null;
};
const row = (e: Row): string =>
  JSON.stringify([e.ruleId, e.resourceType, e.resourceId, e.resourceName, e.accountId, e.region, e.status, e.severity, e.reason]);

function inProcess(file: string): string[] {
  const report = scanSnapshot(readFileSync(join(dir, file)), file, catalog, { now: new Date(NOW) });
  return report.evaluations.map((e) => row({ ...e, resourceName: e.resourceName ?? null })).sort();
}

beforeAll(() => {
  dir = tempDir('vigil-out-');
  writeFileSync(join(dir, 'demo.json'), readFileSync(join(ROOT, 'examples', 'demo-account.json')));
  writeFileSync(join(dir, 'generated.json'), JSON.stringify({ configurationItems: generateItems(2000) }));
});

describe('vigil scan output', () => {
  it.each(['demo.json', 'generated.json'])('JSON and NDJSON carry the same evaluations as the in-process scan (%s)', (file) => {
    const expected = inProcess(file);
    const json = vigil(['scan', '--snapshot', file, '--format', 'json', '--now', NOW]);
    expect(json.code).toBe(0);
    const doc = JSON.parse(json.stdout) as { schemaVersion: number; rules: Record<string, unknown>; evaluations: Row[]; summary: { evaluations: number } };
    expect(doc.schemaVersion).toBe(2);
    expect(Object.keys(doc.rules)).toHaveLength(catalog.length);
    expect(doc.evaluations.map(row).sort()).toEqual(expected);
    expect(doc.summary.evaluations).toBe(expected.length);

    const ndjson = vigil(['scan', '--snapshot', file, '--format', 'ndjson', '--now', NOW]);
    expect(ndjson.code).toBe(0);
    const lines = ndjson.stdout.trimEnd().split('\n');
    expect(lines.map((l) => row(JSON.parse(l) as Row)).sort()).toEqual(expected);
  });

  it.each(['demo.json', 'generated.json'])('reads a large file in two passes (inventory first) to the same evaluations (%s)', (file) => {
    // Files above 512 MB are read twice; a threshold of 1 byte makes this small one take that path.
    const r = vigil(['scan', '--snapshot', file, '--format', 'ndjson', '--now', NOW], { VIGIL_TWO_PASS_BYTES: '1' });
    expect(r.code).toBe(0);
    expect(r.stdout.trimEnd().split('\n').map((l) => row(JSON.parse(l) as Row)).sort()).toEqual(inProcess(file));
  });

  it('--status lists only the statuses asked for, and the summary still counts all', () => {
    const all = inProcess('demo.json');
    const problems = all.filter((r) => /"(NON_COMPLIANT|ERROR)"/.test(r));
    const r = vigil(['scan', '--snapshot', 'demo.json', '--format', 'json', '--now', NOW, '--status', 'non-compliant,error']);
    const doc = JSON.parse(r.stdout) as { evaluations: Row[]; summary: { evaluations: number } };
    expect(doc.evaluations.map(row).sort()).toEqual(problems);
    expect(doc.summary.evaluations).toBe(all.length);
    expect(vigil(['scan', '--snapshot', 'demo.json', '--status', 'bad']).stderr).toMatch(/--status takes non-compliant, error, compliant, not-applicable \(got "bad"\)/);
  });
});

describe('internal errors', () => {
  it('exit 3 with one line naming what failed and --debug, and the stack with --debug', async () => {
    const run = async (extra: string[]) => {
      let stderr = '';
      const io: CliIo = {
        stdout: { write: () => true },
        stderr: { write: (t: string) => (stderr += t) },
        stdin: {
          [Symbol.asyncIterator]() {
            throw new TypeError('the input stream broke');
          },
        },
        env: {},
        cwd: dir,
      };
      return { code: await main(['scan', '--snapshot', '-', ...extra], io), stderr };
    };
    const plain = await run([]);
    expect(plain.code).toBe(3);
    expect(plain.stderr).toBe('vigil: internal error in "scan": TypeError: the input stream broke (run again with --debug for the stack trace)\n');
    const debug = await run(['--debug']);
    expect(debug.code).toBe(3);
    expect(debug.stderr).toMatch(/TypeError: the input stream broke\n\s+at /);
  });
});
