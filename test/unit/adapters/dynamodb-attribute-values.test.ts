import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromItem, toItem } from '../../../shared/adapters/dynamodb-attribute-values.ts';

/**
 * Attribute and map key names, but not the two util-dynamodb misreads (it sniffs a value's type
 * from `value.constructor.name`, so a map with an own `constructor` key is refused) or that an
 * object literal cannot hold as its own key: the store's names are its own identifiers and tag keys.
 */
const name = fc.string({ minLength: 1 }).filter((key) => key !== 'constructor' && key !== '__proto__');

/** What the findings store writes: strings, safe numbers, booleans, null, binaries, lists and maps, undefined left out. */
const storable: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.string(),
    fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
    fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e15, max: 1e15 }),
    fc.boolean(),
    fc.constant(null),
    fc.uint8Array().map((bytes) => Buffer.from(bytes)),
    fc.array(fc.option(tie('value'), { nil: undefined }), { maxLength: 4 }),
    fc.dictionary(name, fc.option(tie('value'), { nil: undefined }), { maxKeys: 4 }),
  ),
})).value;

describe('the findings store\'s attribute values', () => {
  it('writes what the document client writes (removeUndefinedValues), and reads it back as it would', () => {
    fc.assert(
      fc.property(fc.dictionary(name, fc.option(storable, { nil: undefined })), (record) => {
        // Act
        const item = toItem(record);

        // Assess
        expect(item).toEqual(marshall(record, { removeUndefinedValues: true }));
        expect(fromItem(item)).toEqual(unmarshall(item));
      }),
    );
  });

  it('writes a finding item as the document client did, binaries and nested tags included', () => {
    // Prepare
    const finding = {
      pk: 'RES#111122223333#eu-west-1#AWS::S3::Bucket#logs',
      sk: 'RULE#s3-bucket-versioning',
      status: 'NON_COMPLIANT',
      version: 3,
      configurationStateId: 1_790_000_000_000,
      suppression: undefined,
      tags: { team: 'payments', empty: '' },
      resourceGz: Buffer.from([31, 139, 8, 0]),
      ttl: undefined,
    };

    // Act
    const item = toItem(finding);

    // Assess
    expect(item).toEqual(marshall(finding, { removeUndefinedValues: true }));
    expect(Object.keys(item)).not.toContain('suppression');
    expect(fromItem(item)).toEqual({ ...unmarshall(item) });
  });

  it('refuses what DynamoDB cannot hold exactly, naming the attribute', () => {
    expect(() => toItem({ version: Number.NaN })).toThrow(/version: special numeric value NaN/);
    expect(() => toItem({ ttl: Number.POSITIVE_INFINITY })).toThrow(/ttl: special numeric value Infinity/);
    expect(() => toItem({ id: 2 ** 60 })).toThrow(/id: number .* beyond Number.MAX_SAFE_INTEGER/);
    expect(() => toItem({ at: new Date('2026-11-23T00:00:00Z') })).toThrow(/at: cannot store a Date/);
    expect(() => toItem({ tags: { f: () => 1 } })).toThrow(/tags\.f: cannot store a function/);
  });

  it('reads a number past the safe range exactly, as a BigInt (which no item schema accepts)', () => {
    expect(fromItem({ n: { N: '12345678901234567890' } })).toEqual({ n: 12345678901234567890n });
    expect(fromItem({ s: { SS: ['a', 'b'] }, l: { L: [{ N: '1.5' }, { NULL: true }] } })).toEqual({ s: new Set(['a', 'b']), l: [1.5, null] });
  });
});
