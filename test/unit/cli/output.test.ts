import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createOutput } from '../../../cli/output.ts';
import { createSpool } from '../../../cli/format/spool.ts';

describe('createOutput', () => {
  it('writes every text in order as UTF-8, each chunk whole characters, whatever the texts', async () => {
    // Prepare: texts of any size (a few larger than a chunk), with two- and four-byte characters.
    const text = fc.string({ unit: fc.constantFrom('a', '"', 'é', '…', '😀', '\n'), maxLength: 300 });
    const large = fc.string({ unit: fc.constantFrom('x', '…'), minLength: 22_000, maxLength: 70_000 });
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof({ arbitrary: text, weight: 20 }, { arbitrary: large, weight: 1 }), { maxLength: 400 }), async (texts) => {
        const chunks: Buffer[] = [];
        const out = createOutput({ write: (chunk) => chunks.push(Buffer.from(typeof chunk === 'string' ? Buffer.from(chunk) : chunk)) });

        // Act
        for (const t of texts) out.write(t);
        await out.flush();

        // Assess: the bytes are the texts', and each chunk decodes on its own (no character cut).
        expect(Buffer.concat(chunks).toString('utf8')).toBe(texts.join(''));
        for (const chunk of chunks) expect(chunk.toString('utf8')).not.toContain('\uFFFD');
      }),
      { numRuns: 30, endOnFailure: true },
    );
  });

  it('waits for a stream that is full before more is read', async () => {
    // Prepare: a stream that takes the first chunk but asks the writer to wait for 'drain'.
    let drain: (() => void) | undefined;
    const out = createOutput({ write: () => false, once: (_event, listener) => (drain = listener) });
    out.write('x'.repeat(70_000));
    out.write('y');
    const flushed = out.flush().then(() => 'flushed');

    // Act / Assess: nothing is ready until the stream drains.
    expect(await Promise.race([flushed, new Promise((resolve) => setTimeout(resolve, 20, 'waiting'))])).toBe('waiting');
    drain?.();
    expect(await flushed).toBe('flushed');
  });

  it('writes text and a spool\'s bytes in the order given, the spool holding exactly its texts', async () => {
    // Prepare: texts kept in a spool (growing chunks), and text written around them.
    const text = fc.string({ unit: fc.constantFrom('a', '<', 'é', '…', '😀', '\n'), minLength: 50, maxLength: 3_000 });
    await fc.assert(
      fc.asyncProperty(fc.array(text, { minLength: 20, maxLength: 300 }), fc.string(), async (kept, around) => {
        const spool = createSpool();
        for (const t of kept) spool.write(t);
        const chunks: Buffer[] = [];
        const out = createOutput({ write: (chunk) => chunks.push(Buffer.from(chunk)) });

        // Act
        out.write(around);
        for (const chunk of spool.chunks()) out.writeBytes(chunk);
        out.write(around);
        await out.flush();

        // Assess
        expect(Buffer.concat(chunks).toString('utf8')).toBe(`${around}${kept.join('')}${around}`);
      }),
      { numRuns: 30, endOnFailure: true },
    );
  });
});
