import { describe, expect, it } from 'vitest';
import { modelOf } from '../../support/model-of.ts';

const ACCOUNT = '111122223333';
const REGION = 'eu-west-1';

// Config's own spelling of RDS acronyms (dBInstanceIdentifier, multiAZ, iAMDatabase…).
const configSpelled = {
  dBInstanceIdentifier: 'orders-db',
  dBInstanceClass: 'db.r7g.large',
  engine: 'Postgres',
  engineVersion: '16.4',
  dBInstanceStatus: 'available',
  masterUsername: 'orders_owner',
  backupRetentionPeriod: 35,
  multiAZ: true,
  autoMinorVersionUpgrade: true,
  publiclyAccessible: false,
  storageEncrypted: true,
  kmsKeyId: `arn:aws:kms:${REGION}:${ACCOUNT}:key/8d2f6c1e-0b4a-4e7f-9c3d-5a1b7e9f2c40`,
  dbiResourceId: 'db-7HQK3XW2NVB5YD4LM6TRZ1PEUA',
  monitoringInterval: 60,
  performanceInsightsEnabled: true,
  enabledCloudwatchLogsExports: ['postgresql', 'upgrade'],
  deletionProtection: true,
};

const expected = {
  identifier: 'orders-db',
  engine: 'postgres',
  engineVersion: '16.4',
  instanceClass: 'db.r7g.large',
  status: 'available',
  backupRetentionPeriod: 35,
  storageEncrypted: true,
  publiclyAccessible: false,
  multiAZ: true,
  deletionProtection: true,
  autoMinorVersionUpgrade: true,
  masterUsername: 'orders_owner',
  monitoringInterval: 60,
  performanceInsightsEnabled: true,
  enabledCloudwatchLogsExports: ['postgresql', 'upgrade'],
  dbClusterIdentifier: undefined,
  readReplicaSourceIdentifier: undefined,
};

describe('RDS DB instance normalizer', () => {
  it('reads the notification form (configuration object)', () => {
    // Prepare
    const ci = {
      awsAccountId: ACCOUNT,
      awsRegion: REGION,
      configurationItemStatus: 'OK',
      resourceType: 'AWS::RDS::DBInstance',
      resourceId: 'db-7HQK3XW2NVB5YD4LM6TRZ1PEUA',
      resourceName: 'orders-db',
      ARN: `arn:aws:rds:${REGION}:${ACCOUNT}:db:orders-db`,
      configuration: configSpelled,
    };

    // Act
    const db = modelOf(ci, 'AWS::RDS::DBInstance');

    // Assess
    expect(db).toMatchObject(expected);
  });

  it('reads the API form (configuration as a JSON string, values as strings)', () => {
    // Prepare
    const ci = {
      accountId: ACCOUNT,
      awsRegion: REGION,
      resourceType: 'AWS::RDS::DBInstance',
      resourceId: 'db-7HQK3XW2NVB5YD4LM6TRZ1PEUA',
      resourceName: 'orders-db',
      arn: `arn:aws:rds:${REGION}:${ACCOUNT}:db:orders-db`,
      configuration: JSON.stringify({ ...configSpelled, backupRetentionPeriod: '35', multiAZ: 'true', monitoringInterval: '60' }),
    };

    // Act
    const db = modelOf(ci, 'AWS::RDS::DBInstance');

    // Assess
    expect(db).toMatchObject(expected);
  });

  it('reads SDK casing, cluster membership and read-replica source', () => {
    // Prepare
    const ci = {
      accountId: ACCOUNT,
      awsRegion: REGION,
      resourceType: 'AWS::RDS::DBInstance',
      resourceId: 'db-L6TP3WQ9ZK2MXB8RNV5JCH4DYE',
      configuration: JSON.stringify({
        DBInstanceIdentifier: 'payments-instance-1',
        Engine: 'aurora-mysql',
        DBClusterIdentifier: 'payments',
        ReadReplicaSourceDBInstanceIdentifier: 'payments-eu-central-1',
        MultiAZ: false,
        EnabledCloudwatchLogsExports: ['SlowQuery'],
      }),
    };

    // Act
    const db = modelOf(ci, 'AWS::RDS::DBInstance');

    // Assess
    expect(db).toMatchObject({
      identifier: 'payments-instance-1',
      engine: 'aurora-mysql',
      dbClusterIdentifier: 'payments',
      readReplicaSourceIdentifier: 'payments-eu-central-1',
      multiAZ: false,
      enabledCloudwatchLogsExports: ['slowquery'],
    });
  });

  it('falls back to the resource name and leaves unrecorded fields undefined', () => {
    // Prepare
    const ci = {
      awsAccountId: ACCOUNT,
      awsRegion: REGION,
      resourceType: 'AWS::RDS::DBInstance',
      resourceId: 'db-N3RV8KZ1TQ6WXM2BH7YLC5DJPA',
      resourceName: 'scratch-pg',
      configuration: { engine: 'postgres', enabledCloudwatchLogsExports: null, publiclyAccessible: null },
    };

    // Act
    const db = modelOf(ci, 'AWS::RDS::DBInstance');

    // Assess
    expect(db).toMatchObject({ identifier: 'scratch-pg', publiclyAccessible: undefined, backupRetentionPeriod: undefined, enabledCloudwatchLogsExports: [] });
  });
});

describe('RDS DB cluster normalizer', () => {
  it('reads the lower-cased acronyms Config uses for clusters', () => {
    // Prepare (shape of RDK example_ci/AWS_RDS_DBCluster.json)
    const ci = {
      accountId: ACCOUNT,
      awsRegion: REGION,
      resourceType: 'AWS::RDS::DBCluster',
      resourceId: 'cluster-5GZQ2HMV7XKB3WRT9NLC4PDJ6E',
      resourceName: 'payments',
      configuration: JSON.stringify({
        dbclusterIdentifier: 'payments',
        engine: 'aurora-mysql',
        masterUsername: 'payments_admin',
        deletionProtection: true,
        backupRetentionPeriod: 14,
        storageEncrypted: true,
        enabledCloudwatchLogsExports: ['audit', 'error', 'slowquery'],
        dbclusterMembers: [
          { dbinstanceIdentifier: 'payments-instance-1', isClusterWriter: true },
          { dbinstanceIdentifier: 'payments-instance-2', isClusterWriter: false },
        ],
      }),
    };

    // Act
    const cluster = modelOf(ci, 'AWS::RDS::DBCluster');

    // Assess
    expect(cluster).toEqual({
      identifier: 'payments',
      engine: 'aurora-mysql',
      masterUsername: 'payments_admin',
      deletionProtection: true,
      backupRetentionPeriod: 14,
      storageEncrypted: true,
      enabledCloudwatchLogsExports: ['audit', 'error', 'slowquery'],
      memberIdentifiers: ['payments-instance-1', 'payments-instance-2'],
    });
  });
});
