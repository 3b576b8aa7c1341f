import { compliant, defineRule, nonCompliant, notApplicable, RuleCategory } from '../rule.ts';
import { CREDENTIAL_REPORT_TYPE, credentialReportFor, reportAge, reportRowFor } from './_helpers.ts';

/**
 * AWS Config records no MFA devices or login profiles on AWS::IAM::User, so this rule reads
 * IAM's credential report (collected by Vigil, see shared/domain/collected-types.ts).
 *
 * Not claimed equivalent to iam-user-mfa-enabled / FSBP IAM.19: those fail every user without
 * MFA, including API-only users who cannot use MFA to sign in; this rule judges console users
 * only (the checklist item) and answers NOT_APPLICABLE for the others. FSBP IAM.19 stays listed,
 * as the checklist maps it, but agrees only on console users. Prowler's check has the same
 * console-only scope (it reports PASS where this rule says NOT_APPLICABLE).
 */
export default defineRule({
  id: 'iam-user-mfa-enabled',
  title: 'IAM users with console access have MFA enabled',
  severity: 'medium',
  resourceTypes: ['AWS::IAM::User'],
  category: RuleCategory.identity,
  checklist: '000/002/004 MFA',
  remediation: {
    text: 'Have the user register an MFA device (passkey, security key or authenticator app), or remove the console password if the user only needs API access.',
    cli: 'aws iam create-virtual-mfa-device --virtual-mfa-device-name <user> --outfile qr.png --bootstrap-method QRCodePNG && aws iam enable-mfa-device --user-name <user> --serial-number <mfa-arn> --authentication-code1 <code1> --authentication-code2 <code2>',
  },
  params: {},
  equivalents: { fsbp: ['IAM.19'], prowler: 'iam_user_mfa_enabled_console_access' },
  dependsOn: [CREDENTIAL_REPORT_TYPE],
  evaluate(user, { inventory }) {
    const { userName } = user.model;
    const report = credentialReportFor(user.accountId, inventory);
    if (!report) return notApplicable(`IAM user ${userName}: credential report not collected, so console access and MFA are unknown.`);
    const row = reportRowFor(report.model.users, user.model);
    if (!row) {
      return notApplicable(`IAM user ${userName} is not in the credential report ${reportAge(report.model.generatedTime)} (created since).`);
    }
    if (row.passwordEnabled !== true) return notApplicable(`IAM user ${userName} has no console password.`);
    return row.mfaActive === true
      ? compliant(`IAM user ${userName} has a console password and MFA active.`)
      : nonCompliant(`IAM user ${userName} has a console password and no MFA device (credential report ${reportAge(report.model.generatedTime)}).`);
  },
});
