/** The one masker: known secrets, report values by key, and secrets inside free text (property tests). */
import fc from 'fast-check';
import { MASK, describeSecret, maskSecrets, maskValue, scrubText } from '../../../core/domain/mask';

const b64url = (min: number, max: number) => fc.stringMatching(new RegExp(`^[A-Za-z0-9_-]{${min},${max}}$`));
const jwt = fc.tuple(b64url(10, 40), b64url(10, 60), b64url(20, 50)).map(([h, p, s]) => `eyJ${h}.${p}.${s}`);
const opaque = fc.stringMatching(/^[A-Za-z0-9]{16,40}$/);
const text = fc.string({ maxLength: 40 });

/** A secret, and the line it hides in, as it shows up in logs, messages and bodies. */
const embedded = fc.oneof(
  jwt.map((s) => [s, `jwt_token ${s}`] as const),
  opaque.map((s) => [s, `Authorization: Bearer ${s}`] as const),
  opaque.map((s) => [s, `POST body: grant_type=client_credentials&client_secret=${s}&scope=openid`] as const),
  opaque.map((s) => [s, `{"clientSecret": "${s}", "title": "Brand Portal"}`] as const),
  opaque.map((s) => [`p8e-${s}`, `secret p8e-${s} given`] as const),
  opaque.map((s) => [s, `-----BEGIN PRIVATE KEY-----\n${s}\n-----END PRIVATE KEY-----`] as const),
  opaque.map((s) => [s, `keystorePass=${s}`] as const),
);

test('property: a secret embedded in random text never survives scrubbing', () => {
  fc.assert(
    fc.property(embedded, text, text, ([secret, line], before, after) => {
      const out = scrubText(`${before} ${line} ${after}`);
      return !out.includes(secret) && out.includes(MASK);
    }),
    { numRuns: 400 },
  );
});

test('property: text without secrets is left as it is', () => {
  fc.assert(fc.property(fc.stringMatching(/^[a-zA-Z ,.]{0,80}$/), (plain) => scrubText(plain) === plain));
});

test('the examples from the field: an agent log and a health message', () => {
  const log =
    'Sending POST request to https://acme.brand-portal.adobe.com/bin/receive\nAuthorization: Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJlLXZhbHVl\nHTTP/1.1 200 OK';
  expect(scrubText(log)).toBe(
    'Sending POST request to https://acme.brand-portal.adobe.com/bin/receive\nAuthorization: Bearer [masked]\nHTTP/1.1 200 OK',
  );
  expect(scrubText('AccessTokenProvider failed: client_secret=abcd1234efgh was refused')).toBe(
    'AccessTokenProvider failed: client_secret=[masked] was refused',
  );
});

test('reports: by key, by shape, and inside every string', () => {
  expect(
    maskSecrets({ clientSecret: 'x1', nested: [{ message: 'token: eyJabcdefgh.ijklmnopq.rstuvwxyz' }], title: 'Brand Portal' }),
  ).toEqual({ clientSecret: MASK, nested: [{ message: 'token: [masked]' }], title: 'Brand Portal' });
});

test('known secrets and descriptions', () => {
  expect(maskValue('echo s3cret-value back', 's3cret-value')).toBe('echo [masked] back');
  // A short value such as AEM's default password is an ordinary word: text that is not secret stays as it is.
  expect(maskValue('/libs/cq/adobeims-configuration/components/admin/datasources', 'admin')).toBe(
    '/libs/cq/adobeims-configuration/components/admin/datasources',
  );
  expect(describeSecret('p8e-abcdefghijklmnop1234')).toBe('•••• (24 characters)');
});

test("AEM's token-provider settings are not secrets; the client secret beside them still is", () => {
  const provider = {
    'auth.token.provider.title': 'Brand Portal',
    'auth.token.provider.client.id': 'abc123',
    'auth.access.token.request': 'https://ims-na1.adobelogin.com/ims/token/v3',
    'token.request.customizer.type': 'x-1',
    accessTokenProviderName: 'x-1',
    'auth.ims.client.secret': 'p8e-abcdefgh',
    'auth.token.provider.client.secret': 'plain-secret-value',
    access_token: 'eyJhbGciOi.abcdefgh.ijklmnop',
  };
  expect(maskSecrets(provider)).toEqual({
    ...provider,
    'auth.ims.client.secret': MASK,
    'auth.token.provider.client.secret': MASK,
    access_token: MASK,
  });
});
