import { paginateSelectResourceConfig, type ConfigServiceClient } from '@aws-sdk/client-config-service';
import { isObject, str, tagMap, tryJson } from '../config-items/decode.ts';
import { normalizeRelationships } from '../config-items/normalize.ts';
import type { AnyResource, Relationship } from '../domain/resource.ts';
import { awsCall } from './errors/map-aws-error.ts';

export const configTagsIamActions = ['config:SelectResourceConfig'] as const;

interface TagsAndRelationships {
  readonly tags: Readonly<Record<string, string>>;
  readonly relationships: readonly Relationship[];
}

export interface ConfigTagsOptions {
  readonly client: ConfigServiceClient;
  readonly region: string;
}

/**
 * Completes BatchGetResourceConfig's items with their tags and relationships. Its
 * `BaseConfigurationItem` carries neither, so a live scan read through it alone would find every
 * resource untagged (failing every tag rule) and unrelated. An advanced query per resource type
 * (SelectResourceConfig, 100 results a page) returns both for the whole region at the cost of
 * one listing; the alternative, GetResourceConfigHistory per resource, costs a call each.
 *
 * @example
 * const completer = createConfigTagsCompleter({ client, region });
 * const complete = await completer.complete(await reader.batchGet(keys));
 */
export function createConfigTagsCompleter(options: ConfigTagsOptions): {
  complete(resources: readonly AnyResource[]): Promise<AnyResource[]>;
} {
  const { client, region } = options;
  const byType = new Map<string, Promise<Map<string, TagsAndRelationships>>>();

  async function query(resourceType: string): Promise<Map<string, TagsAndRelationships>> {
    // Types come from the catalog, but the expression is SQL: keep it to what a type name can hold.
    if (!/^[A-Za-z0-9]+::[A-Za-z0-9]+::[A-Za-z0-9]+$/.test(resourceType)) return new Map();
    const out = new Map<string, TagsAndRelationships>();
    const pages = paginateSelectResourceConfig(
      { client, pageSize: 100 },
      { Expression: `SELECT resourceId, resourceType, tags, relationships WHERE resourceType = '${resourceType}'` },
    );
    for (;;) {
      const page = await awsCall('config:SelectResourceConfig', region, () => pages.next());
      if (page.done) return out;
      // Each result is a JSON document holding the selected properties.
      for (const row of page.value.Results ?? []) {
        const result = tryJson(row);
        if (!isObject(result)) continue;
        const id = str(result['resourceId']);
        if (id === undefined) continue;
        out.set(id, { tags: tagMap(result['tags']), relationships: normalizeRelationships(result['relationships']) });
      }
    }
  }

  return {
    async complete(resources) {
      const types = [...new Set(resources.map((r) => r.resourceType))];
      for (const type of types) if (!byType.has(type)) byType.set(type, query(type));
      const found = new Map(await Promise.all(types.map(async (t) => [t, await (byType.get(t) ?? query(t))] as const)));
      return resources.map((r) => {
        const extra = found.get(r.resourceType)?.get(r.resourceId);
        if (!extra) return r;
        // The query supplied the tags BatchGetResourceConfig lacks: they are known now.
        const { tagsRecorded: _unknownUntilNow, ...known } = r;
        return {
          ...known,
          tags: Object.keys(r.tags).length > 0 ? r.tags : extra.tags,
          relationships: r.relationships.length > 0 ? r.relationships : extra.relationships,
        };
      });
    },
  };
}

