import type { Rule } from '../rule.ts';
import s3AccountPublicAccessBlocked from './s3-account-public-access-blocked.ts';
import s3BucketCorsRestricted from './s3-bucket-cors-restricted.ts';
import s3BucketEncryptionEnabled from './s3-bucket-encryption-enabled.ts';
import s3BucketLifecycleConfigured from './s3-bucket-lifecycle-configured.ts';
import s3BucketLoggingEnabled from './s3-bucket-logging-enabled.ts';
import s3BucketNoPublicGrants from './s3-bucket-no-public-grants.ts';
import s3BucketPublicAccessBlocked from './s3-bucket-public-access-blocked.ts';
import s3BucketReplicationEnabled from './s3-bucket-replication-enabled.ts';
import s3BucketSslRequestsOnly from './s3-bucket-ssl-requests-only.ts';
import s3BucketVersioningEnabled from './s3-bucket-versioning-enabled.ts';

export const s3Rules: readonly Rule[] = [
  s3BucketVersioningEnabled,
  s3BucketEncryptionEnabled,
  s3BucketPublicAccessBlocked,
  s3AccountPublicAccessBlocked,
  s3BucketNoPublicGrants,
  s3BucketSslRequestsOnly,
  s3BucketLoggingEnabled,
  s3BucketLifecycleConfigured,
  s3BucketReplicationEnabled,
  s3BucketCorsRestricted,
];
