/**
 * Text from configuration items (names, tags, reasons quoting them) is attacker-controlled:
 * whoever can tag a resource chooses it. Terminal and Markdown output shows control characters
 * as visible escapes (`\x1b`), so no escape sequence reaches a reader's terminal (window title,
 * colours, cursor moves) and no bidi override reorders a row.
 */
// C0 and C1 controls, DEL, and the bidi embedding / override / isolate characters.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

const HAS_UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

export function visible(text: string): string {
  if (!HAS_UNSAFE.test(text)) return text;
  return text.replace(UNSAFE, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** What markdownCell changes; text without any of it (nearly all) goes back as it is, after one search. */
const MARKDOWN_UNSAFE = /[&<>|\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** Text for a Markdown table cell: visible controls, HTML escaped (no raw tags), pipes escaped. */
export function markdownCell(text: string): string {
  if (!MARKDOWN_UNSAFE.test(text)) return text;
  return visible(text)
    .replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'))
    .replace(/\|/g, '\\|');
}

/** `1 rule`, `2 rules`. */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString('en')} ${count === 1 ? one : many}`;
}
