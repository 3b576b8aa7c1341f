import type { Resource } from '../../domain/resource.ts';

export type LoadBalancer = Resource<'AWS::ElasticLoadBalancingV2::LoadBalancer'>;

/** The name a user knows the load balancer by (Config's resourceId is its ARN). */
export function lbName(lb: LoadBalancer): string {
  return lb.resourceName ?? lb.model.loadBalancerName;
}

/**
 * One load balancer attribute as a user would read it: its value, or why there is none. ELB
 * reports every attribute it supports, so an absent key on a recorded list means "default"
 * (false for the boolean attributes rules check).
 */
export function attribute(lb: LoadBalancer, key: string): { readonly enabled: boolean; readonly shown: string } {
  const attributes = lb.model.attributes;
  if (attributes === undefined) return { enabled: false, shown: 'not reported by AWS Config (default false)' };
  const value = attributes[key];
  if (value === undefined) return { enabled: false, shown: 'not set (default false)' };
  return { enabled: value.toLowerCase() === 'true', shown: value === '' ? '""' : value };
}

export const LB_TYPE_LABEL = { application: 'Application', network: 'Network', gateway: 'Gateway' } as const;
