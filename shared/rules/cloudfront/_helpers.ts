import type { CloudFrontCacheBehavior } from '../../config-items/models/cloudfront.ts';
import type { Resource } from '../../domain/resource.ts';

export type Distribution = Resource<'AWS::CloudFront::Distribution'>;

/** `Distribution E2QWRUHAPOMQZL (www.example.com)`: the id Config uses, and the name people know. */
export function distributionLabel(distribution: Distribution): string {
  const id = distribution.resourceName ?? distribution.resourceId;
  const known = distribution.model.aliases[0] ?? distribution.model.domainName;
  return known ? `Distribution ${id} (${known})` : `Distribution ${id}`;
}

/** `default behaviour` or `behaviour /api/*`. */
export function behaviorLabel(behavior: CloudFrontCacheBehavior): string {
  return behavior.isDefault ? 'the default behaviour' : `behaviour ${behavior.pathPattern}`;
}

/** Names a list of failing behaviours, the first few in full. */
export function listBehaviors(behaviors: readonly CloudFrontCacheBehavior[]): string {
  const shown = behaviors.slice(0, 3).map(behaviorLabel).join(', ');
  return behaviors.length > 3 ? `${shown} and ${behaviors.length - 3} more` : shown;
}
