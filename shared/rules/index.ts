/**
 * The rule catalog: an explicit list, grouped by service (no file-system scanning, no
 * registration by side effect), so a reader sees every rule and esbuild can follow the imports.
 */
import type { Rule } from './rule.ts';
import { dynamodbRules } from './dynamodb/index.ts';
import { lambdaRules } from './lambda/index.ts';
import { ecsRules } from './ecs/index.ts';
import { ecrRules } from './ecr/index.ts';
import { cloudwatchRules } from './cloudwatch/index.ts';
import { snsRules } from './sns/index.ts';
import { sqsRules } from './sqs/index.ts';
import { elbv2Rules } from './elbv2/index.ts';
import { apigatewayRules } from './apigateway/index.ts';
import { wafv2Rules } from './wafv2/index.ts';
import { cloudfrontRules } from './cloudfront/index.ts';
import { acmRules } from './acm/index.ts';
import { autoscalingRules } from './autoscaling/index.ts';
import { s3Rules } from './s3/index.ts';
import { backupRules } from './backup/index.ts';
import { cloudtrailRules } from './cloudtrail/index.ts';
import { guarddutyRules } from './guardduty/index.ts';
import { iamRules } from './iam/index.ts';
import { kmsRules } from './kms/index.ts';
import { logsRules } from './logs/index.ts';
import { secretsmanagerRules } from './secretsmanager/index.ts';
import { tagsRules } from './tags/index.ts';
import { ec2Rules } from './ec2/index.ts';
import { elasticacheRules } from './elasticache/index.ts';
import { rdsRules } from './rds/index.ts';

export const catalog: readonly Rule[] = [
  ...dynamodbRules,
  ...lambdaRules,
  ...ecsRules,
  ...ecrRules,
  ...cloudwatchRules,
  ...snsRules,
  ...sqsRules,
  ...elbv2Rules,
  ...apigatewayRules,
  ...wafv2Rules,
  ...cloudfrontRules,
  ...acmRules,
  ...autoscalingRules,
  ...s3Rules,
  ...backupRules,
  ...cloudtrailRules,
  ...guarddutyRules,
  ...iamRules,
  ...kmsRules,
  ...logsRules,
  ...secretsmanagerRules,
  ...tagsRules,
  ...ec2Rules,
  ...elasticacheRules,
  ...rdsRules,
];

export type { Rule } from './rule.ts';
