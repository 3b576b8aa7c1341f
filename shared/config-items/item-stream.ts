import { createGunzip } from 'node:zlib';
import { SnapshotError } from './errors.ts';

/**
 * The bytes of a configuration-item file as UTF-8, whatever they arrived as: gzip is
 * decompressed as it streams (Config delivers snapshots to S3 as .json.gz), a UTF-8 byte-order
 * mark is dropped, UTF-16 with a byte-order mark (what Windows PowerShell's `>` writes) is
 * decoded, and UTF-16 without one is refused with the command that converts it.
 *
 * @throws SnapshotError naming the file when the gzip data is corrupt or the encoding unreadable.
 */
export async function* utf8Chunks(source: AsyncIterable<Uint8Array | string>, fileName: string): AsyncGenerator<Buffer> {
  const iterator = source[Symbol.asyncIterator]();
  // Enough bytes to recognise gzip, a byte-order mark or UTF-16.
  let head: Buffer = Buffer.alloc(0);
  let done = false;
  while (head.length < 4) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    head = Buffer.concat([head, toBuffer(next.value)]);
  }
  const rest = async function* (): AsyncGenerator<Buffer> {
    if (head.length > 0) yield head;
    if (done) return;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield toBuffer(next.value);
  };
  if (head[0] === 0x1f && head[1] === 0x8b) {
    yield* utf8Chunks(gunzip(rest(), fileName), fileName);
    return;
  }
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) {
    head = head.subarray(3);
    yield* rest();
    return;
  }
  const utf16 = head[0] === 0xff && head[1] === 0xfe ? 'utf-16le' : head[0] === 0xfe && head[1] === 0xff ? 'utf-16be' : undefined;
  if (utf16) {
    head = head.subarray(2);
    const decoder = new TextDecoder(utf16);
    for await (const chunk of rest()) {
      const text = decoder.decode(chunk, { stream: true });
      if (text) yield Buffer.from(text, 'utf8');
    }
    const last = decoder.decode();
    if (last) yield Buffer.from(last, 'utf8');
    return;
  }
  if (head.length >= 2 && ((head[0] !== 0 && head[1] === 0) || (head[0] === 0 && head[1] !== 0))) {
    const endian = head[1] === 0 ? 'LE' : 'BE';
    throw new SnapshotError(
      fileName,
      undefined,
      undefined,
      `the file looks like UTF-16 (${endian === 'LE' ? 'little' : 'big'}-endian) without a byte-order mark; convert it to UTF-8, e.g. iconv -f UTF-16${endian} -t UTF-8 <file> > items.json`,
    );
  }
  yield* rest();
}

function toBuffer(chunk: Uint8Array | string): Buffer {
  if (typeof chunk === 'string') return Buffer.from(chunk, 'utf8');
  return Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

async function* gunzip(source: AsyncIterable<Buffer>, fileName: string): AsyncGenerator<Buffer> {
  const inflate = createGunzip({ chunkSize: 1 << 20 });
  // Feed the decompressor as it asks for more; its errors surface through the iteration below.
  const feed = (async () => {
    try {
      for await (const chunk of source) {
        if (!inflate.write(chunk)) await new Promise((resolve) => inflate.once('drain', resolve));
      }
      inflate.end();
    } catch (error) {
      inflate.destroy(error as Error);
    }
  })();
  try {
    for await (const chunk of inflate) yield chunk as Buffer;
  } catch (error) {
    if (error instanceof SnapshotError) throw error;
    throw new SnapshotError(fileName, undefined, undefined, 'gzip data is corrupt or truncated', { cause: error });
  } finally {
    inflate.destroy();
    await feed;
  }
}
