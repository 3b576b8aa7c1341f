import { bool, num, objs, pick, str, strs } from '../decode.ts';
import type { ModelInput, ModelRegistry } from '../model-registry.ts';

export interface RdsDbInstance {
  /** The DB instance identifier users know (`orders-db`); the CI's resourceId is the `db-…` resource id. */
  readonly identifier: string;
  /** mysql | mariadb | postgres | aurora-mysql | aurora-postgresql | oracle-ee | sqlserver-se | docdb | neptune … */
  readonly engine: string | undefined;
  readonly engineVersion: string | undefined;
  readonly instanceClass: string | undefined;
  readonly status: string | undefined;
  /** Days of automated backups; 0 = automated backups off. */
  readonly backupRetentionPeriod: number | undefined;
  readonly storageEncrypted: boolean | undefined;
  readonly kmsKeyId: string | undefined;
  readonly publiclyAccessible: boolean | undefined;
  readonly multiAZ: boolean | undefined;
  readonly deletionProtection: boolean | undefined;
  readonly autoMinorVersionUpgrade: boolean | undefined;
  readonly masterUsername: string | undefined;
  /** Enhanced monitoring interval in seconds; 0 = off. */
  readonly monitoringInterval: number | undefined;
  readonly performanceInsightsEnabled: boolean | undefined;
  /** Log types exported to CloudWatch Logs (`postgresql`, `error`, `slowquery` …). */
  readonly enabledCloudwatchLogsExports: readonly string[];
  /** Set when the instance belongs to an Aurora / Multi-AZ DB cluster, which then owns backups, logs and protection. */
  readonly dbClusterIdentifier: string | undefined;
  /** Set when the instance is a read replica. */
  readonly readReplicaSourceIdentifier: string | undefined;
}

export interface RdsDbCluster {
  /** The DB cluster identifier (`orders`); the CI's resourceId is the `cluster-…` resource id. */
  readonly identifier: string;
  readonly engine: string | undefined;
  readonly masterUsername: string | undefined;
  readonly deletionProtection: boolean | undefined;
  readonly backupRetentionPeriod: number | undefined;
  readonly storageEncrypted: boolean | undefined;
  readonly enabledCloudwatchLogsExports: readonly string[];
  /** Identifiers of the member DB instances. */
  readonly memberIdentifiers: readonly string[];
}

declare module '../../domain/resource.ts' {
  interface ResourceModels {
    'AWS::RDS::DBInstance': RdsDbInstance;
    'AWS::RDS::DBCluster': RdsDbCluster;
  }
}

/**
 * @see ../shared/reference/config-resource-schema/AWS__RDS__DBInstance.properties.json
 * Config spells RDS acronyms its own way (`dBInstanceIdentifier`, `dBClusterIdentifier`,
 * `multiAZ`); SDK-shaped items use `DBInstanceIdentifier`. Both are read.
 */
export function normalizeDbInstance(input: ModelInput): RdsDbInstance {
  const c = input.configuration;
  return {
    identifier: str(pick(c, 'dBInstanceIdentifier', 'dbInstanceIdentifier', 'DBInstanceIdentifier')) ?? input.resourceName ?? input.resourceId,
    engine: str(pick(c, 'engine', 'Engine'))?.toLowerCase(),
    engineVersion: str(pick(c, 'engineVersion', 'EngineVersion')),
    instanceClass: str(pick(c, 'dBInstanceClass', 'dbInstanceClass', 'DBInstanceClass')),
    status: str(pick(c, 'dBInstanceStatus', 'dbInstanceStatus', 'DBInstanceStatus')),
    backupRetentionPeriod: num(pick(c, 'backupRetentionPeriod', 'BackupRetentionPeriod')),
    storageEncrypted: bool(pick(c, 'storageEncrypted', 'StorageEncrypted')),
    kmsKeyId: str(pick(c, 'kmsKeyId', 'KmsKeyId')),
    publiclyAccessible: bool(pick(c, 'publiclyAccessible', 'PubliclyAccessible')),
    multiAZ: bool(pick(c, 'multiAZ', 'MultiAZ')),
    deletionProtection: bool(pick(c, 'deletionProtection', 'DeletionProtection')),
    autoMinorVersionUpgrade: bool(pick(c, 'autoMinorVersionUpgrade', 'AutoMinorVersionUpgrade')),
    masterUsername: str(pick(c, 'masterUsername', 'MasterUsername')),
    monitoringInterval: num(pick(c, 'monitoringInterval', 'MonitoringInterval')),
    performanceInsightsEnabled: bool(pick(c, 'performanceInsightsEnabled', 'PerformanceInsightsEnabled')),
    enabledCloudwatchLogsExports: logTypes(pick(c, 'enabledCloudwatchLogsExports', 'EnabledCloudwatchLogsExports')),
    dbClusterIdentifier: str(pick(c, 'dBClusterIdentifier', 'dbClusterIdentifier', 'dbclusterIdentifier', 'DBClusterIdentifier')),
    readReplicaSourceIdentifier: str(
      pick(c, 'readReplicaSourceDBInstanceIdentifier', 'readReplicaSourceDbInstanceIdentifier', 'ReadReplicaSourceDBInstanceIdentifier'),
    ),
  };
}

/**
 * @see ../shared/reference/config-resource-schema/AWS__RDS__DBCluster.properties.json
 * Cluster items use lower-cased acronyms (`dbclusterIdentifier`, `dbclusterMembers[].dbinstanceIdentifier`).
 */
export function normalizeDbCluster(input: ModelInput): RdsDbCluster {
  const c = input.configuration;
  return {
    identifier: str(pick(c, 'dbclusterIdentifier', 'dBClusterIdentifier', 'dbClusterIdentifier', 'DBClusterIdentifier')) ?? input.resourceName ?? input.resourceId,
    engine: str(pick(c, 'engine', 'Engine'))?.toLowerCase(),
    masterUsername: str(pick(c, 'masterUsername', 'MasterUsername')),
    deletionProtection: bool(pick(c, 'deletionProtection', 'DeletionProtection')),
    backupRetentionPeriod: num(pick(c, 'backupRetentionPeriod', 'BackupRetentionPeriod')),
    storageEncrypted: bool(pick(c, 'storageEncrypted', 'StorageEncrypted')),
    enabledCloudwatchLogsExports: logTypes(pick(c, 'enabledCloudwatchLogsExports', 'EnabledCloudwatchLogsExports')),
    memberIdentifiers: objs(pick(c, 'dbclusterMembers', 'dBClusterMembers', 'DBClusterMembers')).flatMap((m) => {
      const id = str(pick(m, 'dbinstanceIdentifier', 'dBInstanceIdentifier', 'DBInstanceIdentifier'));
      return id === undefined ? [] : [id];
    }),
  };
}

/** Log type names are lower-case in RDS (`slowquery`); compare them that way. */
function logTypes(value: unknown): string[] {
  return strs(value).map((t) => t.toLowerCase());
}

export const rdsModels = {
  'AWS::RDS::DBInstance': normalizeDbInstance,
  'AWS::RDS::DBCluster': normalizeDbCluster,
} satisfies ModelRegistry;
