/**
 * Opaque pagination cursors: `<payload>.<mac>`, both base64url. The payload holds where the page
 * ended (the last item's index keys), a hash of the filters it was issued for, and an expiry; the
 * MAC is HMAC-SHA256 under the stage's key (Secrets Manager), so a client can neither forge a
 * position nor reuse a cursor with other filters (which would skip or repeat items), nor keep one
 * past 24 hours.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import * as z from '../../zod.ts';
import { ProblemError } from './problem.ts';

export const CURSOR_TTL_SECONDS = 24 * 3600;
/** Cursors are short; anything longer is not one of ours (and is not worth hashing). */
const MAX_CURSOR_LENGTH = 4096;

const payloadSchema = z.strictObject({
  v: z.literal(1),
  /** Hash of the canonical filters. */
  f: z.string(),
  /** Expiry, epoch seconds. */
  e: z.number().check(z.int()),
  /** The position: the last returned item's key attributes (strings only: every key here is a string). */
  k: z.record(z.string(), z.string()),
  /** Extra state a listing carries between pages (e.g. the walk's start time). */
  x: z.optional(z.record(z.string(), z.string())),
});
export type CursorPayload = z.infer<typeof payloadSchema>;

export interface CursorPosition {
  readonly key: Readonly<Record<string, string>>;
  readonly extra?: Readonly<Record<string, string>> | undefined;
}

/** A hash of the filters, independent of the order they were given in. */
export function filtersHash(filters: Readonly<Record<string, unknown>>): string {
  const canonical = JSON.stringify(
    Object.keys(filters)
      .sort()
      .filter((k) => filters[k] !== undefined)
      .map((k) => [k, filters[k]]),
  );
  return createHash('sha256').update(canonical).digest('base64url').slice(0, 22);
}

export interface CursorCodec {
  encode(position: CursorPosition, filters: Readonly<Record<string, unknown>>): string;
  /** @throws ProblemError invalidCursor, cursorMismatch or cursorExpired, naming the `cursor` parameter. */
  decode(cursor: string, filters: Readonly<Record<string, unknown>>): CursorPosition;
}

/**
 * @example
 * const cursors = createCursorCodec({ key: secretBytes, now: () => new Date() });
 * const next = cursors.encode({ key: lastKey }, filters);
 * const { key } = cursors.decode(next, filters); // throws a 400 problem if tampered, mismatched or expired
 */
export function createCursorCodec(options: { readonly key: Uint8Array; readonly now: () => Date; readonly ttlSeconds?: number }): CursorCodec {
  if (options.key.length < 32) throw new Error('cursor key: at least 32 bytes of secret are needed');
  const ttl = options.ttlSeconds ?? CURSOR_TTL_SECONDS;
  const mac = (payload: string) => createHmac('sha256', options.key).update(payload).digest();
  return {
    encode(position, filters) {
      const payload: CursorPayload = {
        v: 1,
        f: filtersHash(filters),
        e: Math.floor(options.now().getTime() / 1000) + ttl,
        k: { ...position.key },
        ...(position.extra ? { x: { ...position.extra } } : {}),
      };
      const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
      return `${body}.${mac(body).toString('base64url')}`;
    },
    decode(cursor, filters) {
      const invalid = (detail: string) => new ProblemError('invalidCursor', { parameter: 'cursor', detail });
      if (cursor.length > MAX_CURSOR_LENGTH) throw invalid('The cursor is longer than any this API issues.');
      const [body, signature, ...rest] = cursor.split('.');
      if (!body || !signature || rest.length > 0) throw invalid('The cursor is malformed: pass back the `next` value of a response unchanged.');
      const given = Buffer.from(signature, 'base64url');
      const expected = mac(body);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        throw invalid('The cursor was altered, or was issued by another stage: pass back the `next` value of a response unchanged.');
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
      } catch (error) {
        throw new ProblemError('invalidCursor', { parameter: 'cursor', detail: 'The cursor does not decode.' }, { cause: error });
      }
      const payload = payloadSchema.safeParse(parsed);
      if (!payload.success) throw invalid('The cursor does not decode.');
      if (payload.data.f !== filtersHash(filters)) {
        throw new ProblemError('cursorMismatch', {
          parameter: 'cursor',
          detail: 'The cursor was issued for other filters: repeat the request with the filters of the page it came from, or start again without a cursor.',
        });
      }
      if (payload.data.e <= Math.floor(options.now().getTime() / 1000)) {
        throw new ProblemError('cursorExpired', {
          parameter: 'cursor',
          detail: `Cursors are valid for ${Math.round(ttl / 3600)} hours: start the listing again without a cursor.`,
        });
      }
      return { key: payload.data.k, extra: payload.data.x };
    },
  };
}
