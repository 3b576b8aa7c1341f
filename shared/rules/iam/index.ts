import type { Rule } from '../rule.ts';
import iamPolicyNoAdminAccess from './iam-policy-no-admin-access.ts';
import iamPolicyNoServiceWildcards from './iam-policy-no-service-wildcards.ts';
import iamRootMfaEnabled from './iam-root-mfa-enabled.ts';
import iamUserAccessKeysRotated from './iam-user-access-keys-rotated.ts';
import iamUserMfaEnabled from './iam-user-mfa-enabled.ts';
import iamUserNoDirectPolicies from './iam-user-no-direct-policies.ts';

export const iamRules: readonly Rule[] = [
  iamPolicyNoAdminAccess,
  iamPolicyNoServiceWildcards,
  iamUserNoDirectPolicies,
  iamUserMfaEnabled,
  iamUserAccessKeysRotated,
  iamRootMfaEnabled,
];
