/**
 * SHA-256 for the AWS SDK clients' request signing (the documented client option `sha256`),
 * computing what the default (@smithy/hash-node) computes, with each HMAC key prepared once.
 *
 * Why: SigV4 signs every request with two HMACs whose keys barely change (the secret access key,
 * for the SDK's signing-key cache lookup, and the day's derived signing key). Node turns a raw key
 * into a KeyObject on every `createHmac`, which was about a fifth of the CPU of a DynamoDB request
 * in the evaluate function (bench/pipeline.ts). Here the KeyObject is made once per key and
 * reused; the digests are the same bytes.
 *
 * @example
 * const client = new DynamoDBClient({ region, sha256: KeyedSha256 });
 */
import { createHash, createHmac, createSecretKey, type Hash as NodeHash, type Hmac, type KeyObject } from 'node:crypto';

type SourceData = string | ArrayBuffer | ArrayBufferView;

/** Keys in use at once: a few credentials (they rotate every few hours) × a day's signing keys. */
const MAX_KEYS = 64;
const keys = new Map<string, KeyObject>();

function bytesOf(data: SourceData, encoding?: BufferEncoding): Buffer {
  if (typeof data === 'string') return Buffer.from(data, encoding ?? 'utf8');
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return Buffer.from(data);
}

function keyFor(secret: SourceData): KeyObject {
  const bytes = bytesOf(secret);
  // The key's bytes are its identity (latin1 maps each byte to one character, losslessly).
  const id = bytes.toString('latin1');
  let key = keys.get(id);
  if (!key) {
    // Past the bound, start afresh rather than track recency: keys are only ever a few.
    if (keys.size >= MAX_KEYS) keys.clear();
    key = createSecretKey(Buffer.from(bytes));
    keys.set(id, key);
  }
  return key;
}

/** The SDK's `HashConstructor` / `Checksum`: `new Sha256()` hashes, `new Sha256(secret)` is an HMAC. */
export class KeyedSha256 {
  private readonly secret: SourceData | undefined;
  private hash!: NodeHash | Hmac;

  constructor(secret?: SourceData) {
    this.secret = secret;
    this.reset();
  }

  update(data: SourceData, encoding?: 'utf8' | 'ascii' | 'latin1'): void {
    if (typeof data === 'string') this.hash.update(data, encoding ?? 'utf8');
    else this.hash.update(bytesOf(data));
  }

  digest(): Promise<Uint8Array> {
    return Promise.resolve(this.hash.digest());
  }

  reset(): void {
    // As the default: no secret (or an empty string) is a plain hash.
    const secret = this.secret;
    if (!secret) this.hash = createHash('sha256');
    else if (typeof secret !== 'string' && secret.byteLength === 0) this.hash = createHmac('sha256', Buffer.alloc(0));
    else this.hash = createHmac('sha256', keyFor(secret));
  }
}
