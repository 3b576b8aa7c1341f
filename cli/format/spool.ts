/**
 * Text kept for later as UTF-8 bytes, outside the JavaScript heap: a format that must hold part
 * of its report until the end (JUnit writes a suite's counts before its cases) keeps it here
 * rather than as evaluations or strings, which every garbage collection would copy again while
 * the scan goes on. About the size of the text it holds.
 */
export interface Spool {
  write(text: string): void;
  /** The bytes written, in order, as chunks (the spool is not written to after). */
  chunks(): Buffer[];
}

const FIRST_CHUNK = 1024;
const MAX_CHUNK = 64 * 1024;

export function createSpool(): Spool {
  const done: Buffer[] = [];
  // Chunks grow from 1 KB, so that a spool that holds little (a rule of a small scan) stays small.
  let buf = Buffer.allocUnsafeSlow(FIRST_CHUNK);
  let used = 0;
  const next = (atLeast: number): void => {
    if (used > 0) done.push(buf.subarray(0, used));
    buf = Buffer.allocUnsafeSlow(Math.max(atLeast, Math.min(MAX_CHUNK, buf.length * 2)));
    used = 0;
  };
  return {
    write(text) {
      // At most 3 bytes a UTF-16 unit: a text that may not fit starts a new chunk.
      const most = text.length * 3;
      if (most > buf.length - used) next(most);
      used += buf.write(text, used);
    },
    chunks() {
      return used > 0 ? [...done, buf.subarray(0, used)] : done;
    },
  };
}
