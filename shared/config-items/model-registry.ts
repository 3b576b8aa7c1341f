import type { KnownResourceType, Relationship, ResourceModels } from '../domain/resource.ts';
import type { JsonObject } from './decode.ts';

/** What a per-type model normalizer receives: the CI's parts, already decoded from their wire forms. */
export interface ModelInput {
  readonly resourceId: string;
  readonly resourceName: string | undefined;
  readonly arn: string | undefined;
  /** `configuration`, parsed when the API form carried it as a JSON string; {} when null. */
  readonly configuration: JsonObject;
  /** `supplementaryConfiguration`; values may still be JSON strings: read them with `obj()`/`arr()`. */
  readonly supplementary: JsonObject;
  readonly tags: Readonly<Record<string, string>>;
  readonly relationships: readonly Relationship[];
}

export type ModelNormalizer<T extends KnownResourceType> = (input: ModelInput) => ResourceModels[T];

/** A service module's normalizers, keyed by resource type. */
export type ModelRegistry = { readonly [T in KnownResourceType]?: ModelNormalizer<T> };
