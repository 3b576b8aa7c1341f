import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect, it } from 'vitest';
import * as z from '../../shared/zod.ts';

const ROOT = join(import.meta.dirname, '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name.startsWith('.') ? [] : sources(path);
    return /\.(ts|mts|mjs|cjs|js)$/.test(entry.name) ? [path] : [];
  });
}

it('every module imports zod through shared/zod.ts, which gives zod/mini its English messages', () => {
  // Prepare: zod/mini on its own says only "Invalid input"; users read these messages (API 400s,
  // bad snapshots, bad rule parameters), and classic `zod` would bring back its 440 KiB.
  const direct = ['shared', 'functions', 'cli', 'local', 'infra', 'scripts', 'bench', 'test']
    .flatMap((dir) => sources(join(ROOT, dir)))
    .filter((file) => relative(ROOT, file) !== join('shared', 'zod.ts'))
    .filter((file) => /from\s+['"]zod(\/[^'"]*)?['"]|import\(\s*['"]zod/.test(readFileSync(file, 'utf8')))
    .map((file) => relative(ROOT, file));

  // Act
  const issue = z.object({ limit: z.number().check(z.int(), z.lte(500)) }).safeParse({ limit: 501 }).error?.issues[0];

  // Assess
  expect(direct).toEqual([]);
  expect(issue?.message).toBe('Too big: expected number to be <=500');
});
