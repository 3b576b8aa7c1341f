/**
 * The deployed counters function: keeps the summary counters from the findings table's stream.
 * Environment and clients built once per cold start.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import * as z from '../../shared/zod.ts';
import { createSummaryCounters } from '../../shared/adapters/dynamodb-findings-queries-summary.ts';
import { readEnv } from '../../shared/adapters/env.ts';
import { ruleIds } from '../../shared/rules/catalog-metadata.ts';
import { createCountersHandler } from './create-counters-handler.ts';

const env = readEnv({ AWS_REGION: z.string().check(z.minLength(1)), FINDINGS_TABLE_NAME: z.string().check(z.minLength(3)) });

export const handler = createCountersHandler({
  counters: createSummaryCounters({ client: new DynamoDBClient({ region: env.AWS_REGION }), tableName: env.FINDINGS_TABLE_NAME }),
  ruleIds,
  logger: new Logger(),
});
