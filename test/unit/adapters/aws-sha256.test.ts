import { HttpRequest } from '@smithy/protocol-http';
import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';
import { describe, expect, it } from 'vitest';
import { KeyedSha256 } from '../../../shared/adapters/aws-sha256.ts';

const digestOf = async (hash: { update(data: unknown, encoding?: 'utf8' | 'ascii' | 'latin1'): void; digest(): Promise<Uint8Array> }, ...parts: [unknown, ('utf8' | 'latin1')?][]) => {
  for (const [data, encoding] of parts) hash.update(data, encoding);
  return Buffer.from(await hash.digest()).toString('hex');
};

describe('KeyedSha256 (the SDK clients\' signing hash)', () => {
  it('gives the default hash\'s digests, keyed or not, whatever form the key and data take', async () => {
    // Prepare
    const data: [unknown, ('utf8' | 'latin1')?][] = [['AWS4-HMAC-SHA256\n20261123T000000Z'], [new Uint8Array([1, 2, 3, 250])], [new Uint8Array([9, 8, 7]).buffer], ['héllo', 'latin1'], ['héllo']];
    const keys: (string | Uint8Array | undefined)[] = [undefined, '', 'secret-access-key', 'AWS4wJalrXUtnFEMI/K7MDENG', new Uint8Array(32).fill(7), new Uint8Array(0)];

    for (const key of keys) {
      // Act: twice, so the second use of a key goes through the prepared key
      const first = await digestOf(new KeyedSha256(key), ...data);
      const second = await digestOf(new KeyedSha256(key), ...data);
      const expected = await digestOf(new Hash('sha256', key) as never, ...data);

      // Assess
      expect(first).toBe(expected);
      expect(second).toBe(expected);
    }
  });

  it('signs a request exactly as the default: same Authorization header, so AWS accepts it', async () => {
    // Prepare
    const request = () =>
      new HttpRequest({
        method: 'POST',
        protocol: 'https:',
        hostname: 'dynamodb.eu-west-1.amazonaws.com',
        path: '/',
        headers: { host: 'dynamodb.eu-west-1.amazonaws.com', 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'DynamoDB_20120810.Query' },
        body: JSON.stringify({ TableName: 'vigil-prod-findings', KeyConditionExpression: 'pk = :pk' }),
      });
    const signer = (sha256: unknown) =>
      new SignatureV4({ service: 'dynamodb', region: 'eu-west-1', sha256: sha256 as never, credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', sessionToken: 'token' } });
    const signingDate = new Date('2026-11-23T10:00:00.000Z');

    // Act
    const signed = await Promise.all([1, 2].map(() => signer(KeyedSha256).sign(request(), { signingDate })));
    const expected = await signer(Hash.bind(null, 'sha256')).sign(request(), { signingDate });

    // Assess
    expect(expected.headers['authorization']).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/20261123\/eu-west-1\/dynamodb\/aws4_request/);
    for (const s of signed) expect(s.headers['authorization']).toBe(expected.headers['authorization']);
  });
});
