import { describe, expect, it } from 'vitest';
import type { CloudTrailTrail } from '../../../shared/config-items/models/cloudtrail.ts';
import { normalizeConfigurationItem } from '../../../shared/config-items/normalize.ts';

const ACCOUNT = '111122223333';
const ARN = `arn:aws:cloudtrail:eu-west-1:${ACCOUNT}:trail/audit`;
const configuration = {
  name: 'audit',
  trailARN: ARN,
  homeRegion: 'eu-west-1',
  isMultiRegionTrail: true,
  logFileValidationEnabled: true,
  kmsKeyId: `arn:aws:kms:eu-west-1:${ACCOUNT}:key/7f1c2b3a-1111-2222-3333-444455556666`,
  hasCustomEventSelectors: true,
};
const supplementary = {
  TrailStatus: { isLogging: false, latestDeliveryTime: 1795142400000 },
  EventSelectors: [{ readWriteType: 'WriteOnly', includeManagementEvents: true, dataResources: [], excludeManagementEventSources: ['kms.amazonaws.com'] }],
  AdvancedEventSelectors: [
    { name: 'Management events selector', fieldSelectors: [{ field: 'eventCategory', equals: ['Management'] }, { field: 'readOnly', equals: ['false'] }] },
  ],
};

describe('AWS::CloudTrail::Trail model', () => {
  it.each([
    ['notification', { awsAccountId: ACCOUNT, ARN, configuration, supplementaryConfiguration: supplementary }],
    [
      'api',
      {
        accountId: ACCOUNT,
        arn: ARN,
        configuration: JSON.stringify(configuration),
        // The API form carries each supplementary value as a JSON string.
        supplementaryConfiguration: Object.fromEntries(Object.entries(supplementary).map(([k, v]) => [k, JSON.stringify(v)])),
      },
    ],
  ])('reads trail status and both selector kinds from supplementaryConfiguration (%s form)', (_form, envelope) => {
    // Prepare
    const item = { ...envelope, resourceType: 'AWS::CloudTrail::Trail', resourceId: 'audit', resourceName: 'audit', awsRegion: 'eu-west-1' };

    // Act
    const trail = normalizeConfigurationItem(item).model as CloudTrailTrail;

    // Assess
    expect(trail).toMatchObject({ name: 'audit', arn: ARN, isMultiRegionTrail: true, logFileValidationEnabled: true, isLogging: false });
    expect(trail.eventSelectors).toEqual([{ readWriteType: 'WriteOnly', includeManagementEvents: true, excludeManagementEventSources: ['kms.amazonaws.com'] }]);
    expect(trail.advancedEventSelectors).toEqual([
      {
        name: 'Management events selector',
        fieldSelectors: [
          { field: 'eventCategory', equals: ['Management'], notEquals: [], otherOperators: false },
          { field: 'readOnly', equals: ['false'], notEquals: [], otherOperators: false },
        ],
      },
    ]);
  });

  it('applies the API defaults to sparse selectors and leaves absent ones undefined', () => {
    // Prepare
    const sparse = {
      awsAccountId: ACCOUNT, awsRegion: 'eu-west-1', resourceType: 'AWS::CloudTrail::Trail', resourceId: 'audit',
      configuration: { name: 'audit', s3BucketName: 'audit-logs' }, supplementaryConfiguration: { EventSelectors: [{ DataResources: [] }] },
    };
    const bare = { ...sparse, supplementaryConfiguration: {} };

    // Act
    const [withSelector, withNothing] = [sparse, bare].map((item) => normalizeConfigurationItem(item).model as CloudTrailTrail);

    // Assess
    expect(withSelector?.eventSelectors).toEqual([{ readWriteType: 'All', includeManagementEvents: true, excludeManagementEventSources: [] }]);
    expect(withNothing).toMatchObject({ isMultiRegionTrail: false, logFileValidationEnabled: undefined, kmsKeyId: undefined, isLogging: undefined });
    expect(withNothing?.eventSelectors).toBeUndefined();
    expect(withNothing?.advancedEventSelectors).toBeUndefined();
  });
});
