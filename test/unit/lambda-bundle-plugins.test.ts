/**
 * The esbuild plugins of the Lambda bundles (infra/esbuild-plugins.ts) remove code and text a
 * Lambda never runs or reads. Each must leave behaviour as it was: these tests build the same
 * modules with and without a plugin and compare what a caller can observe.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { compactErrorClasses, compactSdkErrors, noEventStreams, RULE_TEXT_FIELDS, ruleCodeOnly } from '../../infra/esbuild-plugins.ts';
import { catalog } from '../../shared/rules/index.ts';
import { loadRuleFixtures } from '../support/rule-fixtures.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const OUT = mkdtempSync(join(tmpdir(), 'vigil-bundle-plugins-'));
afterAll(() => rmSync(OUT, { recursive: true, force: true }));

type Module = Record<string, unknown>;
let built = 0;
/** `source` (an ES module importing from the repository) bundled as the Lambdas are, then imported. */
async function bundle(source: string, plugins: Plugin[]): Promise<Module> {
  const outfile = join(OUT, `bundle-${built++}.mjs`);
  await build({
    stdin: { contents: source, resolveDir: ROOT, loader: 'ts' },
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node24',
    mainFields: ['module', 'main'],
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
    plugins,
    // Class names as written: a bundle renames classes whose names collide (`_Foo`), and the
    // comparison is of the classes, not of that renaming.
    keepNames: true,
    logLevel: 'error',
  });
  return (await import(pathToFileURL(outfile).href)) as Module;
}

const sdkClients = Object.keys((JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }).dependencies).filter((name) =>
  name.startsWith('@aws-sdk/client-'),
);

type ErrorClass = (new (opts: Record<string, unknown>) => Error & Record<string, unknown>) & { shapeId?: string };

/** Everything a caller can see of an error class and of an error it throws. */
function observe(exports: Module, name: string, others: readonly string[]) {
  const Class = exports[name] as ErrorClass;
  // Any field the class copies from its options reads a distinct value; the rest are the wire's,
  // with a name and fault the class must override.
  const wire = { message: `${name} happened`, $metadata: { httpStatusCode: 400, requestId: 'r-1' }, name: 'FromTheWire', $fault: 'wire' };
  const options = new Proxy(wire as Record<string, unknown>, {
    get: (target, key) => (typeof key === 'string' && !(key in target) ? `${key} of the response` : target[key as string]),
  });
  const error = new Class(options);
  const chain: string[] = [];
  for (let p = Object.getPrototypeOf(error) as object | null; p && p !== Object.prototype; p = Object.getPrototypeOf(p) as object | null) chain.push((p.constructor as { name: string }).name);
  return {
    className: Class.name,
    ownShapeId: Object.hasOwn(Class, 'shapeId') ? Class.shapeId : undefined,
    own: Object.getOwnPropertyNames(error)
      .filter((key) => key !== 'stack')
      .map((key) => [key, Object.getOwnPropertyDescriptor(error, key)]),
    json: JSON.stringify(error),
    chain,
    isItself: error instanceof Class,
    isError: error instanceof Error,
    // The SDK's instanceof matches by shape id or name across copies of a class: never another error.
    isAnother: others.filter((other) => other !== name && error instanceof (exports[other] as ErrorClass)),
  };
}

describe('compactSdkErrors', () => {
  it.each(sdkClients)('%s: every error class behaves as the generated one, in a fraction of the bytes', async (client) => {
    // Prepare
    const file = join(ROOT, 'node_modules', client, 'dist-es', 'models', 'errors.js');
    const source = `export * from ${JSON.stringify(file)};`;

    // Act
    const compact = compactErrorClasses(readFileSync(file, 'utf8'));
    const [original, rewritten] = await Promise.all([bundle(source, []), bundle(source, [compactSdkErrors])]);

    // Assess
    expect(compact, `${client}'s errors module no longer has the generated shape the plugin rewrites`).toBeDefined();
    expect((compact ?? '').length).toBeLessThan(readFileSync(file, 'utf8').length * 0.7);
    const names = Object.keys(original).filter((name) => typeof original[name] === 'function');
    expect(Object.keys(rewritten)).toEqual(Object.keys(original));
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(observe(rewritten, name, names), name).toEqual(observe(original, name, names));
  });

  it('leaves a module it does not recognize as it was', () => {
    // Prepare: a class with a constructor body the generator never writes
    const source = `import { XServiceException as __BaseException } from "./XServiceException";
export class Odd extends __BaseException {
    name = "Odd";
    $fault = "client";
    constructor(opts) {
        super({ name: "Odd", $fault: "client", ...opts });
        this.extra = compute(opts);
    }
}
`;
    // Act / Assess
    expect(compactErrorClasses(source)).toBeUndefined();
  });
});

describe('noEventStreams', () => {
  it('lets the clients that declare event streams construct and serve plain calls, and names what is missing when a stream is used', async () => {
    // Prepare: the Lambda and CloudWatch Logs clients build an event-stream marshaller at construction.
    const source = `
      import { LambdaClient } from '@aws-sdk/client-lambda';
      import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
      export const lambda = new LambdaClient({ region: 'eu-west-1' });
      export const logs = new CloudWatchLogsClient({ region: 'eu-west-1' });`;

    // Act
    const { lambda, logs } = (await bundle(source, [noEventStreams])) as { lambda: { config: Record<string, unknown> }; logs: { config: Record<string, unknown> } };

    // Assess
    for (const client of [lambda, logs]) {
      const marshaller = client.config['eventStreamMarshaller'] as { deserialize: () => unknown };
      expect(() => marshaller.deserialize()).toThrow(/@smithy\/core\/event-streams deserialize is not in the Lambda bundle/);
    }
  });
});

describe('ruleCodeOnly', () => {
  it('keeps every rule evaluating as before, without the texts the evaluate function never reads', async () => {
    // Prepare: the catalog and the scan, bundled as evaluate bundles them and as the CLI runs them.
    const source = `export { catalog } from './shared/rules/index.ts'; export { scanSnapshot } from './shared/app/scan.ts';`;
    const [full, stripped] = await Promise.all([bundle(source, []), bundle(source, [ruleCodeOnly])]);
    type Scan = (bytes: Uint8Array, file: string, catalog: unknown, options: { now: Date }) => { evaluations: Record<string, unknown>[] };
    const demo = readFileSync(join(ROOT, 'examples', 'demo-account.json'));
    // And every rule fixture's items in one account: each rule meets its own edge cases.
    const fixtures = Buffer.from(
      JSON.stringify(
        catalog
          .flatMap((rule) => loadRuleFixtures(rule.id))
          .filter((fixture) => fixture.expected !== 'INPUT_ERROR')
          .flatMap((fixture) => [fixture.subject, ...fixture.inventory]),
      ),
    );
    const now = new Date('2026-12-01T00:00:00Z');

    // Act
    const scan = (m: Module, bytes: Uint8Array) => (m['scanSnapshot'] as Scan)(bytes, 'account.json', m['catalog'], { now }).evaluations.map(({ equivalents: _, ...e }) => e);
    const before = [...scan(full, demo), ...scan(full, fixtures)];
    const after = [...scan(stripped, demo), ...scan(stripped, fixtures)];

    // Assess: the same evaluations, and each rule's declaration minus exactly the texts.
    expect(after).toEqual(before);
    expect(new Set(before.map((e) => e['status']))).toEqual(new Set(['COMPLIANT', 'NON_COMPLIANT', 'NOT_APPLICABLE']));
    expect(new Set(before.map((e) => e['ruleId'])).size).toBe(catalog.length);
    const rules = (m: Module) => m['catalog'] as Record<string, unknown>[];
    expect(rules(stripped)).toHaveLength(rules(full).length);
    rules(full).forEach((rule, i) => {
      const kept = rules(stripped)[i] ?? {};
      expect(Object.keys(kept).sort(), String(rule['id'])).toEqual(Object.keys(rule).filter((k) => !(RULE_TEXT_FIELDS as readonly string[]).includes(k)).sort());
      expect({ id: kept['id'], severity: kept['severity'], resourceTypes: kept['resourceTypes'], dependsOn: kept['dependsOn'] }).toEqual({
        id: rule['id'],
        severity: rule['severity'],
        resourceTypes: rule['resourceTypes'],
        dependsOn: rule['dependsOn'],
      });
    });
  });

  it('covers every rule module of the catalog', () => {
    // A rule module the plugin's path filter missed would be bundled with its texts, silently.
    const modules = readdirSync(join(ROOT, 'shared', 'rules'), { recursive: true, encoding: 'utf8' }).filter(
      (file) => file.endsWith('.ts') && /^export default defineRule\(/m.test(readFileSync(join(ROOT, 'shared', 'rules', file), 'utf8')),
    );
    expect(modules.length).toBe(108);
    expect(modules.filter((file) => file.split(/[\\/]/).length !== 2)).toEqual([]);
  });
});
