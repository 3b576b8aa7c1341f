import { describe, expect, it } from 'vitest';
import { scanSnapshot } from '../../../shared/app/scan.ts';
import { createUnreadTypeTally, describeUnreadTypes, typesReadBy } from '../../../shared/config-items/unread-types.ts';
import { catalog } from '../../../shared/rules/index.ts';

const item = (resourceType: string, resourceId: string, configuration: object) => ({
  resourceType,
  resourceId,
  awsRegion: 'eu-west-1',
  awsAccountId: '111122223333',
  configuration,
});

describe('items of types no rule reads', () => {
  it('are counted by type in the scan summary, a lower-cased type with the spelling it matches', () => {
    // Prepare
    const items = [
      item('AWS::Foo::Bar', 'a', {}),
      item('AWS::Foo::Bar', 'b', {}),
      item('aws::s3::bucket', 'c', { name: 'c' }),
      item('AWS::SQS::Queue', 'https://sqs.eu-west-1.amazonaws.com/111122223333/q', { QueueName: 'q', VisibilityTimeout: '30' }),
    ];

    // Act
    const report = scanSnapshot(new TextEncoder().encode(JSON.stringify(items)), 'items.json', catalog, { now: new Date('2026-11-23T00:00:00Z') });

    // Assess
    expect(report.summary.unreadTypes).toEqual({
      items: 3,
      types: [
        { resourceType: 'AWS::Foo::Bar', items: 2 },
        { resourceType: 'aws::s3::bucket', items: 1, didYouMean: 'AWS::S3::Bucket' },
      ],
    });
    expect(describeUnreadTypes(report.summary.unreadTypes)).toBe(
      '3 items of types no rule reads: AWS::Foo::Bar (2), aws::s3::bucket (1, did you mean AWS::S3::Bucket?).',
    );
  });

  it('are counted against the selected rules only, and say nothing when every type is read', () => {
    // Prepare
    const queueRules = catalog.filter((r) => r.id === 'sqs-queue-encrypted');
    const tally = createUnreadTypeTally(typesReadBy(queueRules));

    // Act
    tally.add('AWS::SQS::Queue');
    const allRead = tally.result();
    tally.add('AWS::DynamoDB::Table');

    // Assess
    expect(allRead).toBeUndefined();
    expect(describeUnreadTypes(tally.result())).toBe('1 item of types no rule reads: AWS::DynamoDB::Table (1).');
  });

  it('with a selection of rules (--rules), leave out the types the rest of the catalog reads, and still name unknown ones', () => {
    // Prepare
    const queueRules = catalog.filter((r) => r.id === 'sqs-queue-encrypted');
    const tally = createUnreadTypeTally(typesReadBy(queueRules), typesReadBy(catalog));

    // Act
    tally.add('AWS::DynamoDB::Table');
    tally.add('AWS::Foo::Bar');

    // Assess: the table is skipped (a rule the user left out reads it), the unknown type is not.
    expect(tally.reads('AWS::DynamoDB::Table')).toBe(false);
    expect(describeUnreadTypes(tally.result())).toBe('1 item of types no rule reads: AWS::Foo::Bar (1).');
  });
});
