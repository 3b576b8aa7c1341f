import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { RESTART_ABOVE_BYTES, YOUNG_GENERATION_FLAG, restartArgs } from '../../../cli/young-generation.mjs';
import { tempDir } from '../../support/temp-dir.ts';

let dir = '';
const SCRIPT = '/opt/vigil/cli/vigil.mjs';

beforeAll(() => {
  dir = tempDir('vigil-young-');
  writeFileSync(join(dir, 'small.json'), '{"configurationItems": []}');
  writeFileSync(join(dir, 'big.json'), Buffer.alloc(4096, 0x20));
  // Bytes that do not compress: about 2,000 bytes of gzip, which stand for about 16,000 of JSON.
  let x = 1;
  const noise = Buffer.alloc(2000, 0).map(() => (x = (x * 1103515245 + 12345) >>> 0) >>> 24);
  writeFileSync(join(dir, 'big.json.gz'), gzipSync(noise));
});

/** restartArgs for `args` in the temporary folder, restarting at 1,000 bytes unless `env` says otherwise. */
function decide(args: string[], more: { execArgv?: string[]; env?: NodeJS.ProcessEnv; canExec?: boolean } = {}) {
  return restartArgs({
    args,
    script: SCRIPT,
    execArgv: more.execArgv ?? [],
    env: more.env ?? { VIGIL_RESTART_ABOVE_BYTES: '1000' },
    cwd: dir,
    canExec: more.canExec ?? true,
  });
}

describe('restartArgs: which scans start again with a smaller young generation', () => {
  it('restarts a scan of a large file with the flag first, Node flags kept, then the script and the same arguments', () => {
    const args = ['scan', '--snapshot', 'big.json', '--format', 'ndjson'];
    expect(decide(args, { execArgv: ['--enable-source-maps'] })).toEqual([YOUNG_GENERATION_FLAG, '--enable-source-maps', SCRIPT, ...args]);
    expect(decide(['scan', '--snapshot=big.json'])).toEqual([YOUNG_GENERATION_FLAG, SCRIPT, 'scan', '--snapshot=big.json']);
  });

  it('leaves small inputs, other commands, live reads and unreadable files as they are', () => {
    expect(decide(['scan', '--snapshot', 'small.json'])).toBeUndefined();
    expect(decide(['rules'])).toBeUndefined();
    expect(decide(['local', '--snapshot', 'big.json'])).toBeUndefined();
    expect(decide(['scan', '--live', '--region', 'eu-west-1'])).toBeUndefined();
    expect(decide(['scan', '--snapshot', 'missing.json'])).toBeUndefined();
    expect(decide(['scan', '--snapshot', '.'])).toBeUndefined();
    // The last --snapshot is the one scanned.
    expect(decide(['scan', '--snapshot', 'big.json', '--snapshot', 'small.json'])).toBeUndefined();
    expect(decide(['scan', '--', '--snapshot', 'big.json'])).toBeUndefined();
  });

  it('never restarts twice, against a size the user chose, or where execve does not exist', () => {
    const args = ['scan', '--snapshot', 'big.json'];
    expect(decide(args, { execArgv: [YOUNG_GENERATION_FLAG] })).toBeUndefined();
    expect(decide(args, { execArgv: ['--max-semi-space-size=64'] })).toBeUndefined();
    expect(decide(args, { env: { VIGIL_RESTART_ABOVE_BYTES: '1000', NODE_OPTIONS: '--max-semi-space-size=32' } })).toBeUndefined();
    expect(decide(args, { canExec: false })).toBeUndefined();
  });

  it('counts a gzipped file as the JSON it holds, about 8× its size', () => {
    // 2 KB of gzip: over a 10 KB limit only as the JSON it holds.
    expect(statSync(join(dir, 'big.json.gz')).size).toBeLessThan(2500);
    expect(decide(['scan', '--snapshot', 'big.json.gz'], { env: { VIGIL_RESTART_ABOVE_BYTES: '10000' } })).toBeDefined();
    expect(decide(['scan', '--snapshot', 'big.json'], { env: { VIGIL_RESTART_ABOVE_BYTES: '10000' } })).toBeUndefined();
  });

  it('restarts from 64 MB by default', () => {
    expect(RESTART_ABOVE_BYTES).toBe(64 * 1024 * 1024);
    expect(decide(['scan', '--snapshot', 'big.json'], { env: {} })).toBeUndefined();
  });
});
