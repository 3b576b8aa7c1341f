import { compliant, defineRule, nonCompliant, RuleCategory } from '../rule.ts';

/**
 * Absent data: a vault whose item records no EncryptionKeyArn is reported, as Prowler's
 * backup_vaults_encrypted reports it: the rule's only failing case, kept on purpose. Config records
 * the key of every vault (../shared/reference/config-resource-schema/AWS__Backup__BackupVault.properties.json,
 * EncryptionKeyArn), so the finding means the record, not the vault, lacks it; the reason says so.
 */
export default defineRule({
  id: 'backup-vault-encrypted',
  title: 'AWS Backup vaults encrypt recovery points with a KMS key',
  severity: 'medium',
  resourceTypes: ['AWS::Backup::BackupVault'],
  category: RuleCategory.dataStores,
  checklist: '000 backup encryption',
  remediation: {
    text: 'Backup vault encryption is fixed at creation: create a vault with a customer managed KMS key, point the backup plans at it, and retire the old vault once its recovery points expire.',
    cli: 'aws backup create-backup-vault --backup-vault-name <vault> --encryption-key-arn <kms-key-arn>',
    cloudformation: 'Type: AWS::Backup::BackupVault\nProperties:\n  BackupVaultName: <vault>\n  EncryptionKeyArn: <kms-key-arn>',
  },
  params: {},
  // FSBP Backup.1 checks the recovery points themselves; a vault's key is what encrypts them.
  equivalents: { fsbp: ['Backup.1'], prowler: 'backup_vaults_encrypted' },
  evaluate(vault) {
    const { vaultName, encryptionKeyArn } = vault.model;
    return encryptionKeyArn
      ? compliant(`Backup vault ${vaultName} encrypts recovery points with ${encryptionKeyArn}.`)
      : nonCompliant(`Backup vault ${vaultName} has no encryption key ARN recorded.`);
  },
});
