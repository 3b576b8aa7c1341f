import { describe, expect, it } from 'vitest';
import { instant, type AcmCertificate } from '../../../shared/config-items/models/acm.ts';
import { normalizeConfigurationItem } from '../../../shared/config-items/normalize.ts';

const ACCOUNT = '111122223333';
const ARN = `arn:aws:acm:eu-west-1:${ACCOUNT}:certificate/6f2b1c0e-4d3a-4b5c-9e8f-0a1b2c3d4e5f`;

describe('instant', () => {
  it.each([
    ['ISO 8601', '2027-08-14T23:59:59.000Z', '2027-08-14T23:59:59.000Z'],
    ['ISO 8601 with an offset', '2027-08-15T01:59:59+02:00', '2027-08-14T23:59:59.000Z'],
    ['ISO 8601 without a zone (UTC)', '2027-08-14T23:59:59', '2027-08-14T23:59:59.000Z'],
    ['epoch millis', 1818287999000, '2027-08-14T23:59:59.000Z'],
    ['epoch millis as a string', '1818287999000', '2027-08-14T23:59:59.000Z'],
    ['epoch seconds', 1818287999, '2027-08-14T23:59:59.000Z'],
    ['the JDK default form (UTC)', 'Aug 14, 2027 11:59:59 PM', '2027-08-14T23:59:59.000Z'],
    ['garbage', 'soon', undefined],
    ['null', null, undefined],
  ])('reads %s', (_case, value, expected) => {
    expect(instant(value)).toBe(expected);
  });
});

describe('AWS::ACM::Certificate model', () => {
  const configuration = {
    certificateArn: ARN,
    domainName: 'www.example.com',
    type: 'AMAZON_ISSUED',
    status: 'ISSUED',
    notAfter: '2027-08-14T23:59:59.000Z',
    keyAlgorithm: 'RSA-2048',
    domainValidationOptions: [
      { domainName: 'www.example.com', validationMethod: 'DNS' },
      { domainName: 'example.com', validationMethod: 'DNS' },
      { domainName: 'old.example.com', validationMethod: 'EMAIL' },
    ],
    renewalEligibility: 'ELIGIBLE',
    renewalSummary: { renewalStatus: 'PENDING_AUTO_RENEWAL' },
    inUseBy: [`arn:aws:elasticloadbalancing:eu-west-1:${ACCOUNT}:loadbalancer/app/web-prod/50dc6c495c0c9188`],
  };

  it.each([
    ['notification', { awsAccountId: ACCOUNT, ARN, configuration }],
    ['api', { accountId: ACCOUNT, arn: ARN, configuration: JSON.stringify({ ...configuration, notAfter: 1818287999000 }) }],
  ])('reads expiry, key and distinct validation methods (%s form)', (_form, envelope) => {
    // Prepare
    const ci = { ...envelope, resourceType: 'AWS::ACM::Certificate', resourceId: ARN, awsRegion: 'eu-west-1' };

    // Act
    const certificate = normalizeConfigurationItem(ci).model as AcmCertificate;

    // Assess
    expect(certificate).toMatchObject({
      certificateArn: ARN,
      domainName: 'www.example.com',
      type: 'AMAZON_ISSUED',
      status: 'ISSUED',
      notAfter: '2027-08-14T23:59:59.000Z',
      keyAlgorithm: 'RSA-2048',
      renewalEligibility: 'ELIGIBLE',
      renewalStatus: 'PENDING_AUTO_RENEWAL',
    });
    expect(certificate.validationMethods).toEqual(['DNS', 'EMAIL']);
    expect(certificate.inUseBy).toHaveLength(1);
  });

  it('has no expiry before issue', () => {
    // Prepare
    const ci = { awsAccountId: ACCOUNT, awsRegion: 'eu-west-1', resourceType: 'AWS::ACM::Certificate', resourceId: ARN, configuration: { status: 'PENDING_VALIDATION' } };

    // Act
    const certificate = normalizeConfigurationItem(ci).model as AcmCertificate;

    // Assess
    expect(certificate).toMatchObject({ certificateArn: ARN, status: 'PENDING_VALIDATION', notAfter: undefined, validationMethods: [] });
  });
});
