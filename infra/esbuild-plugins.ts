/**
 * esbuild plugins for the Lambda bundles: serverless.yml hands them to serverless-esbuild
 * (`custom.esbuild.plugins`), and scripts/measure-bundles.ts builds with the same list, so what
 * is measured is what is deployed. Each keeps behaviour and removes code a Lambda never runs;
 * docs/benchmarks.md ("Lambda bundles") records what each saves.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Plugin } from 'esbuild';

const ROOT = join(import.meta.dirname, '..');

/**
 * The SDK clients' default credential chain becomes the environment provider alone
 * (functions/lambda-credentials.ts says why).
 */
export const lambdaCredentials: Plugin = {
  name: 'vigil-lambda-credentials',
  setup(build) {
    build.onResolve({ filter: /^@aws-sdk\/credential-provider-node$/ }, () => ({
      path: join(ROOT, 'functions', 'lambda-credentials.ts'),
    }));
  },
};

/**
 * The SDK's generated schema modules (`@aws-sdk/client-x/dist-es/schemas/schemas_0.js`) declare
 * every shape of the service as `export var X$ = [..., { [_jN]: _n }, ...]`, where `_jN` is a
 * module constant (`const _jN = "jsonName";`). esbuild cannot prove a computed key free of side
 * effects, so it keeps every shape of a REST service, used or not (GuardDuty alone: 109 KiB for
 * two operations). Writing each such key as the string constant it names (`"jsonName":`) is the
 * same object; esbuild then drops the shapes no command of the bundle reaches.
 */
export const foldSchemaKeys: Plugin = {
  name: 'vigil-fold-sdk-schema-keys',
  setup(build) {
    build.onLoad({ filter: /[\\/]node_modules[\\/]@aws-sdk[\\/][^\\/]+[\\/]dist-es[\\/]schemas[\\/]schemas_\d+\.js$/ }, async (args) => ({
      contents: foldConstantKeys(await readFile(args.path, 'utf8')),
      loader: 'js',
    }));
  },
};

/** `{ [_k]: v }` → `{ "literal": v }` for every `const _k = "literal";` of the module. */
export function foldConstantKeys(source: string): string {
  const constants = new Map<string, string>();
  for (const m of source.matchAll(/^const (_\w+) = ("(?:[^"\\\n]|\\.)*");$/gm)) constants.set(m[1] ?? '', m[2] ?? '');
  return source.replace(/\[(_\w+)\]:/g, (key, name: string) => constants.get(name)?.concat(':') ?? key);
}

/**
 * A bundled package's own package.json, imported for its version (the SDK's user agent, the X-Ray
 * SDK's segment data), becomes `{ name, version }`: nothing in these bundles reads another field,
 * and the rest (scripts, dependency lists, exports maps) was ~2 KiB per SDK client.
 */
export const packageNameAndVersion: Plugin = {
  name: 'vigil-package-name-and-version',
  setup(build) {
    build.onLoad({ filter: /[\\/]node_modules[\\/].+[\\/]package\.json$/ }, async (args) => {
      const { name, version } = JSON.parse(await readFile(args.path, 'utf8')) as { name?: unknown; version?: unknown };
      return { contents: JSON.stringify({ name, version }), loader: 'json' };
    });
  },
};

/**
 * The X-Ray SDK (Powertools Tracer's engine, CommonJS, so esbuild cannot tree-shake it) without
 * what a Lambda function never runs: the AWS SDK v2 patcher (it alone brings `semver`, ~30 KiB),
 * centralized sampling (in Lambda the SDK switches to local sampling at start, and Lambda decides
 * sampling upstream anyway) and the EC2/ECS/Elastic Beanstalk metadata plugins. Subsegments for
 * every AWS SDK v3 call, annotations and the handler's segment are unchanged.
 */
export const trimXraySdk: Plugin = {
  name: 'vigil-trim-xray-sdk',
  setup(build) {
    const stubs: Record<string, string> = {
      './patchers/aws_p': 'captureAWS,captureAWSClient',
      './sampling/default_sampler': 'shouldSample',
      './segments/plugins/ec2_plugin': 'getData',
      './segments/plugins/ecs_plugin': 'getData',
      './segments/plugins/elastic_beanstalk_plugin': 'getData',
    };
    build.onResolve({ filter: /^\.\/(patchers\/aws_p|sampling\/default_sampler|segments\/plugins\/\w+_plugin)$/ }, (args) => {
      if (!/[\\/]aws-xray-sdk-core[\\/]/.test(args.importer)) return undefined;
      const names = stubs[args.path];
      return names === undefined ? undefined : { path: args.path, namespace: 'vigil-xray-stub', pluginData: names };
    });
    build.onLoad({ filter: /.*/, namespace: 'vigil-xray-stub' }, (args) => ({
      // Each function throws if ever called, naming what was left out, instead of failing silently.
      contents: `const unbundled = (name) => () => { throw new Error('aws-xray-sdk-core ' + name + ' is not in the Lambda bundle (infra/esbuild-plugins.ts)'); };
module.exports = { ${String(args.pluginData)
        .split(',')
        .map((fn) => `${fn}: unbundled(${JSON.stringify(`${args.path} ${fn}`)})`)
        .join(', ')} };`,
      loader: 'js',
    }));
  },
};

/** The plugins of every Lambda bundle, in order. */
export const lambdaBundlePlugins: Plugin[] = [lambdaCredentials, foldSchemaKeys, packageNameAndVersion, trimXraySdk];

/** serverless-esbuild loads this file with require() and takes its default export. */
export default lambdaBundlePlugins;
