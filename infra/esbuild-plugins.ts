/**
 * esbuild plugins for the Lambda bundles: serverless.yml hands them to serverless-esbuild
 * (`custom.esbuild.plugins`), and scripts/measure-bundles.ts builds with the same list, so what
 * is measured is what is deployed. Each keeps behaviour and removes code a Lambda never runs;
 * docs/benchmarks.md ("Lambda bundles") records what each saves.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse, type Node } from 'acorn';
import { transform, type Plugin } from 'esbuild';

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
 * A bundled package's own package.json, imported for its version (the SDK's user agent), becomes
 * `{ name, version }`: nothing in these bundles reads another field,
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
 * Every SDK client's `models/errors.js` declares one class per service error, and its schema
 * module registers them all (the deserializer throws the class the wire names), so esbuild keeps
 * every one: 85 KiB of near-identical class bodies in the sweep bundle. Each class becomes one
 * call of a shared factory that builds the same class: same `name` (of the class and of each
 * instance), `$fault`, `$retryable`, static `shapeId`, own fields in the same order, and the same
 * prototype chain, so `instanceof`, the retry classifier and logged errors see no difference
 * (test/unit/lambda-bundle-plugins.test.ts compares every class of every client Vigil bundles).
 */
export const compactSdkErrors: Plugin = {
  name: 'vigil-compact-sdk-errors',
  setup(build) {
    build.onLoad({ filter: /[\\/]node_modules[\\/]@aws-sdk[\\/]client-[^\\/]+[\\/]dist-es[\\/]models[\\/]errors\.js$/ }, async (args) => {
      const compact = compactErrorClasses(await readFile(args.path, 'utf8'));
      return compact === undefined ? undefined : { contents: compact, loader: 'js' };
    });
  },
};

const ERROR_MODULE_HEADER = /^import \{ (\w+) as __BaseException \} from "(\.\/\w+)";\n/;
const ERROR_CLASS = new RegExp(
  [
    String.raw`export class (?<name>\w+) extends __BaseException \{\n`,
    String.raw`(?:    static shapeId = (?<shapeId>"[^"\\\n]+");\n)?`,
    String.raw`    name = "\k<name>";\n`,
    String.raw`    \$fault = (?<fault>"(?:client|server)");\n`,
    String.raw`(?:    \$retryable = (?<retryable>\{[^\n]*\});\n)?`,
    String.raw`(?<declared>(?:    \w+;\n)*)`,
    String.raw`    constructor\(opts\) \{\n        super\(\{\n            name: "\k<name>",\n            \$fault: \k<fault>,\n            \.\.\.opts,\n        \}\);\n`,
    String.raw`        Object\.setPrototypeOf\(this, \k<name>\.prototype\);\n`,
    String.raw`(?<assigned>(?:        this\.(\w+) = opts\.\w+;\n)*)`,
    String.raw`    \}\n\}\n`,
  ].join(''),
  'y',
);

/**
 * The compact form of a client's errors module, or undefined when the module is not exactly the
 * generated shape this rewrite knows (then it is bundled unchanged).
 */
export function compactErrorClasses(source: string): string | undefined {
  const header = ERROR_MODULE_HEADER.exec(source);
  if (!header) return undefined;
  const classes: { name: string; fault: string; shapeId: string | undefined; retryable: string | undefined; fields: string[] }[] = [];
  ERROR_CLASS.lastIndex = header[0].length;
  while (ERROR_CLASS.lastIndex < source.length) {
    const at = ERROR_CLASS.lastIndex;
    const m = ERROR_CLASS.exec(source);
    if (!m?.groups || m.index !== at) return undefined;
    const { name = '', shapeId, fault = '', retryable, declared = '', assigned = '' } = m.groups;
    const fields = [...declared.matchAll(/^ {4}(\w+);$/gm)].map((f) => f[1] ?? '');
    const copies = [...assigned.matchAll(/^ {8}this\.(\w+) = opts\.(\w+);$/gm)];
    // Every declared field is copied from the option of its own name, in declaration order.
    if (copies.length !== fields.length || copies.some((c, i) => c[1] !== fields[i] || c[2] !== fields[i])) return undefined;
    classes.push({ name, fault, shapeId: shapeId === undefined ? undefined : (JSON.parse(shapeId) as string), retryable, fields });
  }
  // Shape ids are `<namespace>#<name>`: the namespace is written once.
  const namespace = classes.find((c) => c.shapeId?.endsWith(`#${c.name}`))?.shapeId?.replace(/#[^#]*$/, '#') ?? '';
  const calls = classes.map(({ name, fault, shapeId, retryable, fields }) => {
    const id = shapeId === undefined ? 'undefined' : shapeId === namespace + name ? '1' : JSON.stringify(shapeId);
    const args = [JSON.stringify(name), fault, id, retryable === undefined ? 'undefined' : `() => (${retryable})`, JSON.stringify(fields)];
    while (args.length > 3 && (args.at(-1) === '[]' || args.at(-1) === 'undefined')) args.pop();
    return `export const ${name} = __error(${args.join(', ')});`;
  });
  return `import { ${header[1]} as __BaseException } from ${JSON.stringify(header[2])};
const __namespace = ${JSON.stringify(namespace)};
function __error(name, $fault, shapeId, retryable, fields = []) {
  const E = class extends __BaseException {
    constructor(opts) {
      super({ name, $fault, ...opts });
      this.name = name;
      this.$fault = $fault;
      if (retryable) this.$retryable = retryable();
      for (const field of fields) this[field] = undefined;
      Object.setPrototypeOf(this, E.prototype);
      for (const field of fields) this[field] = opts[field];
    }
  };
  Object.defineProperty(E, "name", { value: name });
  if (shapeId !== undefined) Object.defineProperty(E, "shapeId", { value: shapeId === 1 ? __namespace + name : shapeId, writable: true, enumerable: true, configurable: true });
  return E;
}
${calls.join('\n')}
`;
}

/**
 * Event streams (`@smithy/core/event-streams`: S3 SelectObjectContent, Lambda
 * InvokeWithResponseStream, CloudWatch Logs StartLiveTail...) are no operation Vigil calls, yet
 * every protocol imports their codec for the day one does, and the Lambda and CloudWatch Logs
 * clients build a marshaller at construction: about 19 KiB per bundle. This module stands in: the
 * clients construct as before, and a streaming call would throw, naming what was left out,
 * instead of failing silently.
 */
export const noEventStreams: Plugin = {
  name: 'vigil-no-event-streams',
  setup(build) {
    build.onResolve({ filter: /^@smithy\/core\/event-streams$/ }, (args) => ({ path: args.path, namespace: 'vigil-no-event-streams' }));
    build.onLoad({ filter: /.*/, namespace: 'vigil-no-event-streams' }, () => ({
      contents: `const unbundled = (name) => { throw new Error('@smithy/core/event-streams ' + name + ' is not in the Lambda bundle (infra/esbuild-plugins.ts)'); };
export const eventStreamSerdeProvider = () => ({ serialize: () => unbundled('serialize'), deserialize: () => unbundled('deserialize') });
export const resolveEventStreamSerdeConfig = (input) => Object.assign(input, { eventStreamMarshaller: input.eventStreamSerdeProvider(input) });
export class EventStreamSerde { constructor() { unbundled('EventStreamSerde'); } }`,
      loader: 'js',
    }));
  },
};

/**
 * What a rule declares for people, not for evaluation: the evaluate function reads a rule's id,
 * severity, types, parameters, dependencies and code, and stores none of these texts (the API,
 * notify and the CLI take them from the catalog or catalog-metadata.ts). They were about 75 KiB
 * of the evaluate bundle.
 */
export const RULE_TEXT_FIELDS = ['title', 'category', 'checklist', 'remediation', 'equivalents', 'managedRule'] as const;

/** The catalog's rule modules in a Lambda bundle, without RULE_TEXT_FIELDS (see stripRuleTexts). */
export const ruleCodeOnly: Plugin = {
  name: 'vigil-rule-code-only',
  setup(build) {
    build.onLoad({ filter: /[\\/]shared[\\/]rules[\\/][^\\/]+[\\/][^\\/]+\.ts$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      if (!source.includes('defineRule(')) return undefined;
      const { code } = await transform(source, { loader: 'ts', format: 'esm', target: 'node24', sourcefile: args.path });
      return { contents: stripRuleTexts(code, args.path), loader: 'js', resolveDir: join(args.path, '..') };
    });
  },
};

/**
 * `defineRule({ ... })` in a JavaScript module, without the RULE_TEXT_FIELDS properties of its
 * object. Parsed, not matched: a property's value may span lines or hold any text. Throws when a
 * module calls defineRule with anything but an object literal, rather than bundle it unstripped.
 */
export function stripRuleTexts(code: string, file: string): string {
  const cuts: [number, number][] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (node === null || typeof node !== 'object' || !('type' in node)) return;
    const n = node as Node & Record<string, unknown>;
    if (n.type === 'CallExpression' && (n['callee'] as Node & { name?: string }).type === 'Identifier' && (n['callee'] as { name?: string }).name === 'defineRule') {
      const [definition] = n['arguments'] as (Node & { properties?: (Node & { key?: Node & { name?: string; value?: unknown }; computed?: boolean })[] })[];
      if (definition?.type !== 'ObjectExpression' || !definition.properties) throw new Error(`${file}: defineRule takes an object literal`);
      const props = definition.properties;
      props.forEach((p, i) => {
        const name = p.type === 'Property' && !p.computed ? (p.key?.name ?? p.key?.value) : undefined;
        if (typeof name === 'string' && (RULE_TEXT_FIELDS as readonly string[]).includes(name)) cuts.push([p.start, props[i + 1]?.start ?? p.end]);
      });
    }
    for (const [key, value] of Object.entries(n)) if (key !== 'loc' && typeof value === 'object') visit(value);
  };
  visit(parse(code, { ecmaVersion: 'latest', sourceType: 'module' }));
  let out = code;
  for (const [start, end] of cuts.sort((a, b) => b[0] - a[0])) out = out.slice(0, start) + out.slice(end);
  return out;
}

/** The plugins of every Lambda bundle, in order. */
export const lambdaBundlePlugins: Plugin[] = [lambdaCredentials, foldSchemaKeys, compactSdkErrors, noEventStreams, packageNameAndVersion, ruleCodeOnly];

/** serverless-esbuild loads this file with require() and takes its default export. */
export default lambdaBundlePlugins;
