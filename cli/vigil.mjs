#!/usr/bin/env node
// The `vigil` command. Plain JavaScript so that an old Node can at least say what it needs:
// the TypeScript sources run directly on Node >= 22.18 (type stripping). Through npm
// (`npx vigil`, `npm start`) the project's own Node 24 from node_modules/.bin is used.
import { existsSync, readFileSync, statSync } from 'node:fs';
import module from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { restartArgs } from './young-generation.mjs';

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  process.stderr.write(
    `vigil: Node ${process.versions.node} is too old; Vigil needs Node >= 22.18.\n` +
      `Run it through npm so the project's Node 24 is used: npx vigil …, or npm start.\n`,
  );
  process.exit(2);
}

// A large scan starts again with a smaller young generation: less memory, the same time
// (cli/young-generation.mjs). The same process, in place; if that fails, it goes on as it is.
const restart = restartArgs({
  args: process.argv.slice(2),
  script: process.argv[1],
  execArgv: process.execArgv,
  env: process.env,
  cwd: process.cwd(),
  canExec: typeof process.execve === 'function' && process.platform !== 'win32',
});
if (restart) {
  try {
    process.execve(process.execPath, [process.execPath, ...restart], process.env);
  } catch {
    // Scan without it.
  }
}

// A reader that goes away (`vigil scan … | head -1`) is not an error: stop quietly.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

// V8's code cache on disk: later starts skip most compilation.
module.enableCompileCache?.();

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The esbuild bundle (scripts/build-cli.mjs), when present and newer than every source it holds. */
function bundle() {
  const manifestFile = join(root, '.build', 'cli', 'manifest.json');
  if (process.env.VIGIL_FROM_SOURCE === '1' || !existsSync(manifestFile)) return undefined;
  try {
    const { builtAt, inputs } = JSON.parse(readFileSync(manifestFile, 'utf8'));
    for (const input of inputs) {
      const stat = statSync(join(root, input), { throwIfNoEntry: false });
      if (!stat || stat.mtimeMs > builtAt) return undefined;
    }
    return join(root, '.build', 'cli', 'main.js');
  } catch {
    return undefined;
  }
}

const entry = bundle();
const { main } = await import(entry ?? './main.ts');
process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
  cwd: process.cwd(),
});
