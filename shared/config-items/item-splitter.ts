/**
 * Splits a byte stream of configuration items into items, one JSON.parse per item, so a file of
 * any size is read with memory bounded by its largest item rather than by V8's string limit.
 *
 * Accepted forms, as `rawItems` always accepted them: an AWS Config snapshot
 * (`{"fileVersion": …, "configurationItems": [ … ]}`), a JSON array of items, one item, and
 * NDJSON (or any sequence of whitespace-separated JSON objects).
 *
 * Why hand-written rather than a streaming JSON parser from npm (stream-json, jsonparse): those
 * tokenize every byte in JavaScript and build each value themselves, several times slower than
 * V8's JSON.parse (docs/benchmarks.md). This splitter only finds where an item starts and ends —
 * strings are skipped with Buffer#indexOf, a native memchr — and hands each item's bytes to
 * JSON.parse, which also does all validation inside an item.
 */

import type { SnapshotForm } from './snapshot.ts';

/** A byte range that is not valid JSON; `offset` is 0-based, in bytes of the decoded input. */
export class SplitError extends Error {
  override readonly name = 'SplitError';
  readonly offset: number;
  /** The item it belongs to, when the problem is inside one item (the rest of the file is still read). */
  readonly item: number | undefined;
  constructor(message: string, offset: number, item: number | undefined) {
    super(message);
    this.offset = offset;
    this.item = item;
  }
}

export interface SplitterSink {
  /** One item, parsed, with its 0-based index in the file. */
  item(value: unknown, index: number): void;
  /** An item whose bytes are not valid JSON; reading goes on with the next item. */
  badItem(error: SplitError): void;
  /**
   * Optional: decides from an item's `resourceType` (read from the bytes, before JSON.parse)
   * whether it is wanted; unwanted items are counted, not parsed.
   */
  wants?(resourceType: string): boolean;
  skipped?(resourceType: string, index: number): void;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COMMA = 0x2c;
const EMPTY = Buffer.alloc(0);

/** Where the splitter is in the document's outer structure. */
const Mode = {
  /** Between top-level values (NDJSON lines, or before the document). */
  top: 0,
  /** Inside a top-level object that may be a snapshot or an item. */
  object: 1,
  /** Inside an array whose elements are items (top-level or `configurationItems`). */
  items: 2,
  /** Inside a snapshot object, after its `configurationItems` array. */
  tail: 3,
} as const;
type Mode = (typeof Mode)[keyof typeof Mode];

// A Config snapshot's items, or the rows of `aws configservice select-resource-config` output.
const SNAPSHOT_KEY = /"(configurationItems|Results)"\s*:\s*$/;
const TYPE_KEY = Buffer.from('"resourceType"');
const FILE_VERSION_KEY = /"fileVersion"\s*:\s*"/;
/**
 * A run of items parsed with one JSON.parse spans at most this many bytes: its text (even as a
 * two-byte string) stays under V8's largest young-generation object (128 KB). A larger text is
 * allocated in the large-object space and counts toward the next full garbage collection: with
 * runs of 256 KB a 50,000-item scan of 1–30 KB items took about a fifth more CPU than with 64 KB.
 */
const RUN_BYTES = 60 * 1024;
/** After this many runs that did not parse, every item is read on its own (the bytes only look like items). */
const MAX_RUN_FAILURES = 8;
/** Item boundaries remembered (one per first key items start with: AWS's forms differ). */
const MAX_BOUNDARIES = 4;

export class ItemSplitter {
  private buf: Buffer = EMPTY;
  /** Absolute offset of buf[0] in the input. */
  private base = 0;
  private pos = 0;
  private depth = 0;
  /** Bracket at each depth (1-based), to catch `[ … }` at the outer levels. */
  private stack = new Uint8Array(64);
  private mode: Mode = Mode.top;
  /** Depth of the array whose elements are items, in items mode. */
  private itemDepth = 0;
  /** Start (in buf) of the item being read, or -1. */
  private valueStart = -1;
  private expectValue = false;
  private stringStart = -1;
  private index = 0;
  /** A snapshot object was seen (its configurationItems array is read as items). */
  private snapshot = false;
  /** Some JSON value was seen (an empty array is a valid, empty input; a blank file is not). */
  private started = false;
  private topLevelObjects = 0;
  private sawArray = false;
  private sawFileVersion = false;
  /**
   * The bytes from the end of an item to the first key of the next one (`},{"version"`), as this
   * input spells them (items may start with different keys), with the offset of the comma in
   * them: learnt from the items read one by one. See parseRun.
   */
  private boundaries: { readonly bytes: Buffer; readonly comma: number }[] = [];
  /** No boundary was found before this offset of the input (none is searched for again before it). */
  private noRunBefore = 0;
  private runFailures = 0;
  private readonly sink: SplitterSink;

  constructor(sink: SplitterSink) {
    this.sink = sink;
  }

  /**
   * How the input holds its items (see SnapshotForm): only a Config snapshot file
   * (`fileVersion` and `configurationItems`, what DeliverConfigSnapshot writes) is a whole
   * account's inventory of a region.
   */
  get form(): SnapshotForm {
    if (this.snapshot) return this.sawFileVersion ? 'config-snapshot' : 'api-response';
    if (this.sawArray) return 'array';
    return this.topLevelObjects > 1 ? 'ndjson' : 'item';
  }

  /** Items seen so far (parsed, bad or skipped). */
  get items(): number {
    return this.index;
  }

  push(chunk: Buffer): void {
    if (chunk.length === 0) return;
    this.buf = this.buf.length === 0 ? chunk : Buffer.concat([this.buf, chunk]);
    this.scan();
    this.compact();
  }

  /** The end of input: a document left open is an unexpected end, with the byte offset. */
  end(): void {
    const total = this.base + this.buf.length;
    if (this.stringStart >= 0 || this.depth > 0) {
      throw new SplitError(`unexpected end of input at byte ${total} (the document is truncated)`, total, this.mode === Mode.items ? this.index : undefined);
    }
    if (!this.started) throw new SplitError('the file is empty', 0, undefined);
  }

  private compact(): void {
    let keep = this.pos;
    if (this.valueStart >= 0) keep = Math.min(keep, this.valueStart);
    if (this.stringStart >= 0) keep = Math.min(keep, this.stringStart);
    if (keep === 0) return;
    this.buf = keep >= this.buf.length ? EMPTY : this.buf.subarray(keep);
    this.base += keep;
    this.pos -= keep;
    if (this.valueStart >= 0) this.valueStart -= keep;
    if (this.stringStart >= 0) this.stringStart -= keep;
  }

  private fail(message: string, at: number): never {
    throw new SplitError(`${message} at byte ${this.base + at}`, this.base + at, undefined);
  }

  private scan(): void {
    const buf = this.buf;
    const n = buf.length;
    let p = this.pos;
    if (this.stringStart >= 0) {
      p = this.closeString(p);
      if (p < 0) return;
    }
    while (p < n) {
      const c = buf[p] as number;
      if (c === QUOTE) {
        if (this.depth === 0) this.fail('expected a JSON object or array, found a string', p);
        if (this.valueStart < 0 && this.mode === Mode.items && this.depth === this.itemDepth) this.valueStart = p;
        this.stringStart = p;
        p = this.closeString(p + 1);
        if (p < 0) return;
        continue;
      }
      if (c <= 0x20) {
        p++;
        continue;
      }
      const atItemLevel = this.mode === Mode.items && this.depth === this.itemDepth;
      if (atItemLevel) {
        if (c === COMMA) {
          if (this.valueStart < 0) this.fail("unexpected ','", p);
          this.emit(this.valueStart, p);
          this.valueStart = -1;
          this.expectValue = true;
          p++;
          continue;
        }
        if (c === CLOSE_ARRAY) {
          if (this.valueStart >= 0) this.emit(this.valueStart, p);
          else if (this.expectValue) this.fail("unexpected ']' after ','", p);
          this.valueStart = -1;
          this.expectValue = false;
          this.depth--;
          this.mode = this.depth === 0 ? Mode.top : Mode.tail;
          p++;
          continue;
        }
        if (this.valueStart < 0) {
          if (c === OPEN_OBJECT && this.sink.wants === undefined && this.runFailures < MAX_RUN_FAILURES) {
            const next = this.parseRun(p);
            if (next >= 0) {
              // As after an item's comma: the next item is expected.
              this.expectValue = true;
              p = next;
              continue;
            }
          }
          this.valueStart = p;
          this.expectValue = false;
        }
      } else if (this.depth === 0) {
        // Between top-level values: an object (a snapshot, an item, an NDJSON line) or an array.
        this.started = true;
        if (c === OPEN_OBJECT) {
          this.mode = Mode.object;
          this.valueStart = p;
        } else if (c === OPEN_ARRAY) {
          this.sawArray = true;
          this.mode = Mode.items;
          this.itemDepth = 1;
          this.expectValue = false;
        } else {
          this.fail(`expected a JSON object or array, found ${JSON.stringify(String.fromCharCode(c))}`, p);
        }
      }
      if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
        if (this.mode === Mode.object && this.depth === 1 && c === OPEN_ARRAY && this.isSnapshotArray(p)) {
          // `"configurationItems": [` of a snapshot: its elements are the items; the head
          // (fileVersion, configSnapshotId) is not needed.
          this.snapshot = true;
          this.sawFileVersion ||= FILE_VERSION_KEY.test(this.buf.toString('latin1', this.valueStart, p));
          this.mode = Mode.items;
          this.itemDepth = 2;
          this.valueStart = -1;
          this.expectValue = false;
        }
        this.depth++;
        if (this.depth < this.stack.length) this.stack[this.depth] = c;
        p++;
        continue;
      }
      if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
        if (this.depth === 0) this.fail(`unexpected '${String.fromCharCode(c)}'`, p);
        const open = this.depth < this.stack.length ? this.stack[this.depth] : undefined;
        if (open !== undefined && open !== (c === CLOSE_OBJECT ? OPEN_OBJECT : OPEN_ARRAY)) {
          // Inside an item JSON.parse names the problem; outside, this is a broken document.
          if (!(this.mode === Mode.items && this.depth > this.itemDepth)) this.fail(`unexpected '${String.fromCharCode(c)}'`, p);
        }
        this.depth--;
        if (this.depth === 0) {
          if (this.mode === Mode.object) {
            this.topLevelObjects++;
            this.emit(this.valueStart, p + 1, true);
            this.valueStart = -1;
          }
          this.mode = Mode.top;
        }
        p++;
        continue;
      }
      p++;
    }
    this.pos = p;
  }

  /**
   * From just after an opening quote: the index after the closing one, or -1 (more input
   * needed). Most strings in an item are short keys and values, for which a byte loop beats a
   * native search; past the first 96 bytes a string is long (a policy document, a configuration
   * carried as escaped JSON) and Buffer#indexOf (memchr) finds each quote instead.
   */
  private closeString(from: number): number {
    const buf = this.buf;
    const n = buf.length;
    let p = from;
    const short = Math.min(n, from + 96);
    while (p < short) {
      const c = buf[p] as number;
      if (c === QUOTE) {
        this.stringStart = -1;
        return p + 1;
      }
      p += c === BACKSLASH ? 2 : 1;
    }
    // The string's first byte: backslashes before a quote are counted back to it, no further.
    const first = this.stringStart + 1;
    while (p < n) {
      const q = buf.indexOf(QUOTE, p);
      if (q < 0) break;
      let slashes = 0;
      while (q - slashes - 1 >= first && buf[q - slashes - 1] === BACKSLASH) slashes++;
      if (slashes % 2 === 0) {
        this.stringStart = -1;
        return q + 1;
      }
      p = q + 1;
    }
    // More input needed. Resume at the end, or at a trailing escape's backslash, so that the
    // byte it escapes is read as escaped.
    let trailing = 0;
    while (n - trailing - 1 >= first && buf[n - trailing - 1] === BACKSLASH) trailing++;
    this.pos = trailing % 2 === 1 ? n - 1 : n;
    return -1;
  }

  /**
   * Parses the items from `p` (an item's `{`) up to the last boundary within RUN_BYTES with one
   * JSON.parse, as an array, and hands them on; returns the position after the boundary's comma,
   * or -1 to read on byte by byte. Finding where each item ends byte by byte in JavaScript cost a
   * large scan about a tenth of its time; the boundary is found by a native search instead.
   *
   * Why this is exact: the run starts where an item starts, and it parses as an array only if
   * the boundary found is where an item ends (one inside a string or a nested object leaves the
   * text unbalanced), so the same items come out as one by one. Anything else, a bad item among
   * them included, is read byte by byte as before, which names the item and the byte.
   */
  private parseRun(p: number): number {
    const buf = this.buf;
    this.learnBoundary(p);
    if (this.base + p < this.noRunBefore) return -1;
    const limit = Math.min(buf.length, p + RUN_BYTES);
    let cut = -1;
    let comma = 0;
    for (const boundary of this.boundaries) {
      const at = buf.lastIndexOf(boundary.bytes, limit - boundary.bytes.length);
      if (at > cut) {
        cut = at;
        comma = boundary.comma;
      }
    }
    if (cut <= p) {
      this.noRunBefore = this.base + limit;
      return -1;
    }
    let values: unknown;
    try {
      values = JSON.parse(`[${buf.toString('utf8', p, cut + 1)}]`);
    } catch {
      this.runFailures++;
      this.noRunBefore = this.base + cut + 1;
      return -1;
    }
    if (!Array.isArray(values)) return -1;
    for (let i = 0; i < values.length; i++) {
      const value: unknown = values[i];
      // Let each item go as soon as it is handed on.
      values[i] = undefined;
      this.sink.item(value, this.index++);
    }
    return cut + comma + 1;
  }

  /**
   * At the `{` of an item that follows an object item: remembers the bytes from that item's `}`
   * to this one's first key, if new (a few at most).
   */
  private learnBoundary(p: number): void {
    if (this.boundaries.length >= MAX_BOUNDARIES) return;
    const buf = this.buf;
    let from = p - 1;
    while (from >= 0 && (buf[from] as number) <= 0x20) from--;
    if (from < 0 || buf[from] !== COMMA) return;
    const comma = from;
    from--;
    while (from >= 0 && (buf[from] as number) <= 0x20) from--;
    if (from < 0 || buf[from] !== CLOSE_OBJECT) return;
    let to = p + 1;
    while (to < buf.length && (buf[to] as number) <= 0x20) to++;
    if (buf[to] !== QUOTE) return;
    const close = buf.indexOf(QUOTE, to + 1);
    if (close < 0 || close - to > 64 || buf.subarray(to, close).includes(BACKSLASH)) return;
    const bytes = buf.subarray(from, close + 1);
    if (this.boundaries.some((b) => b.bytes.equals(bytes))) return;
    this.boundaries.push({ bytes: Buffer.from(bytes), comma: comma - from });
  }

  private isSnapshotArray(p: number): boolean {
    const from = Math.max(this.valueStart, p - 96);
    return SNAPSHOT_KEY.test(this.buf.toString('latin1', from, p));
  }

  private emit(start: number, end: number, topLevel = false): void {
    const index = this.index++;
    const { wants } = this.sink;
    if (wants) {
      const type = this.peekType(start, end);
      if (type !== undefined && !wants(type)) {
        this.sink.skipped?.(type, index);
        return;
      }
    }
    const text = this.buf.toString('utf8', start, end);
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      this.sink.badItem(this.parseError(error, text, start, index));
      return;
    }
    if (topLevel && value !== null && typeof value === 'object' && !Array.isArray(value)) {
      // A top-level object that is neither a snapshot nor an item: say what was expected.
      const o = value as Record<string, unknown>;
      if (!('resourceType' in o)) {
        throw new SplitError(
          'expected a Config snapshot ({"configurationItems": [...]}), a JSON array of configuration items, or NDJSON',
          this.base + start,
          undefined,
        );
      }
    }
    this.sink.item(value, index);
  }

  /**
   * The item's top-level `"resourceType": "…"`, read from its bytes without parsing it: the
   * first occurrence at the item's own depth (a relationship's resourceType is nested deeper).
   */
  private peekType(start: number, end: number): string | undefined {
    const buf = this.buf;
    let at = buf.indexOf(TYPE_KEY, start);
    while (at >= 0 && at < end) {
      if (this.depthAt(start, at) === 1) {
        let p = at + TYPE_KEY.length;
        while (p < end && (buf[p] as number) <= 0x20) p++;
        if (buf[p] !== 0x3a /* : */) return undefined;
        p++;
        while (p < end && (buf[p] as number) <= 0x20) p++;
        if (buf[p] !== QUOTE) return undefined;
        const close = buf.indexOf(QUOTE, p + 1);
        if (close < 0 || close > end) return undefined;
        const type = buf.toString('latin1', p + 1, close);
        return type.includes('\\') ? undefined : type;
      }
      at = buf.indexOf(TYPE_KEY, at + 1);
    }
    return undefined;
  }

  /** Nesting depth at `at` within the value starting at `start` (strings skipped). */
  private depthAt(start: number, at: number): number {
    const buf = this.buf;
    let depth = 0;
    let p = start;
    while (p < at) {
      const c = buf[p] as number;
      if (c === QUOTE) {
        let q = buf.indexOf(QUOTE, p + 1);
        while (q >= 0 && buf[q - 1] === BACKSLASH) {
          let b = q - 1;
          let n = 0;
          while (buf[b] === BACKSLASH) {
            n++;
            b--;
          }
          if ((n & 1) === 0) break;
          q = buf.indexOf(QUOTE, q + 1);
        }
        if (q < 0 || q >= at) return -1;
        p = q + 1;
        continue;
      }
      if (c === OPEN_OBJECT || c === OPEN_ARRAY) depth++;
      else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) depth--;
      p++;
    }
    return depth;
  }

  private parseError(error: unknown, text: string, start: number, index: number): SplitError {
    const message = error instanceof Error ? error.message : String(error);
    const itemStart = this.base + start;
    if (/Unexpected end of JSON input|Unterminated/.test(message)) {
      return new SplitError(`not valid JSON: unexpected end of input at byte ${itemStart + Buffer.byteLength(text)}`, itemStart, index);
    }
    // V8 names the token, and sometimes its position; never echo its quote of the input.
    const token = /Unexpected (token '.*?'|non-whitespace character|end)|Expected [^"]*?(?= after| in JSON|$)/.exec(message)?.[0] ?? 'syntax error';
    const at = /at position (\d+)/.exec(message);
    const where = at
      ? `at byte ${itemStart + Buffer.byteLength(text.slice(0, Number(at[1])))}`
      : `in the item starting at byte ${itemStart}`;
    return new SplitError(`not valid JSON: ${token.charAt(0).toLowerCase()}${token.slice(1)} ${where}`, itemStart, index);
  }
}
