import { describe, expect, it } from 'vitest';
import type { GuardDutyDetector } from '../../../shared/config-items/models/guardduty.ts';
import { normalizeConfigurationItem } from '../../../shared/config-items/normalize.ts';

const ACCOUNT = '111122223333';
const DETECTOR = '66b4c2e8a1f94d3cb0e7a5d9c8f21b43';

describe('AWS::GuardDuty::Detector model', () => {
  it.each([
    ['Config notification (Enable)', { awsAccountId: ACCOUNT, configuration: { Enable: false, Id: DETECTOR } }, false],
    ['Config API form (JSON string)', { accountId: ACCOUNT, configuration: JSON.stringify({ Enable: true, Id: DETECTOR }) }, true],
    ['GetDetector shape (Status)', { awsAccountId: ACCOUNT, configuration: { Status: 'ENABLED' } }, true],
  ])('reads %s', (_label, envelope, enabled) => {
    // Prepare
    const item = { ...envelope, resourceType: 'AWS::GuardDuty::Detector', resourceId: DETECTOR, awsRegion: 'eu-west-1' };

    // Act
    const detector = normalizeConfigurationItem(item).model as GuardDutyDetector;

    // Assess
    expect(detector).toMatchObject({ detectorId: DETECTOR, enabled });
  });
});
