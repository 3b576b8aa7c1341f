import type { Rule } from '../rule.ts';
import elasticacheRedisAuthEnabled from './elasticache-redis-auth-enabled.ts';
import elasticacheRedisBackupsEnabled from './elasticache-redis-backups-enabled.ts';
import elasticacheRedisEncrypted from './elasticache-redis-encrypted.ts';

export const elasticacheRules: readonly Rule[] = [elasticacheRedisBackupsEnabled, elasticacheRedisAuthEnabled, elasticacheRedisEncrypted];
