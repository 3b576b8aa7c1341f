import { ConfigItemStatus, type AnyResource, type ResourceKey } from '../domain/resource.ts';

/**
 * A resource found gone without a configuration item saying so: a log group DescribeLogGroups no
 * longer returns, a key Config no longer has, a collected resource a collection left out. Its
 * state id is the time it was found gone, which orders it after every configuration read before.
 *
 * @param known the resource as last stored, for its name and ARN.
 */
export function goneResource(
  key: ResourceKey,
  foundAt: Date,
  options: { readonly status?: string | undefined; readonly stateId?: number | undefined; readonly known?: AnyResource | undefined } = {},
): AnyResource {
  const { status } = options;
  return {
    accountId: key.accountId,
    region: key.region,
    resourceType: key.resourceType,
    resourceId: key.resourceId,
    resourceName: options.known?.resourceName,
    arn: options.known?.arn,
    status:
      status === ConfigItemStatus.ResourceNotRecorded || status === ConfigItemStatus.ResourceDeletedNotRecorded
        ? status
        : ConfigItemStatus.ResourceDeleted,
    captureTime: foundAt.toISOString(),
    configurationStateId: options.stateId ?? foundAt.getTime(),
    tags: {},
    relationships: [],
    model: {},
  };
}
