/**
 * Every typed model normalizer, by resource type. An explicit list (no registration by side
 * effect): a reader sees what is covered and esbuild can follow it. Types without an entry get
 * the generic model (configuration as read), which tag rules still evaluate.
 */
import type { ModelRegistry } from '../model-registry.ts';
import { accountModels } from './account.ts';
import { dynamoDbModels } from './dynamodb.ts';
import { s3Models } from './s3.ts';
import { backupModels } from './backup.ts';
import { ec2Models } from './ec2.ts';
import { elastiCacheModels } from './elasticache.ts';
import { rdsModels } from './rds.ts';
import { cloudWatchModels } from './cloudwatch.ts';
import { ecrModels } from './ecr.ts';
import { ecsModels } from './ecs.ts';
import { lambdaModels } from './lambda.ts';
import { snsModels } from './sns.ts';
import { sqsModels } from './sqs.ts';
import { cloudTrailModels } from './cloudtrail.ts';
import { guardDutyModels } from './guardduty.ts';
import { iamModels } from './iam.ts';
import { kmsModels } from './kms.ts';
import { logsModels } from './logs.ts';
import { secretsManagerModels } from './secretsmanager.ts';
import { elbv2Models } from './elbv2.ts';
import { apiGatewayModels } from './apigateway.ts';
import { wafV2Models } from './wafv2.ts';
import { cloudFrontModels } from './cloudfront.ts';
import { acmModels } from './acm.ts';
import { autoScalingModels } from './autoscaling.ts';

// Marked pure so that a bundle which never normalizes through the whole registry (the sweep
// function: its collectors use a few models) drops it and every model it alone reaches.
export const modelNormalizers: ModelRegistry = /* @__PURE__ */ Object.assign(
  {},
  accountModels,
  dynamoDbModels,
  s3Models,
  backupModels,
  ec2Models,
  elastiCacheModels,
  rdsModels,
  cloudWatchModels,
  ecrModels,
  ecsModels,
  lambdaModels,
  snsModels,
  sqsModels,
  cloudTrailModels,
  guardDutyModels,
  iamModels,
  kmsModels,
  logsModels,
  secretsManagerModels,
  elbv2Models,
  apiGatewayModels,
  wafV2Models,
  cloudFrontModels,
  acmModels,
  autoScalingModels,
);
