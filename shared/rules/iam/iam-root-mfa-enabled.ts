import { ACCOUNT_RESOURCE_TYPE } from '../../domain/resource.ts';
import { ROOT_ACCOUNT_USER } from '../../config-items/models/iam.ts';
import { compliant, defineRule, nonCompliant, notApplicable, RuleCategory } from '../rule.ts';
import { accountKeysAcrossRegions, CREDENTIAL_REPORT_TYPE, credentialReportFor, reportAge } from './_helpers.ts';

/**
 * The root user is no AWS Config resource: the account pseudo-resource carries IAM
 * GetAccountSummary's AccountMFAEnabled when a collector read it (what root-account-mfa-enabled
 * reads too); otherwise the credential report's `<root_account>` row says `mfa_active`.
 */
export default defineRule({
  id: 'iam-root-mfa-enabled',
  title: 'The root user has MFA enabled',
  severity: 'critical',
  resourceTypes: [ACCOUNT_RESOURCE_TYPE],
  // Global to the account: one verdict per account, in its home region, not one per region.
  accountWide: true,
  category: RuleCategory.identity,
  checklist: '000 MFA',
  remediation: {
    text: 'Sign in as the root user and register an MFA device (a hardware security key or passkey is best); keep it where the break-glass procedure can reach it.',
    cli: 'aws iam create-virtual-mfa-device --virtual-mfa-device-name root-mfa --outfile qr.png --bootstrap-method QRCodePNG && aws iam enable-mfa-device --serial-number <mfa-arn> --authentication-code1 <code1> --authentication-code2 <code2>  # with root credentials',
  },
  params: {},
  equivalents: { awsConfigRule: 'root-account-mfa-enabled', fsbp: ['IAM.9'] },
  // Every difference from the managed rule, as docs/rules.md states it.
  managedRule: {
    rule: 'root-account-mfa-enabled',
    differences: [
      'Evaluated once per account, in its home region, and only on a whole account (a Config snapshot file, --live or --complete).',
    ],
  },
  dependsOn: [CREDENTIAL_REPORT_TYPE],
  // The report is global; the account pseudo-resource exists once per region.
  affectedBy: (report, inventory) => accountKeysAcrossRegions(report.accountId, report.region, inventory),
  evaluate(account, { inventory }) {
    const accountId = account.resourceId;
    const fromSummary = account.model.rootMfaEnabled;
    if (fromSummary !== undefined) {
      return fromSummary
        ? compliant(`Account ${accountId}: the root user has MFA enabled (IAM account summary).`)
        : nonCompliant(`Account ${accountId}: the root user has no MFA device (IAM account summary AccountMFAEnabled = 0).`);
    }
    const report = credentialReportFor(accountId, inventory);
    const root = report?.model.users.find((u) => u.user === ROOT_ACCOUNT_USER);
    if (!report || root?.mfaActive === undefined) {
      return notApplicable(`Account ${accountId}: root user MFA not collected (needs the IAM account summary or credential report).`);
    }
    return root.mfaActive
      ? compliant(`Account ${accountId}: the root user has MFA active (credential report ${reportAge(report.model.generatedTime)}).`)
      : nonCompliant(`Account ${accountId}: the root user has no MFA device (credential report ${reportAge(report.model.generatedTime)}).`);
  },
});
