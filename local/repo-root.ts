/**
 * The repository's root folder, found from wherever this code runs: from its source file, or
 * from the CLI bundle in .build/cli (scripts/build-cli.mjs), where `import.meta.dirname` is the
 * bundle's folder. Local mode reads files that ship beside the code (the table definition, the
 * demo account, the dashboard page) from there.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

function findRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'infra', 'findings-table.yml')) && existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`cannot find Vigil's files (infra/findings-table.yml) above ${from}`);
  }
}

export const REPO_ROOT = findRoot(import.meta.dirname);
