import type { CliIo } from './io.ts';

/**
 * Buffered, back-pressured writing to stdout: text is gathered into chunks of about 64 KB and
 * written as each fills, and `ready()` waits while the stream's buffer is full, so a report of
 * any size is written as a stream (never one string) at the pace of the reader.
 */
export interface Output {
  write(text: string): void;
  /** Resolves once the stream can take more (immediately for plain writers). */
  ready(): Promise<void>;
  /** Writes what is buffered and waits for the stream to take it. */
  flush(): Promise<void>;
}

const CHUNK = 64 * 1024;

type Writable = CliIo['stdout'] & { once?: (event: 'drain', listener: () => void) => unknown };

export function createOutput(stream: Writable): Output {
  let parts: string[] = [];
  let size = 0;
  let blocked: Promise<void> | undefined;
  const send = (): void => {
    if (size === 0) return;
    const text = parts.length === 1 ? (parts[0] ?? '') : parts.join('');
    parts = [];
    size = 0;
    const accepted = stream.write(text);
    if (accepted === false && typeof stream.once === 'function' && blocked === undefined) {
      blocked = new Promise((resolve) => stream.once?.('drain', () => {
        blocked = undefined;
        resolve();
      }));
    }
  };
  return {
    write(text) {
      parts.push(text);
      size += text.length;
      if (size >= CHUNK) send();
    },
    ready: async () => {
      if (blocked) await blocked;
    },
    async flush() {
      send();
      if (blocked) await blocked;
    },
  };
}
