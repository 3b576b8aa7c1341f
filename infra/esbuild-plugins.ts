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

/** The plugins of every Lambda bundle, in order. */
export const lambdaBundlePlugins: Plugin[] = [lambdaCredentials, foldSchemaKeys];

/** serverless-esbuild loads this file with require() and takes its default export. */
export default lambdaBundlePlugins;
