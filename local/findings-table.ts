/**
 * Creates the findings table from infra/findings-table.yml, the same definition serverless.yml
 * deploys, on dynalite (local mode and tests): a drifting local table would test nothing.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CreateTableCommand,
  UpdateContinuousBackupsCommand,
  UpdateTimeToLiveCommand,
  type CreateTableCommandInput,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { parse } from 'yaml';
import { REPO_ROOT } from './repo-root.ts';

// From the repository root, so it is found from the CLI bundle (.build/cli) too.
export const FINDINGS_TABLE_FILE = join(REPO_ROOT, 'infra', 'findings-table.yml');

/** The `FindingsTable` resource of infra/findings-table.yml, serverless variables substituted. */
export function findingsTableResource(vars: { service: string; stage: string }): {
  Type: string;
  Properties: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
} {
  // Parsed first, so comments are not read; then every string has its variables substituted.
  const document = substitute(parse(readFileSync(FINDINGS_TABLE_FILE, 'utf8')), vars) as {
    Resources?: Record<string, { Type: string; Properties: Record<string, unknown> }>;
  };
  const table = document.Resources?.['FindingsTable'];
  if (!table) throw new Error(`${FINDINGS_TABLE_FILE}: no Resources.FindingsTable`);
  return table;
}

function substitute(value: unknown, vars: { service: string; stage: string }): unknown {
  if (typeof value === 'string') {
    const resolved = value.replaceAll('${self:service}', vars.service).replaceAll('${sls:stage}', vars.stage);
    const unresolved = /\$\{[^}]+\}/.exec(resolved);
    if (unresolved) throw new Error(`${FINDINGS_TABLE_FILE}: variable ${unresolved[0]} cannot be resolved outside serverless`);
    return resolved;
  }
  if (Array.isArray(value)) return value.map((v) => substitute(v, vars));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, vars)]));
  }
  return value;
}

/**
 * Creates the table (CloudFormation properties mapped to the CreateTable API), then applies TTL
 * and point-in-time recovery as CloudFormation would. Returns the table name.
 */
export async function createFindingsTable(client: DynamoDBClient, vars = { service: 'vigil', stage: 'test' }): Promise<string> {
  const p = findingsTableResource(vars).Properties;
  const input: CreateTableCommandInput = {
    TableName: p['TableName'],
    BillingMode: p['BillingMode'],
    AttributeDefinitions: p['AttributeDefinitions'],
    KeySchema: p['KeySchema'],
    GlobalSecondaryIndexes: p['GlobalSecondaryIndexes'],
    StreamSpecification: p['StreamSpecification'] && { StreamEnabled: true, StreamViewType: p['StreamSpecification'].StreamViewType },
    SSESpecification: p['SSESpecification'] && {
      Enabled: p['SSESpecification'].SSEEnabled,
      SSEType: p['SSESpecification'].SSEType,
      KMSMasterKeyId: p['SSESpecification'].KMSMasterKeyId,
    },
    DeletionProtectionEnabled: p['DeletionProtectionEnabled'],
  };
  await client.send(new CreateTableCommand(input));
  // dynalite implements neither TTL nor backups (UnknownOperationException): items never expire
  // locally, and the deployed table's TTL and PITR are asserted on the template itself
  // (test/integration/findings-store.test.ts, test/e2e/package.test.ts).
  const ttl = p['TimeToLiveSpecification'];
  if (ttl) await unlessUnknown(client.send(new UpdateTimeToLiveCommand({ TableName: input.TableName, TimeToLiveSpecification: ttl })));
  const pitr = p['PointInTimeRecoverySpecification'];
  if (pitr) await unlessUnknown(client.send(new UpdateContinuousBackupsCommand({ TableName: input.TableName, PointInTimeRecoverySpecification: pitr })));
  return input.TableName ?? '';
}

async function unlessUnknown(request: Promise<unknown>): Promise<void> {
  try {
    await request;
  } catch (error) {
    if (!(error instanceof Error && error.name === 'UnknownOperationException')) throw error;
  }
}
