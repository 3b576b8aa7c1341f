import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ItemSplitter, SplitError } from '../../../shared/config-items/item-splitter.ts';

/** Splits `text` fed in the given chunk sizes; returns the items, or the error. */
function split(text: string, sizes: readonly number[] = [1 << 20], wants?: (type: string) => boolean) {
  const bytes = Buffer.from(text, 'utf8');
  const items: unknown[] = [];
  const bad: SplitError[] = [];
  const skipped: string[] = [];
  const splitter = new ItemSplitter({
    item: (value) => items.push(value),
    badItem: (e) => bad.push(e),
    ...(wants ? { wants, skipped: (t: string) => skipped.push(t) } : {}),
  });
  let at = 0;
  let i = 0;
  while (at < bytes.length) {
    const size = Math.max(1, sizes[i++ % sizes.length] ?? 1);
    splitter.push(bytes.subarray(at, at + size));
    at += size;
  }
  splitter.end();
  return { items, bad, skipped };
}

const item = fc.record({
  resourceType: fc.constantFrom('AWS::S3::Bucket', 'AWS::DynamoDB::Table'),
  resourceId: fc.string({ unit: 'binary' }),
  configuration: fc.jsonValue(),
  tags: fc.dictionary(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' })),
});

describe('ItemSplitter', () => {
  it('reads the same items from a snapshot, an array and NDJSON, however the bytes are chunked', () => {
    fc.assert(
      fc.property(fc.array(item, { maxLength: 6 }), fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 5 }), (items, sizes) => {
        const expected = JSON.parse(JSON.stringify(items));
        expect(split(JSON.stringify({ fileVersion: '1.0', configurationItems: items }), sizes).items).toEqual(expected);
        expect(split(JSON.stringify(items, null, 2), sizes).items).toEqual(expected);
        if (items.length > 0) expect(split(`${items.map((i) => JSON.stringify(i)).join('\n')}\n`, sizes).items).toEqual(expected);
      }),
      { numRuns: 150 },
    );
  });

  it('reads long strings full of escaped quotes and backslashes (policy documents, configuration as escaped JSON), however the bytes are chunked', () => {
    // Past a string's first 96 bytes the splitter searches for quotes natively and counts the
    // backslashes before each: escapes that straddle a chunk boundary must still read as escapes.
    const long = fc.string({ unit: fc.constantFrom('\\', '"', '}', '}', ']', 'a', 'é', '\n'), minLength: 100, maxLength: 400 });
    const withLongStrings = fc.record({ resourceType: fc.constant('AWS::IAM::Policy'), resourceId: long, configuration: fc.record({ document: long, nested: fc.array(long, { maxLength: 3 }) }) });
    fc.assert(
      fc.property(fc.array(withLongStrings, { minLength: 1, maxLength: 4 }), fc.array(fc.oneof(fc.integer({ min: 1, max: 70 }), fc.integer({ min: 97, max: 900 })), { minLength: 1, maxLength: 6 }), (items, sizes) => {
        const expected = JSON.parse(JSON.stringify(items));
        expect(split(JSON.stringify({ fileVersion: '1.0', configurationItems: items }), sizes).items).toEqual(expected);
        expect(split(items.map((i) => JSON.stringify(i)).join('\n'), sizes).items).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('skips items of unwanted types by their top-level resourceType, not a nested one', () => {
    const text = JSON.stringify([
      { relationships: [{ resourceType: 'AWS::S3::Bucket' }], resourceType: 'AWS::EC2::Volume', resourceId: 'v' },
      { resourceType: 'AWS::S3::Bucket', resourceId: 'b' },
    ]);
    const out = split(text, [7], (type) => type === 'AWS::S3::Bucket');
    expect(out.items).toEqual([{ resourceType: 'AWS::S3::Bucket', resourceId: 'b' }]);
    expect(out.skipped).toEqual(['AWS::EC2::Volume']);
  });

  it('reports a bad item with its number and byte offset and reads on', () => {
    const out = split('[{"resourceType":"A::B::C"},{"resourceType":x},{"resourceType":"A::B::D"}]');
    expect(out.items).toHaveLength(2);
    expect(out.bad).toHaveLength(1);
    expect(out.bad[0]?.item).toBe(1);
    expect(out.bad[0]?.message).toBe("not valid JSON: unexpected token 'x' in the item starting at byte 28");
  });

  it('reads a large snapshot in runs of items exactly as item by item: mixed first keys, look-alike nested objects and strings, a bad item', () => {
    // Prepare: more than one run's worth of items (256 KB); some start with another key; some
    // hold nested objects and strings that look like the start of an item; one item is not JSON.
    const items = Array.from({ length: 3_000 }, (_, i) => ({
      ...(i % 3 === 0 ? { configurationItemVersion: '1.3' } : { version: '1.3' }),
      resourceType: 'AWS::S3::Bucket',
      resourceId: `bucket-${i}`,
      configuration: i % 7 === 0 ? { rules: [{ a: 1 }, { version: '1.3', nested: [{ b: 2 }, { configurationItemVersion: 'x' }] }] } : { note: '},{"version":"1.3"} ],[ é' },
    }));
    const texts = items.map((item) => JSON.stringify(item));
    const badAt = 1_700;
    texts[badAt] = '{"version":"1.3","resourceType":oops}';
    const text = `{"fileVersion":"1.0","configurationItems":[${texts.join(',')}]}`;
    const seen: [number, unknown][] = [];
    const bad: SplitError[] = [];
    const splitter = new ItemSplitter({ item: (value, index) => seen.push([index, value]), badItem: (e) => bad.push(e) });
    const bytes = Buffer.from(text, 'utf8');

    // Act: fed in chunks of 100 KB, as a file is read.
    for (let at = 0; at < bytes.length; at += 100_000) splitter.push(bytes.subarray(at, at + 100_000));
    splitter.end();

    // Assess: every good item, with its own index; the bad one named by its number and byte.
    expect(seen).toEqual(items.flatMap((item, i) => (i === badAt ? [] : [[i, item]])));
    expect(bad.map((e) => [e.item, e.message])).toEqual([
      [badAt, `not valid JSON: unexpected token 'o' in the item starting at byte ${bytes.indexOf(texts[badAt] ?? '')}`],
    ]);
    expect(splitter.form).toBe('config-snapshot');
  });

  it('says a truncated document ends unexpectedly, with the byte offset', () => {
    const text = JSON.stringify({ configurationItems: [{ resourceType: 'A::B::C', resourceId: 'x' }] }, null, 2).slice(0, 50);
    expect(() => split(text)).toThrow(/unexpected end of input at byte 50/);
  });

  it('refuses what is not a document of items', () => {
    expect(() => split('   ')).toThrow(/empty/);
    expect(() => split('hello')).toThrow(/expected a JSON object or array/);
    expect(() => split('{"fileVersion":"1.0"}')).toThrow(/expected a Config snapshot/);
    expect(() => split('[1,,2]')).toThrow(/unexpected ','/);
    expect(split('[]').items).toEqual([]);
  });
});
