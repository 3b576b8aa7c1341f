import { bool, num, obj, objs, pick, str, type JsonObject } from '../decode.ts';
import type { ModelInput, ModelRegistry } from '../model-registry.ts';

/** What a rule's top-level statement is, as far as rules need to tell. */
export type WafRuleKind = 'rate-based' | 'managed-rule-group' | 'rule-group' | 'custom';

export interface WafV2Rule {
  readonly name: string;
  readonly priority: number | undefined;
  readonly kind: WafRuleKind;
  /** For rules: allow | block | count | captcha | challenge. */
  readonly action: string | undefined;
  /** For rule groups: none | count (count turns every rule in the group into count-only). */
  readonly overrideAction: string | undefined;
  /** Requests per evaluation window, for rate-based rules. */
  readonly rateLimit: number | undefined;
}

export interface WafV2WebAcl {
  readonly name: string;
  readonly id: string | undefined;
  readonly arn: string | undefined;
  /** allow | block. */
  readonly defaultAction: string | undefined;
  readonly rules: readonly WafV2Rule[];
  /** false when the item has no `rules` list at all (Config records one, empty or not, for every web ACL). */
  readonly rulesRecorded: boolean;
  /** Rule groups Firewall Manager runs before and after the web ACL's own rules. */
  readonly firewallManagerRuleGroupCount: number;
  readonly managedByFirewallManager: boolean | undefined;
}

/**
 * Vigil's collected record of one resource's web ACL (see shared/domain/collected-types.ts):
 * AWS Config records the web ACL but not which load balancer it protects.
 */
export interface WebAclAssociation {
  readonly resourceArn: string;
  /** Undefined when wafv2:GetWebACLForResource reported no web ACL. */
  readonly webAclArn: string | undefined;
  readonly webAclName: string | undefined;
}

declare module '../../domain/resource.ts' {
  interface ResourceModels {
    'AWS::WAFv2::WebACL': WafV2WebAcl;
    'Vigil::WAFv2::WebACLAssociation': WebAclAssociation;
  }
}

/**
 * The web ACL's name from a WAFv2 ARN (`…:regional/webacl/<name>/<id>`, `…:global/webacl/<name>/<id>`);
 * other identifiers (a WAF Classic web ACL id or ARN) are returned whole.
 */
export function webAclLabel(arnOrId: string): string {
  return /:(?:regional|global)\/webacl\/([^/]+)\/[^/]+$/.exec(arnOrId)?.[1] ?? arnOrId;
}

const ACTIONS = ['allow', 'block', 'count', 'captcha', 'challenge', 'none'] as const;

/**
 * WAF actions are union-shaped objects (`{"block": {}}`, `{"Count": {}}`); Config may carry them
 * as JSON strings. Returns the lower-cased member present.
 */
function actionName(value: unknown): string | undefined {
  const o = obj(value);
  if (!o) return str(value)?.toLowerCase();
  const keys = Object.keys(o).map((k) => k.toLowerCase());
  return ACTIONS.find((a) => keys.includes(a));
}

function rule(r: JsonObject): WafV2Rule {
  // Statements are objects, or JSON strings in some CI versions.
  const statement = obj(pick(r, 'statement', 'Statement'));
  const rateBased = obj(pick(statement, 'rateBasedStatement', 'RateBasedStatement'));
  const kind: WafRuleKind = rateBased
    ? 'rate-based'
    : pick(statement, 'managedRuleGroupStatement', 'ManagedRuleGroupStatement') !== undefined
      ? 'managed-rule-group'
      : pick(statement, 'ruleGroupReferenceStatement', 'RuleGroupReferenceStatement') !== undefined
        ? 'rule-group'
        : 'custom';
  return {
    name: str(pick(r, 'name', 'Name')) ?? '(unnamed)',
    priority: num(pick(r, 'priority', 'Priority')),
    kind,
    action: actionName(pick(r, 'action', 'Action')),
    overrideAction: actionName(pick(r, 'overrideAction', 'OverrideAction')),
    rateLimit: num(pick(rateBased, 'limit', 'Limit')),
  };
}

/**
 * @see ../shared/reference/config-resource-schema/AWS__WAFv2__WebACL.properties.json
 * The schema omits `rules` (its statements are recursive), but the CI carries GetWebACL's
 * `rules[]` with `statement`, `action` / `overrideAction`.
 */
export function normalizeWebAcl(input: ModelInput): WafV2WebAcl {
  const c = input.configuration;
  const fmsGroups = [
    ...objs(pick(c, 'preProcessFirewallManagerRuleGroups', 'PreProcessFirewallManagerRuleGroups')),
    ...objs(pick(c, 'postProcessFirewallManagerRuleGroups', 'PostProcessFirewallManagerRuleGroups')),
  ];
  return {
    name: str(pick(c, 'name', 'Name')) ?? input.resourceName ?? input.resourceId,
    id: str(pick(c, 'id', 'Id')),
    arn: str(pick(c, 'arn', 'ARN', 'Arn')) ?? input.arn,
    defaultAction: actionName(pick(c, 'defaultAction', 'DefaultAction')),
    rules: objs(pick(c, 'rules', 'Rules')).map(rule),
    rulesRecorded: pick(c, 'rules', 'Rules') !== undefined,
    firewallManagerRuleGroupCount: fmsGroups.length,
    managedByFirewallManager: bool(pick(c, 'managedByFirewallManager', 'ManagedByFirewallManager')),
  };
}

/** The collectors' record; resourceId is the protected resource's ARN. */
export function normalizeWebAclAssociation(input: ModelInput): WebAclAssociation {
  const c = input.configuration;
  return {
    resourceArn: str(c['resourceArn']) ?? input.resourceId,
    webAclArn: str(c['webAclArn']),
    webAclName: str(c['webAclName']),
  };
}

export const wafV2Models = {
  'AWS::WAFv2::WebACL': normalizeWebAcl,
  'Vigil::WAFv2::WebACLAssociation': normalizeWebAclAssociation,
} satisfies ModelRegistry;
