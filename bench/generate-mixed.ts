import { writeSnapshotFile } from './generate-account.ts';

/**
 * A second, independent generator (bench/generate-account.ts clones the demo account's items):
 * items built from scratch in AWS Config's shapes, in a heavier mix — security groups with many
 * rules, IAM policies with large (URL-encoded) documents, S3 buckets with policies and ACLs in
 * supplementaryConfiguration (API form: JSON strings), DynamoDB tables, log groups, Lambda
 * functions and EBS volumes; 2–5% deleted items; items of 1 to 30 KB. Deterministic.
 */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ACCOUNTS = ['210987654321', '345678901234'];
const REGIONS = ['us-east-1', 'eu-central-1', 'ap-southeast-2'];
const MIX: readonly [string, number][] = [
  ['AWS::EC2::SecurityGroup', 22],
  ['AWS::IAM::Policy', 12],
  ['AWS::S3::Bucket', 14],
  ['AWS::DynamoDB::Table', 10],
  ['AWS::Logs::LogGroup', 16],
  ['AWS::Lambda::Function', 14],
  ['AWS::EC2::Volume', 12],
];

export function* mixedItemTexts(count: number, seed = 424242): Generator<string> {
  const random = rng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const total = MIX.reduce((s, [, w]) => s + w, 0);
  const deletedShare = 0.02 + random() * 0.03;
  for (let i = 0; i < count; i++) {
    let roll = random() * total;
    let type = MIX[0]?.[0] ?? '';
    for (const [t, w] of MIX) {
      if ((roll -= w) < 0) {
        type = t;
        break;
      }
    }
    const account = pick(ACCOUNTS);
    const region = type === 'AWS::IAM::Policy' ? 'global' : pick(REGIONS);
    const id = `${type.split('::')[2]?.toLowerCase()}-${i.toString(36).padStart(6, '0')}`;
    const time = new Date(Date.UTC(2026, 9, 1) + Math.floor(random() * 60 * 86_400_000));
    const deleted = random() < deletedShare;
    const tags: Record<string, string> = { team: pick(['payments', 'search', 'platform', 'data']), env: pick(['prod', 'staging']) };
    // Realistic spread of sizes: most items small, a tail up to ~30 KB (descriptions, tags).
    const padding = Math.floor(random() ** 3 * 12_000);
    if (padding > 0) tags['notes'] = 'x'.repeat(padding >> 1);
    const base = {
      version: '1.3',
      accountId: account,
      configurationItemCaptureTime: time.toISOString(),
      configurationItemStatus: deleted ? 'ResourceDeleted' : 'OK',
      configurationStateId: String(time.getTime()),
      configurationItemMD5Hash: '',
      arn: `arn:aws:${type.split('::')[1]?.toLowerCase()}:${region}:${account}:${id}`,
      resourceType: type,
      resourceId: id,
      resourceName: id,
      awsRegion: region,
      availabilityZone: 'Not Applicable',
      tags,
      relatedEvents: [],
      relationships: [],
    };
    if (deleted) {
      yield JSON.stringify({ ...base, configuration: null, supplementaryConfiguration: {} });
      continue;
    }
    yield JSON.stringify({ ...base, ...body(type, id, account, region, random, pick) });
  }
}

function body(type: string, id: string, account: string, region: string, random: () => number, pick: <T>(l: readonly T[]) => T): object {
  switch (type) {
    case 'AWS::EC2::SecurityGroup': {
      const rules = Math.floor(random() ** 2 * 120) + 1;
      const ipPermissions = Array.from({ length: rules }, (_, r) => {
        const port = r === 0 && random() < 0.2 ? pick([22, 5432, 6379, 3389]) : pick([443, 80, 8080, 9000 + r]);
        const open = random() < 0.15;
        return {
          ipProtocol: 'tcp',
          fromPort: port,
          toPort: port,
          ipv4Ranges: [{ cidrIp: open ? '0.0.0.0/0' : `10.${r % 250}.${Math.floor(random() * 250)}.0/24`, description: `rule ${r}` }],
          ipv6Ranges: open && random() < 0.3 ? [{ cidrIpv6: '::/0' }] : [],
          prefixListIds: [],
          userIdGroupPairs: random() < 0.2 ? [{ groupId: `sg-${r}`, userId: account }] : [],
          ipRanges: [],
        };
      });
      return {
        configuration: {
          description: `security group ${id}`,
          groupName: id,
          groupId: id,
          ownerId: account,
          vpcId: `vpc-${region}`,
          ipPermissions,
          ipPermissionsEgress: [{ ipProtocol: '-1', ipv4Ranges: [{ cidrIp: '0.0.0.0/0' }], ipv6Ranges: [], prefixListIds: [], userIdGroupPairs: [], ipRanges: [] }],
        },
        supplementaryConfiguration: {},
      };
    }
    case 'AWS::IAM::Policy': {
      const statements = Math.floor(random() ** 2 * 80) + 1;
      const Statement = Array.from({ length: statements }, (_, s) => ({
        Sid: `S${s}`,
        Effect: 'Allow',
        Action: s === 0 && random() < 0.05 ? '*' : Array.from({ length: 6 }, (_, a) => `${pick(['s3', 'dynamodb', 'sqs', 'kms', 'logs'])}:${pick(['Get', 'Put', 'List', 'Describe'])}Thing${a}`),
        Resource: s === 0 && random() < 0.05 ? '*' : `arn:aws:s3:::bucket-${s}/*`,
      }));
      const document = encodeURIComponent(JSON.stringify({ Version: '2012-10-17', Statement }));
      return {
        configuration: {
          policyName: id,
          policyId: id.toUpperCase(),
          arn: `arn:aws:iam::${account}:policy/${id}`,
          path: '/',
          defaultVersionId: 'v1',
          attachmentCount: Math.floor(random() * 3),
          isAttachable: true,
          policyVersionList: [{ document, versionId: 'v1', isDefaultVersion: true, createDate: '2026-01-01T00:00:00.000Z' }],
        },
        supplementaryConfiguration: {},
      };
    }
    case 'AWS::S3::Bucket': {
      const versioning = random() < 0.6 ? 'Enabled' : random() < 0.5 ? 'Suspended' : 'Off';
      const policy = { Version: '2012-10-17', Statement: [{ Sid: 'TLS', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: [`arn:aws:s3:::${id}/*`], Condition: { Bool: { 'aws:SecureTransport': 'false' } } }] };
      // API form: configuration and supplementary values as JSON strings.
      return {
        configuration: JSON.stringify({ name: id, owner: { id: 'c0ffee' }, creationDate: '2025-01-01T00:00:00.000Z' }),
        supplementaryConfiguration: {
          BucketVersioningConfiguration: JSON.stringify({ status: versioning, isMfaDeleteEnabled: false }),
          PublicAccessBlockConfiguration: JSON.stringify({ blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: random() < 0.9, restrictPublicBuckets: true }),
          ServerSideEncryptionConfiguration: JSON.stringify({ rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms' }, bucketKeyEnabled: true }] }),
          BucketPolicy: JSON.stringify({ policyText: JSON.stringify(policy) }),
          AccessControlList: JSON.stringify({ grantList: [{ grantee: { id: 'c0ffee' }, permission: 'FullControl' }], owner: { id: 'c0ffee' } }),
        },
      };
    }
    case 'AWS::DynamoDB::Table':
      return {
        configuration: {
          tableName: id,
          tableArn: `arn:aws:dynamodb:${region}:${account}:table/${id}`,
          tableStatus: 'ACTIVE',
          billingModeSummary: { billingMode: 'PAY_PER_REQUEST' },
          deletionProtectionEnabled: random() < 0.5,
          sseDescription: random() < 0.5 ? { status: 'ENABLED', sseType: 'KMS', kmsMasterKeyArn: `arn:aws:kms:${region}:${account}:key/k` } : null,
          keySchema: [{ attributeName: 'pk', keyType: 'HASH' }],
        },
        supplementaryConfiguration: {
          ContinuousBackupsDescription: { continuousBackupsStatus: 'ENABLED', pointInTimeRecoveryDescription: { pointInTimeRecoveryStatus: random() < 0.7 ? 'ENABLED' : 'DISABLED' } },
        },
      };
    case 'AWS::Logs::LogGroup':
      return {
        configuration: {
          logGroupName: `/aws/lambda/${id}`,
          arn: `arn:aws:logs:${region}:${account}:log-group:/aws/lambda/${id}:*`,
          creationTime: 1_700_000_000_000,
          storedBytes: Math.floor(random() * 1e9),
          ...(random() < 0.7 ? { retentionInDays: pick([1, 7, 14, 30, 90, 365]) } : {}),
        },
        supplementaryConfiguration: {},
      };
    case 'AWS::Lambda::Function':
      return {
        configuration: {
          functionName: id,
          functionArn: `arn:aws:lambda:${region}:${account}:function:${id}`,
          runtime: pick(['nodejs24.x', 'python3.13', 'nodejs16.x', 'java21']),
          role: `arn:aws:iam::${account}:role/${id}`,
          handler: 'index.handler',
          memorySize: 512,
          timeout: 30,
          tracingConfig: { mode: random() < 0.5 ? 'Active' : 'PassThrough' },
          environment: { variables: { TABLE: id, STAGE: 'prod' } },
          architectures: ['arm64'],
        },
        supplementaryConfiguration: { Policy: JSON.stringify({ Version: '2012-10-17', Statement: [] }) },
      };
    default:
      return {
        configuration: { volumeId: id, size: 100, volumeType: 'gp3', state: pick(['in-use', 'available']), encrypted: random() < 0.8, attachments: [] },
        supplementaryConfiguration: {},
      };
  }
}

/** Writes a snapshot of `count` mixed items to `file`. */
export function writeMixedSnapshot(file: string, count: number): void {
  writeSnapshotFile(file, mixedItemTexts(count));
}
