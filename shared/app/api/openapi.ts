/**
 * The OpenAPI 3.1 document, generated from the route table and the zod schemas that validate the
 * requests (zod 4's own JSON Schema output is draft 2020-12, the dialect OpenAPI 3.1 uses).
 */
import * as z from '../../zod.ts';
import { supportedCombinationsText } from './combinations.ts';
import { PROBLEM_CONTENT_TYPE, PROBLEM_TYPES } from './problem.ts';
import type { Route } from './router.ts';

const WRITE_METHODS = new Set(['POST', 'DELETE']);

export function buildOpenApiDocument(routes: readonly Route[], options: { readonly tagKeys: readonly string[] }): Record<string, unknown> {
  const components: Record<string, unknown> = {};
  const schemaOf = (schema: z.ZodMiniType, io: 'input' | 'output'): Record<string, unknown> => {
    const id = z.globalRegistry.get(schema)?.id;
    const json = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as Record<string, unknown>;
    delete json['$schema'];
    // Named schemas nested inside others come back as $defs: lift them into components.
    const defs = json['$defs'] as Record<string, unknown> | undefined;
    if (defs) {
      for (const [name, def] of Object.entries(defs)) components[name] = def;
      delete json['$defs'];
    }
    // A named schema comes back as a $ref to its own $defs entry, now a component.
    if (typeof json['$ref'] === 'string' && Object.keys(json).length === 1) return json;
    if (id && io === 'output') {
      components[id] = json;
      return { $ref: `#/components/schemas/${id}` };
    }
    return json;
  };
  const rewriteRefs = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(rewriteRefs);
    if (node && typeof node === 'object') {
      return Object.fromEntries(
        Object.entries(node).map(([k, v]) => [k, k === '$ref' && typeof v === 'string' ? v.replace('#/$defs/', '#/components/schemas/') : rewriteRefs(v)]),
      );
    }
    return node;
  };

  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const parameters: unknown[] = [];
    for (const match of route.path.matchAll(/\{([^}]+)\}/g)) {
      parameters.push({ name: match[1], in: 'path', required: true, schema: { type: 'string' } });
    }
    if (route.query instanceof z.ZodMiniObject) {
      for (const [name, field] of Object.entries(route.query.shape as Record<string, z.ZodMiniType>)) {
        const schema = schemaOf(field, 'input');
        const { description, ...rest } = schema;
        parameters.push({ name, in: 'query', required: false, ...(description ? { description } : {}), schema: rest });
      }
    }
    const responses: Record<string, unknown> = {};
    for (const [status, spec] of Object.entries(route.responses)) {
      responses[status] = {
        description: spec.description,
        ...(spec.schema ? { content: { [spec.problem ? PROBLEM_CONTENT_TYPE : 'application/json']: { schema: schemaOf(spec.schema, 'output') } } } : {}),
      };
    }
    const operation: Record<string, unknown> = {
      operationId: route.operationId,
      summary: route.summary,
      ...(route.path === '/findings' ? { description: `Supported filter combinations, each one DynamoDB Query:\n\n${supportedCombinationsText(options.tagKeys)}` } : {}),
      ...(parameters.length ? { parameters } : {}),
      ...(route.body ? { requestBody: { required: true, content: { 'application/json': { schema: schemaOf(route.body, 'input') } } } } : {}),
      responses,
      'x-vigil-policy': WRITE_METHODS.has(route.method) ? 'VigilOperator' : 'VigilReadOnly',
    };
    (paths[route.path] ??= {})[route.method.toLowerCase()] = operation;
  }
  return rewriteRefs({
    openapi: '3.1.0',
    info: {
      title: 'Vigil findings API',
      version: '1',
      description: `Errors are RFC 9457 problem details (${PROBLEM_CONTENT_TYPE}); their types: ${PROBLEM_TYPES.join(', ')}.`,
    },
    security: [{ sigv4: [] }],
    paths,
    components: {
      schemas: components,
      securitySchemes: { sigv4: { type: 'apiKey', name: 'Authorization', in: 'header', description: 'AWS Signature Version 4 (IAM), or a bearer JWT where the stage configures an authorizer.' } },
    },
  }) as Record<string, unknown>;
}
