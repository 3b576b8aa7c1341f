/**
 * Measures the Lambda bundles two ways, @aws-sdk/* bundled vs left to the nodejs24.x runtime's
 * own copy (external), with the esbuild options serverless.yml gives serverless-esbuild:
 * bundle size, deflated size (≈ the zip Lambda downloads), and cold import time in a fresh
 * Node process (median of N), which is the module-loading part of a cold start.
 *
 * Run: node scripts/measure-bundles.ts [runs=7]
 * The external variant resolves @aws-sdk/* from node_modules, standing in for /var/runtime.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { build } from 'esbuild';
import { lambdaBundlePlugins } from '../infra/esbuild-plugins.ts';

const ROOT = join(import.meta.dirname, '..');
// Under .esbuild/ (ignored by git) so the external variant finds node_modules by walking up.
const OUT = join(ROOT, '.esbuild', 'measure');
const RUNS = Number(process.argv[2] ?? 7);
const BANNER = "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);";

const FUNCTIONS = {
  evaluate: 'functions/evaluate/handler.ts',
  sweep: 'functions/sweep/handler.ts',
  api: 'functions/api/handler.ts',
  counters: 'functions/counters/handler.ts',
  notify: 'functions/notify/handler.ts',
  redeliver: 'functions/redeliver/handler.ts',
} as const;
const VARIANTS = { bundled: [], external: ['@aws-sdk/*'] } as const;

// What the handlers read at cold start; nothing is called during an import.
const ENV = {
  ...process.env,
  AWS_REGION: 'eu-west-1',
  AWS_LAMBDA_FUNCTION_NAME: 'vigil-measure-sweep',
  ACCOUNT_ID: '111122223333',
  FINDINGS_TABLE_NAME: 'vigil-measure-findings',
  EVALUATION_QUEUE_URL: 'https://sqs.eu-west-1.amazonaws.com/111122223333/vigil-measure-evaluation',
  RULE_PARAMS: '{}',
  POWERTOOLS_TRACE_ENABLED: 'false',
  CURSOR_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:vigil-measure-cursor-key-AbCdEf',
  ALERT_CHANNELS: '[{"id":"alerts","type":"sns","target":"default"},{"id":"ops","type":"slack","target":"vigil/slack"}]',
  ALERTS_TOPIC_ARN: 'arn:aws:sns:eu-west-1:111122223333:vigil-measure-alerts',
};

export interface BundleMeasurement {
  readonly fn: string;
  readonly variant: string;
  readonly bytes: number;
  readonly deflatedBytes: number;
  readonly importMsMedian: number;
  readonly importMsMin: number;
}

export async function measureBundles(runs = RUNS): Promise<BundleMeasurement[]> {
  rmSync(OUT, { recursive: true, force: true });
  const bundles: { fn: string; variant: string; outfile: string; times: number[] }[] = [];
  for (const [fn, entry] of Object.entries(FUNCTIONS)) {
    for (const [variant, external] of Object.entries(VARIANTS)) {
      const outfile = join(OUT, variant, fn, 'handler.mjs');
      mkdirSync(join(OUT, variant, fn), { recursive: true });
      await build({
        entryPoints: [join(ROOT, entry)],
        outfile,
        bundle: true,
        minify: true,
        format: 'esm',
        platform: 'node',
        target: 'node24',
        mainFields: ['module', 'main'],
        banner: { js: BANNER },
        external: [...external],
        plugins: lambdaBundlePlugins,
        logLevel: 'error',
      });
      bundles.push({ fn, variant, outfile, times: [] });
    }
  }
  // Interleaved, so a busy machine slows every variant alike.
  for (let i = 0; i < runs; i++) {
    for (const bundle of bundles) {
      const out = execFileSync(
        process.execPath,
        ['--input-type=module', '-e', `const t = performance.now(); await import(${JSON.stringify(bundle.outfile)}); console.log(performance.now() - t);`],
        { env: ENV, encoding: 'utf8' },
      );
      bundle.times.push(Number(out.trim().split('\n').at(-1)));
    }
  }
  const results = bundles.map(({ fn, variant, outfile, times }) => {
    times.sort((a, b) => a - b);
    return {
      fn,
      variant,
      bytes: statSync(outfile).size,
      deflatedBytes: deflateRawSync(readFileSync(outfile), { level: 9 }).length,
      importMsMedian: Math.round(times[Math.floor(times.length / 2)] ?? Number.NaN),
      importMsMin: Math.round(times[0] ?? Number.NaN),
    };
  });
  rmSync(OUT, { recursive: true, force: true });
  return results;
}

/** The section `npm run bench` writes: every function's bundle size and cold import, both variants. */
export async function bundlesSection(runs = RUNS): Promise<string> {
  const kib = (n: number) => `${(n / 1024).toFixed(0)} KiB`;
  const rows = (await measureBundles(runs)).map(
    (r) => `| ${r.fn} | ${r.variant} | ${kib(r.bytes)} | ${kib(r.deflatedBytes)} | ${r.importMsMedian} ms | ${r.importMsMin} ms |`,
  );
  return [
    '## Lambda bundles (cold import)',
    '',
    `Each function bundled as serverless.yml bundles it (esbuild, minified ESM), \`@aws-sdk/*\` bundled (what is deployed) and left external (the runtime's copy, resolved from node_modules here); cold import = \`await import(bundle)\` in a fresh Node process, median and minimum of ${runs} interleaved runs (\`node scripts/measure-bundles.ts ${runs}\`). Targets (issue 13): 500 KB or less per bundle, 150 ms or less per cold import.`,
    '',
    '| function | @aws-sdk | bundle | deflated | import median | import min |',
    '|---|---|---:|---:|---:|---:|',
    ...rows,
    '',
  ].join('\n');
}

if (import.meta.main) {
  const kb = (n: number) => `${(n / 1024).toFixed(0)} KiB`;
  for (const r of await measureBundles()) {
    console.log(`${r.fn.padEnd(9)} ${r.variant.padEnd(9)} ${kb(r.bytes).padStart(9)} (deflated ${kb(r.deflatedBytes).padStart(8)})  import median ${r.importMsMedian} ms, min ${r.importMsMin} ms`);
  }
}
