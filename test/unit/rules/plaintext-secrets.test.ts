import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeConfigurationItem } from '../../../shared/config-items/normalize.ts';
import { evaluate } from '../../../shared/engine/evaluate.ts';
import { resolveParams } from '../../../shared/engine/params.ts';
import { CREDENTIAL_HINT, CREDENTIAL_PATTERNS, findPlaintextSecrets, type SecretDetectionOptions } from '../../../shared/rules/lambda/_secret-detector.ts';
import lambdaRule from '../../../shared/rules/lambda/lambda-function-no-plaintext-secrets.ts';

const DEFAULTS: SecretDetectionOptions = { namePatterns: ['SECRET', 'PASSWORD', 'PWD', 'TOKEN', 'API_KEY', 'ACCESS_KEY', 'JWT'], allowNames: [] };

function detect(variables: Record<string, string>, options = DEFAULTS) {
  return findPlaintextSecrets(
    Object.entries(variables).map(([name, value]) => ({ name, value })),
    options,
  );
}

describe('findPlaintextSecrets', () => {
  it.each(['DB_PASSWORD', 'dbPassword', 'DBPASSWORD', 'db-password', 'STRIPE_API_KEY', 'stripeApiKey', 'GITHUB_TOKEN', 'JWT'])(
    'flags a literal under %s',
    (name) => {
      expect(detect({ [name]: 'c0rrect-h0rse-battery' })).toEqual([{ name, why: 'a literal under a secret-like name' }]);
    },
  );

  it.each(['TOKENIZER_MODEL', 'PASSTHROUGH_MODE', 'KEYBOARD_LAYOUT', 'PUBLIC_KEY_URL'])('does not flag %s, whose words are not secret', (name) => {
    expect(detect({ [name]: 'bert-base-uncased' })).toEqual([]);
  });

  it.each([
    ['DB_SECRET_ARN', 'orders/prod/db'],
    ['STRIPE_API_KEY_PARAMETER_NAME', 'stripe-api-key'],
    ['DB_PASSWORD', 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:orders/prod/db-AbCdEf'],
    ['DB_PASSWORD', '/orders/prod/db-password'],
    ['TOKEN_TTL', '3600'],
    ['PASSWORD_MIN_LENGTH', '12'],
    ['TOKEN_VALIDATION', 'disabled'],
    ['TOKEN_URL', 'https://auth.example.com/oauth2/token'],
    ['DB_PASSWORD', 'AQICAHhQ0Z2d8x3kVb1m4n7yq9r2t5w8z1c4f7h0j3l6o9r2AHuV8k3lqs0YdBfM5cW2eRAAAAZzBl'],
  ])('accepts %s holding a reference, setting or ciphertext', (name, value) => {
    expect(detect({ [name]: value })).toEqual([]);
  });

  it.each([
    ['an AWS access key id', 'AKIAZ7EXAMPLE3QK2P4M'],
    ['an AWS access key id', 'ASIAZ7EXAMPLE3QK2P4M'],
    ['a PEM private key', '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----'],
    ['a Slack token', 'xoxp-2210535938801-4839201749302-Zk3VbN8qLmP2'],
    ['a Slack webhook URL', 'https://hooks.slack.com/services/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'],
    ['a GitHub token', 'ghp_R8x2Vn4Kq7Lm1Pz9Tb3Wc6Yd0Fh5Js2Ga8Ne'],
    ['a JSON Web Token', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJvcmRlcnMifQ.q7Ls0Vh2mK9xP4tR1wN8yB3cZ6f'],
    ['a URL with an embedded password', 'redis://default:r3d1s-pw@cache.internal:6379/0'],
    ['a Stripe secret key', 'sk_live_4eC39HqLyjWDarjtT1zdp7dc'],
    ['a Google API key', 'AIzaSyD3k9Qw7Lm2Pz8Tb4Wc6Yd0Fh5Js2Ga8Ne'],
    ['an npm token', 'npm_R8x2Vn4Kq7Lm1Pz9Tb3Wc6Yd0Fh5Js2Ga8Ne'],
  ])('flags %s whatever the variable is called', (why, value) => {
    // A reference-like name does not excuse a credential-looking value.
    expect(detect({ UPSTREAM_NAME: value })).toEqual([{ name: 'UPSTREAM_NAME', why }]);
  });

  it('never skips a value some credential pattern matches (the one search that spares the ten patterns)', () => {
    const piece = fc.oneof(
      fc.constantFrom('AKIA', 'asia', 'ABIA', 'ACCA', '-----BEGIN ', 'RSA ', 'PRIVATE KEY-----', 'xoxb-', 'https://hooks.slack.com/services/', 'ghp_', 'github_pat_', 'eyJ', '.', 'sk_live_', 'rk_live_', 'AIza', 'npm_', '://', 'user:pw@', ' '),
      fc.stringMatching(/^[A-Za-z0-9_-]{1,40}$/),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }).map((p) => p.join('')), (value) => {
        if (CREDENTIAL_PATTERNS.some((c) => c.pattern.test(value))) expect(CREDENTIAL_HINT.test(value)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('judges names the same after it has met more of them than it remembers', () => {
    const options: SecretDetectionOptions = { ...DEFAULTS, allowNames: ['LEGACY_TOKEN'] };
    for (let i = 0; i < 12_000; i++) detect({ [`VAR_${i}`]: 'x' }, options);
    expect(detect({ DB_PASSWORD: 'hunter2hunter2', LEGACY_TOKEN: 'abc123abc123', VAR_1: 'plain' }, options)).toEqual([
      { name: 'DB_PASSWORD', why: 'a literal under a secret-like name' },
    ]);
  });

  it('skips allow-listed names, case-insensitively', () => {
    expect(detect({ CSRF_TOKEN_COOKIE: '__Host-csrf' }, { ...DEFAULTS, allowNames: ['csrf_token_cookie'] })).toEqual([]);
  });
});

describe('lambda-function-no-plaintext-secrets reasons', () => {
  const params = resolveParams([lambdaRule]);

  it('name the variable and never echo the secret value', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9!#%&*+=?@^_~-]{12,40}$/), (secret) => {
        // Prepare
        const fn = normalizeConfigurationItem({
          resourceType: 'AWS::Lambda::Function',
          resourceId: 'orders-api',
          awsRegion: 'eu-west-1',
          awsAccountId: '111122223333',
          configuration: { functionName: 'orders-api', runtime: 'nodejs22.x', environment: { variables: { DB_PASSWORD: secret } } },
        });

        // Act
        const [evaluation] = evaluate([fn], [lambdaRule], { now: new Date('2026-11-23T00:00:00Z'), params });

        // Assess
        expect(evaluation?.status).toBe('NON_COMPLIANT');
        expect(evaluation?.reason).toContain('DB_PASSWORD');
        expect(evaluation?.reason).not.toContain(secret);
      }),
    );
  });

  it('stay within 256 characters and end with a period when many variables leak', () => {
    // Prepare
    const variables = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`SERVICE_${i}_API_TOKEN`, `tok-${i}-c0rrect-h0rse`]));
    const fn = normalizeConfigurationItem({
      resourceType: 'AWS::Lambda::Function',
      resourceId: 'orders-api',
      awsRegion: 'eu-west-1',
      awsAccountId: '111122223333',
      configuration: { functionName: 'orders-api', runtime: 'nodejs22.x', environment: { variables } },
    });

    // Act
    const [evaluation] = evaluate([fn], [lambdaRule], { now: new Date('2026-11-23T00:00:00Z'), params });

    // Assess
    expect(evaluation?.reason.length).toBeLessThanOrEqual(256);
    expect(evaluation?.reason).toMatch(/and \d+ more\.$/);
  });
});
