import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { markdownCell } from '../../../cli/format/text.ts';

describe('markdownCell', () => {
  it('escapes what could break out of a cell or inject markup, and leaves other text as it is', () => {
    expect(markdownCell('Bucket logs (arn:aws:s3:::logs) is public.')).toBe('Bucket logs (arn:aws:s3:::logs) is public.');
    expect(markdownCell('a|b <img src=x> & c')).toBe('a\\|b &lt;img src=x&gt; &amp; c');
    expect(markdownCell('evil\u001b[31m\u202ename')).toBe('evil\\x1b[31m\\u202ename');
  });

  it('never lets a pipe, a tag, a control or a bidi character through, whatever the text', () => {
    const unit = fc.constantFrom('a', ' ', '|', '<', '>', '&', '\\', '\u0000', '\n', '\u001b', '\u009b', '\u202e', '\u2067', 'é', '…');
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 60 }), (text) => {
        const cell = markdownCell(text);
        expect(cell).not.toMatch(/[<>\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]|(?<!\\)\|/);
        if (!/[&<>|\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/.test(text)) expect(cell).toBe(text);
      }),
    );
  });
});
