// Builds the CLI bundle `vigil` starts from (run by `npm ci` / `npm install` as the `prepare`
// script; output in .build/, gitignored). One ES module per command and per format, split by
// esbuild, so each invocation loads only what it uses: TypeScript is not type-stripped at every
// start, and `vigil --help` does not load the rule catalog. cli/vigil.mjs falls back to the
// TypeScript sources when the bundle is missing or older than any of its inputs.
// Plain JavaScript: it must run before anything else is built.
import { build } from 'esbuild';
import { rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(import.meta.dirname, '..');
const outdir = join(root, '.build', 'cli');
const started = Date.now();
try {
  // A fresh folder: chunks of earlier builds (their names carry a hash) would pile up.
  rmSync(outdir, { recursive: true, force: true });
  const result = await build({
    entryPoints: [join(root, 'cli', 'main.ts')],
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    outdir,
    minifySyntax: true,
    metafile: true,
    logLevel: 'warning',
    // Bundled CommonJS dependencies (the AWS SDK) call require(): give the ESM bundle one.
    banner: { js: "import { createRequire as __vigilRequire } from 'node:module'; const require = __vigilRequire(import.meta.url);" },
  });
  const inputs = Object.keys(result.metafile.inputs).filter((p) => !p.startsWith('node_modules/'));
  writeFileSync(
    join(outdir, 'manifest.json'),
    JSON.stringify({ builtAt: started, inputs: inputs.map((p) => relative(root, join(root, p))) }),
  );
} catch (error) {
  // Never fail an install over it: vigil runs from the TypeScript sources instead.
  process.stderr.write(`vigil: CLI bundle not built (${error instanceof Error ? error.message : String(error)}); the CLI runs from source\n`);
}
