import type { Rule } from '../rule.ts';
import wafv2WebAclHasRules from './wafv2-web-acl-has-rules.ts';
import wafv2WebAclRateLimited from './wafv2-web-acl-rate-limited.ts';

export const wafv2Rules: readonly Rule[] = [wafv2WebAclRateLimited, wafv2WebAclHasRules];
