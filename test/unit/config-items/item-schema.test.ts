import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseEvaluationMessage } from '../../../shared/app/evaluation-message.ts';
import { isMalformedMessageError } from '../../../shared/app/evaluation-errors.ts';
import { scanSnapshot } from '../../../shared/app/scan.ts';
import { isConfigItemError } from '../../../shared/config-items/errors.ts';
import { configurationItemSchema, normalizeConfigurationItem } from '../../../shared/config-items/normalize.ts';
import { parseSnapshot } from '../../../shared/config-items/snapshot.ts';
import { catalog } from '../../../shared/rules/index.ts';

// Hostile and sloppy configuration items, built here: each one a user could hand Vigil.
const ACCOUNT = '111122223333';
const table = {
  configurationItemCaptureTime: '2026-11-20T09:12:44.512Z',
  configurationStateId: 1795000364512,
  awsAccountId: ACCOUNT,
  configurationItemStatus: 'OK',
  resourceType: 'AWS::DynamoDB::Table',
  resourceId: 'orders',
  resourceName: 'orders',
  ARN: `arn:aws:dynamodb:eu-west-1:${ACCOUNT}:table/orders`,
  awsRegion: 'eu-west-1',
  tags: { Environment: 'production', Owner: 'payments', CostCenter: 'cc-104' },
  relationships: [],
  configuration: {
    tableName: 'orders',
    tableStatus: 'ACTIVE',
    deletionProtectionEnabled: true,
    sseDescription: { status: 'ENABLED', sseType: 'KMS', kmsMasterKeyArn: `arn:aws:kms:eu-west-1:${ACCOUNT}:key/k` },
  },
  supplementaryConfiguration: {
    ContinuousBackupsDescription: { pointInTimeRecoveryDescription: { pointInTimeRecoveryStatus: 'ENABLED' } },
  },
};

function refusal(item: unknown): { field: string; message: string } | undefined {
  try {
    normalizeConfigurationItem(item);
    return undefined;
  } catch (error) {
    if (isConfigItemError(error)) return { field: error.field, message: error.message };
    throw error;
  }
}

describe('configuration items at the boundary', () => {
  it('reads a well-formed item in both forms', () => {
    // Prepare
    const apiForm = { ...table, awsAccountId: undefined, accountId: ACCOUNT, configuration: JSON.stringify(table.configuration) };

    // Act
    const [notification, api] = [table, apiForm].map((item) => normalizeConfigurationItem(item));

    // Assess
    expect(notification?.model).toEqual(api?.model);
  });

  it.each([
    ['missing', undefined, /configuration is missing on an item with status OK/],
    ['null', null, /configuration is null/],
    ['the JSON string "null"', 'null', /configuration is null/],
    ['empty', {}, /configuration is empty/],
    ['a number', 42, /neither an object nor a JSON-encoded object/],
  ])('refuses an OK table whose configuration is %s, naming the field', (_case, configuration, message) => {
    // Act
    const refused = refusal({ ...table, configuration });

    // Assess
    expect(refused).toEqual({ field: 'configuration', message: expect.stringMatching(message) });
  });

  it('refuses a table whose configuration lacks what Config always records, naming that field', () => {
    // Act
    const refused = refusal({ ...table, configuration: { tableName: 'orders', tableArn: table.ARN } });

    // Assess
    expect(refused?.field).toBe('configuration.tableStatus');
  });

  it('refuses an S3 bucket with only its ids, and one without its supplementary configuration', () => {
    // Prepare
    const ids = { resourceType: 'AWS::S3::Bucket', resourceId: 'acme-invoices', awsRegion: 'eu-west-1', awsAccountId: ACCOUNT };
    const noSupplementary = { ...ids, configuration: { name: 'acme-invoices', owner: { id: 'o' }, creationDate: '2025-01-01T00:00:00Z' } };

    // Act
    const refused = [ids, noSupplementary].map(refusal);

    // Assess
    expect(refused.map((r) => r?.field)).toEqual(['configuration', 'supplementaryConfiguration.BucketVersioningConfiguration']);
  });

  it.each([
    ['tags', 'Owner=payments'],
    ['tags', 42],
    ['tags', ['Owner', 'payments']],
    ['configurationItemCaptureTime', 'yesterday'],
    ['configurationItemCaptureTime', true],
    ['configurationItemCaptureTime', 1795000364512], // epoch millis: not the API's wire form
    ['configurationItemCaptureTime', '2026-13-01T00:00:00Z'],
    ['configurationStateId', { id: 1 }],
    ['configurationStateId', true],
    ['configurationStateId', 'latest'],
    ['relationships', 'none'],
    ['relationships', { resourceType: 'AWS::KMS::Key' }],
    ['relationships', [42]],
    ['relationships', [{ resourceType: 7 }]],
    ['ARN', 42],
    ['ARN', 'orders'],
    ['arn', { partition: 'aws' }],
    ['supplementaryConfiguration', 7],
    ['configurationItemStatus', 'Gone'],
  ])('refuses %s given as %j, naming the field', (field, value) => {
    // Act
    const refused = refusal({ ...table, [field]: value });

    // Assess: the field, or the entry of it that is wrong (relationships.0.resourceType)
    expect(refused?.field.split('.')[0]).toBe(field);
    expect(refused?.message).not.toBe('');
  });

  it('accepts the tag list of advanced queries and an item without tags, whose tags are then unknown', () => {
    // Act
    const listed = normalizeConfigurationItem({ ...table, tags: [{ key: 'Owner', value: 'payments' }] });
    const untold = normalizeConfigurationItem({ ...table, tags: undefined });

    // Assess
    expect(listed.tags).toEqual({ Owner: 'payments' });
    expect(listed.tagsRecorded).toBeUndefined();
    expect(untold.tagsRecorded).toBe(false);
  });

  it('reads a capture time in epoch seconds, the API wire form, as that time', () => {
    // Act
    const resource = normalizeConfigurationItem({ ...table, configurationItemCaptureTime: 1502510556.116 });

    // Assess
    expect(resource.captureTime).toBe('2017-08-12T04:02:36.116Z');
  });

  it('reads a deleted item whose configuration is the JSON string "null"', () => {
    // Prepare
    const deleted = {
      resourceType: 'AWS::EC2::Volume',
      resourceId: 'vol-12345',
      accountId: ACCOUNT,
      awsRegion: 'us-east-1',
      configurationItemStatus: 'ResourceDeleted',
      configuration: 'null',
      supplementaryConfiguration: {},
    };

    // Act
    const resource = normalizeConfigurationItem(deleted);

    // Assess
    expect(resource).toMatchObject({ resourceId: 'vol-12345', status: 'ResourceDeleted' });
  });

  it('scans a history file with a deleted "null" version beside valid ones', () => {
    // Prepare
    const volume = (stateId: number, status: string, configuration: unknown) => ({
      resourceType: 'AWS::EC2::Volume',
      resourceId: 'vol-12345',
      accountId: ACCOUNT,
      awsRegion: 'us-east-1',
      configurationItemStatus: status,
      configurationStateId: String(stateId),
      configurationItemCaptureTime: stateId / 1000,
      configuration,
    });
    const history = [
      volume(1795000000000, 'ResourceDeleted', 'null'),
      volume(1794000000000, 'OK', JSON.stringify({ volumeId: 'vol-12345', state: 'in-use', encrypted: true, attachments: [] })),
    ];

    // Act
    const report = scanSnapshot(new TextEncoder().encode(JSON.stringify(history)), 'history.json', catalog, { now: new Date('2026-11-23T00:00:00Z') });

    // Assess: the file is read whole; the newest version (the deletion) is the one judged.
    expect(report.summary.resources).toBe(1);
    expect(report.summary.droppedVersions).toBe(1);
    expect(report.evaluations.every((e) => e.status === 'NOT_APPLICABLE')).toBe(true);
  });

  it('names the file, the item and the field of a bad snapshot item', () => {
    // Prepare
    const file = JSON.stringify({ configurationItems: [table, { ...table, resourceId: 'sessions', tags: 'x' }] });

    // Act
    const act = () => parseSnapshot(new TextEncoder().encode(file), 'snapshot.json');

    // Assess
    expect(act).toThrow(/^snapshot\.json: item 1, field "tags": .*\(sessions\)$/);
  });

  it('makes a mistyped item in a Config event a malformed message naming the field (for the DLQ)', () => {
    // Prepare
    const event = {
      'detail-type': 'Config Configuration Item Change',
      source: 'aws.config',
      detail: { messageType: 'ConfigurationItemChangeNotification', configurationItem: { ...table, relationships: 'none' } },
    };

    // Act
    let error: unknown;
    try {
      parseEvaluationMessage(JSON.stringify(event));
    } catch (thrown) {
      error = thrown;
    }

    // Assess
    expect(isMalformedMessageError(error) && error.field).toBe('detail.configurationItem.relationships');
  });

  it('never accepts by its fast path what the documented schema refuses', () => {
    // Prepare: the envelope fields, each swapped for a value of another type or shape
    const odd = fc.constantFrom<unknown>(
      undefined, null, '', 'x', 'null', 0, -1, 1.5, 1502510556.116, 1795000364512, true, {}, [], [1], ['a'],
      [{ key: 'k', value: 'v' }], [{ resourceType: 'AWS::KMS::Key', name: null }], { a: 'b' }, { a: 1 },
      '2026-11-20T09:12:44.512Z', 'arn:aws:s3:::b', '1795000364512', '3e660fdf-4e34-4f32-afeb-0ace5bf3d63a',
    );
    const fields = fc.constantFrom(
      'resourceName', 'ARN', 'arn', 'configurationItemCaptureTime', 'configurationStateId', 'relationships', 'tags',
      'supplementaryConfiguration', 'configurationItemStatus',
    );

    fc.assert(
      fc.property(fc.dictionary(fields, odd), (changes) => {
        // Act
        const item = { ...table, ...changes };
        const accepted = refusal(item) === undefined;

        // Assess
        if (accepted) expect(configurationItemSchema.safeParse(item).success).toBe(true);
      }),
    );
  });
});
