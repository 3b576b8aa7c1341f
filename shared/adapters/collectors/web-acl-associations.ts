import { GetWebACLForResourceCommand, WAFNonexistentItemException, type WAFV2Client } from '@aws-sdk/client-wafv2';
import type { Collector } from '../../app/ports.ts';
import { CollectedType } from '../../domain/collected-types.ts';
import { isGone, type AnyResource } from '../../domain/resource.ts';
import { awsCall } from '../errors/map-aws-error.ts';
import { collectedResource } from './_collected-item.ts';
import { mapLimit } from '../../app/map-limit.ts';

// GetWebACLForResource "uses GetWebACL to verify that your account has permission to access the
// retrieved web ACL" (WAFv2 API reference), so both are needed.
export const webAclAssociationsCollectorIamActions = ['wafv2:GetWebACLForResource', 'wafv2:GetWebACL'] as const;

export interface WebAclAssociationsCollectorOptions {
  /** A WAFv2 client for the region being collected (regional scope: ALBs and API Gateway stages). */
  readonly client: WAFV2Client;
  /** ARNs of the resources to check in the scope, usually `webAclTargets(configInventory)`. */
  readonly resourceArns: (scope: { readonly accountId: string; readonly region: string }) => readonly string[] | Promise<readonly string[]>;
  /** Calls in flight at once. Default 4: WAFv2's per-account request rate is low. */
  readonly concurrency?: number;
  readonly now?: () => Date;
}

/**
 * One `Vigil::WAFv2::WebACLAssociation` per checked resource (shared/domain/collected-types.ts):
 * the Config item of a load balancer carries no web ACL, so GetWebACLForResource asks WAFv2.
 * Only WAFv2 associations are seen; WAF Classic ended in September 2025.
 *
 * @example
 * const waf = createWebAclAssociationsCollector({ client, resourceArns: () => webAclTargets(inventory) });
 */
export function createWebAclAssociationsCollector(options: WebAclAssociationsCollectorOptions): Collector {
  const { client } = options;
  const now = options.now ?? (() => new Date());
  return {
    name: 'web-acl-associations',
    iamActions: webAclAssociationsCollectorIamActions,
    async collect(scope) {
      const capturedAt = now();
      const arns = [...new Set(await options.resourceArns(scope))];
      const records = await mapLimit(arns, options.concurrency ?? 4, async (resourceArn) => {
        try {
          const out = await awsCall('wafv2:GetWebACLForResource', scope.region, () =>
            client.send(new GetWebACLForResourceCommand({ ResourceArn: resourceArn })),
          );
          return { resourceArn, webAclArn: out.WebACL?.ARN ?? null, webAclName: out.WebACL?.Name ?? null };
        } catch (error) {
          // Deleted since Config listed it: nothing to report on.
          if (error instanceof Error && error.cause instanceof WAFNonexistentItemException) return undefined;
          throw error;
        }
      });
      return records.flatMap((configuration) =>
        configuration
          ? [
              collectedResource({
                resourceType: CollectedType.webAclAssociation,
                resourceId: configuration.resourceArn,
                accountId: scope.accountId,
                region: scope.region,
                capturedAt,
                configuration,
              }),
            ]
          : [],
      );
    },
  };
}

const ALB_ARN = /^arn:[^:]+:elasticloadbalancing:[^:]+:\d{12}:loadbalancer\/app\//;
const REST_API_STAGE_ARN = /^arn:[^:]+:apigateway:[^:]+::\/restapis\/[^/]+\/stages\/[^/]+$/;

/**
 * The resources a regional web ACL can protect that Vigil's rules check: Application Load
 * Balancers (not network or gateway ones, which WAF cannot front) and API Gateway REST API
 * stages. Config's item id for both is the ARN GetWebACLForResource expects.
 */
export function webAclTargets(resources: readonly AnyResource[], scope?: { readonly accountId: string; readonly region: string }): string[] {
  return resources.flatMap((r) => {
    if (isGone(r.status)) return [];
    if (scope && (r.accountId !== scope.accountId || r.region !== scope.region)) return [];
    const arn = r.arn ?? r.resourceId;
    if (r.resourceType === 'AWS::ElasticLoadBalancingV2::LoadBalancer' && ALB_ARN.test(arn)) return [arn];
    if (r.resourceType === 'AWS::ApiGateway::Stage' && REST_API_STAGE_ARN.test(arn)) return [arn];
    return [];
  });
}
