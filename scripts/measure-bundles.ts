/**
 * Measures the Lambda bundles two ways, @aws-sdk/* bundled vs left to the nodejs24.x runtime's
 * own copy (external), with the esbuild options serverless.yml gives serverless-esbuild:
 * bundle size, deflated size (≈ the zip Lambda downloads), and cold import time in a fresh
 * Node process (median of N), which is the module-loading part of a cold start.
 *
 * Run: node scripts/measure-bundles.ts [runs=7] [--write]  (--write: the section in docs/benchmarks.md)
 * The external variant resolves @aws-sdk/* from node_modules, standing in for /var/runtime.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { deflateRawSync } from 'node:zlib';
import { build, type Metafile, type Plugin } from 'esbuild';
import { lambdaBundlePlugins } from '../infra/esbuild-plugins.ts';

const ROOT = join(import.meta.dirname, '..');
// Under .esbuild/ (ignored by git) so the external variant finds node_modules by walking up.
const OUT = join(ROOT, '.esbuild', 'measure');
const RUNS = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 7);
const BANNER = "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);";

const FUNCTIONS = {
  evaluate: 'functions/evaluate/handler.ts',
  sweep: 'functions/sweep/handler.ts',
  api: 'functions/api/handler.ts',
  counters: 'functions/counters/handler.ts',
  notify: 'functions/notify/handler.ts',
  redeliver: 'functions/redeliver/handler.ts',
} as const;
const VARIANTS = {
  bundled: { external: [], plugins: lambdaBundlePlugins },
  external: { external: ['@aws-sdk/*'], plugins: lambdaBundlePlugins },
} as const;

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
  /** Bytes of the bundle by where they come from (SOURCES). */
  readonly bySource: Readonly<Record<Source, number>>;
}

/** Where a bundle's bytes come from, first match wins (esbuild's metafile: bytes in the output per input file). */
const SOURCES = {
  'AWS SDK': /node_modules\/(@aws-sdk|@smithy|@aws-crypto|mnemonist|obliterator|tslib|fast-xml-parser|strnum)\//,
  'Powertools, middy': /node_modules\/(@aws-lambda-powertools|@middy|@aws\/lambda-invoke-store)\//,
  zod: /node_modules\/zod\//,
  'rule catalog': /^shared\/rules\//,
  'Vigil, other': /^(shared|functions)\//,
  other: /./,
} as const;
type Source = keyof typeof SOURCES;

function bySource(metafile: Metafile): Record<Source, number> {
  const totals = Object.fromEntries(Object.keys(SOURCES).map((k) => [k, 0])) as Record<Source, number>;
  for (const output of Object.values(metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const source = (Object.keys(SOURCES) as Source[]).find((k) => SOURCES[k].test(input)) ?? 'other';
      totals[source] += bytesInOutput;
    }
  }
  return totals;
}

/**
 * One function bundled as serverless.yml bundles it (serverless-esbuild's options there, and
 * infra/esbuild-plugins.ts), into `outfile`; bench/pipeline-deployed.ts runs the evaluate bundle.
 */
export async function buildLambdaBundle(
  fn: keyof typeof FUNCTIONS,
  outfile: string,
  { external = [], plugins = lambdaBundlePlugins }: { readonly external?: readonly string[]; readonly plugins?: readonly Plugin[] } = {},
): Promise<Metafile> {
  const { metafile } = await build({
    entryPoints: [join(ROOT, FUNCTIONS[fn])],
    outfile,
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'node',
    target: 'node24',
    mainFields: ['module', 'main'],
    banner: { js: BANNER },
    external: [...external],
    plugins: [...plugins],
    metafile: true,
    logLevel: 'error',
  });
  return metafile;
}

export async function measureBundles(runs = RUNS): Promise<BundleMeasurement[]> {
  rmSync(OUT, { recursive: true, force: true });
  const bundles: { fn: string; variant: string; outfile: string; times: number[]; metafile: Metafile }[] = [];
  for (const [fn, entry] of Object.entries(FUNCTIONS)) {
    for (const [variant, { external, plugins }] of Object.entries(VARIANTS)) {
      const outfile = join(OUT, variant, fn, 'handler.mjs');
      mkdirSync(join(OUT, variant, fn), { recursive: true });
      const metafile = await buildLambdaBundle(fn as keyof typeof FUNCTIONS, outfile, { external, plugins });
      bundles.push({ fn, variant, outfile, times: [], metafile });
    }
  }
  // Interleaved, so a busy machine slows every variant alike.
  for (let i = 0; i < runs; i++) {
    for (const bundle of bundles) {
      const out = execFileSync(
        process.execPath,
        // A failed import prints its error alone: uncaught, Node would print the bundle's one
        // minified line of hundreds of kilobytes first.
        ['--input-type=module', '-e', `const t = performance.now(); try { await import(${JSON.stringify(bundle.outfile)}); } catch (e) { console.error(${JSON.stringify(`${bundle.fn} (${bundle.variant}):`)}, String(e)); process.exit(1); } console.log(performance.now() - t);`],
        { env: ENV, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
      );
      bundle.times.push(Number(out.trim().split('\n').at(-1)));
    }
  }
  const results = bundles.map(({ fn, variant, outfile, times, metafile }) => {
    times.sort((a, b) => a - b);
    return {
      fn,
      variant,
      bytes: statSync(outfile).size,
      deflatedBytes: deflateRawSync(readFileSync(outfile), { level: 9 }).length,
      importMsMedian: Math.round(times[Math.floor(times.length / 2)] ?? Number.NaN),
      importMsMin: Math.round(times[0] ?? Number.NaN),
      bySource: bySource(metafile),
    };
  });
  rmSync(OUT, { recursive: true, force: true });
  return results;
}

/** The section `npm run bench` writes: every function's bundle size and cold import, both variants. */
export async function bundlesSection(runs = RUNS): Promise<string> {
  const kib = (n: number) => `${(n / 1024).toFixed(0)} KiB`;
  const load = loadavg()[0]?.toFixed(2) ?? '?';
  const measured = await measureBundles(runs);
  const rows = measured.map(
    (r) =>
      `| ${r.fn} | ${r.variant} | ${r.bytes.toLocaleString('en-US')} B (${kib(r.bytes)}) | ${r.bytes <= TARGET_BYTES ? 'yes' : 'no'} | ${kib(r.deflatedBytes)} | ${r.importMsMedian} ms | ${r.importMsMin} ms |`,
  );
  const sources = Object.keys(SOURCES) as Source[];
  const sourceRows = measured
    .filter((r) => r.variant === 'bundled')
    .map((r) => `| ${r.fn} | ${kib(r.bytes)} | ${sources.map((k) => kib(r.bySource[k])).join(' | ')} |`);
  return [
    '## Lambda bundles (cold import)',
    '',
    `Each function bundled as serverless.yml bundles it (esbuild, minified ESM, the plugins of infra/esbuild-plugins.ts), two ways: \`bundled\`, what is deployed; \`external\`, \`@aws-sdk/*\` left to the runtime's copy (resolved from node_modules here). Cold import = \`await import(bundle)\` in a fresh Node process, median and minimum of ${runs} interleaved runs (\`node scripts/measure-bundles.ts ${runs}\`, load average ${load} when it ended). Targets (issue 13): 500 KB (500,000 bytes) or less per bundle, 150 ms or less per cold import.`,
    '',
    '| function | variant | bundle | ≤ 500 KB | deflated | import median | import min |',
    '|---|---|---:|:-:|---:|---:|---:|',
    ...rows,
    '',
    "Where each deployed (SDK bundled) bundle's bytes come from (esbuild's metafile):",
    '',
    `| function | bundle | ${sources.join(' | ')} |`,
    `|---|---:|${sources.map(() => '---:').join('|')}|`,
    ...sourceRows,
    '',
  ].join('\n');
}

const TARGET_BYTES = 500_000;

if (import.meta.main) {
  // `--write`: replace the section in docs/benchmarks.md (the rest of the file is npm run bench's).
  if (process.argv.includes('--write')) {
    const section = await bundlesSection();
    const file = join(ROOT, 'docs', 'benchmarks.md');
    const current = readFileSync(file, 'utf8');
    const at = current.indexOf('## Lambda bundles');
    const next = at < 0 ? -1 : current.indexOf('\n## ', at + 1);
    writeFileSync(file, at < 0 ? `${current.trimEnd()}\n\n${section}` : `${current.slice(0, at)}${section}${next < 0 ? '' : current.slice(next)}`);
    process.stdout.write(section);
  } else {
    const kb = (n: number) => `${(n / 1024).toFixed(0)} KiB`;
    for (const r of await measureBundles()) {
      console.log(`${r.fn.padEnd(9)} ${r.variant.padEnd(9)} ${kb(r.bytes).padStart(9)} (deflated ${kb(r.deflatedBytes).padStart(8)})  import median ${r.importMsMedian} ms, min ${r.importMsMin} ms`);
    }
  }
}
