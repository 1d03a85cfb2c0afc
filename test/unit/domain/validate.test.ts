/** IMS field validators [contract: Credential formats]: table tests for the known shapes, properties for the rest. */
import fc from 'fast-check';
import {
  validateAuthServer,
  validateClientId,
  validateClientSecret,
  validateJwtPayload,
  validateKeyAlias,
  validateNewKeystorePassword,
  validateOrgId,
  validateScopes,
  validateTechnicalAccountId,
  validateTitle,
  type Verdict,
} from '../../../core/domain/validate';

const ORG = '0123456789ABCDEF01234567@AdobeOrg';
const TECH = '89ABCDEF0123456789ABCDEF@techacct.adobe.com';
const CLIENT = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
const NOW = Date.UTC(2026, 10, 25);
const kind = (v: Verdict) => (v.error ? 'error' : v.warning ? 'warning' : 'ok');

describe.each<[string, (v: string) => Verdict, [string, 'ok' | 'warning' | 'error'][]]>([
  [
    'orgId',
    validateOrgId,
    [
      [ORG, 'ok'],
      [` ${ORG} `, 'ok'],
      ['abc@AdobeOrg', 'warning'],
      ['0123456789ABCDEF01234567', 'error'],
      ['', 'error'],
      ['x@adobeorg', 'error'],
      ['a b@AdobeOrg', 'error'],
    ],
  ],
  [
    'technicalAccountId',
    validateTechnicalAccountId,
    [
      [TECH, 'ok'],
      ['abc@techacct.adobe.com', 'warning'],
      ['someone@adobe.com', 'error'],
      ['', 'error'],
      [ORG, 'error'],
    ],
  ],
  [
    'clientId',
    validateClientId,
    [
      [CLIENT, 'ok'],
      ['ABC123', 'warning'],
      ['has space', 'error'],
      ['not-a-client-id', 'error'],
      ['', 'error'],
    ],
  ],
  [
    'clientSecret',
    validateClientSecret,
    [
      ['p8e-anything', 'ok'],
      ['no-prefix-is-fine', 'ok'],
      ['', 'error'],
      [' padded', 'error'],
    ],
  ],
  [
    'authServerUrl',
    validateAuthServer,
    [
      ['https://ims-na1.adobelogin.com', 'ok'],
      ['https://ims-na1.adobelogin.com/', 'ok'],
      ['https://ims-na1-stg1.adobelogin.com', 'warning'],
      ['http://ims-na1.adobelogin.com', 'error'],
      ['https://ims-na1.adobelogin.com/ims/token', 'error'],
      ['ims-na1.adobelogin.com', 'error'],
    ],
  ],
  [
    'scopes',
    validateScopes,
    [
      ['openid,AdobeID', 'ok'],
      ['openid AdobeID, read_organizations', 'ok'],
      ['', 'error'],
      ['openid,<b>', 'error'],
    ],
  ],
  [
    'title',
    validateTitle,
    [
      ['Brand Portal', 'ok'],
      ['  ', 'error'],
      ['x'.repeat(201), 'error'],
    ],
  ],
])('%s', (_name, validate, rows) => {
  test.each(rows)('%j → %s', (value, expected) => expect(kind(validate(value))).toBe(expected));
});

test('the org id message says how to fix it', () => {
  expect(validateOrgId('0123456789ABCDEF01234567').error).toContain('must end with @AdobeOrg');
});

test('key alias: shape, and must be in the keystore when the list is known', () => {
  expect(kind(validateKeyAlias('bp'))).toBe('ok');
  expect(kind(validateKeyAlias('bad alias'))).toBe('error');
  expect(validateKeyAlias('missing', ['bp']).error).toContain('No certificate with the alias "missing"');
});

test('keystore password: length and repeat', () => {
  expect(kind(validateNewKeystorePassword('secret1', 'secret1'))).toBe('ok');
  expect(validateNewKeystorePassword('abc', 'abc').error).toContain('at least 6');
  expect(validateNewKeystorePassword('secret1', 'secret2').error).toContain('differ');
});

describe('JWT payload [contract: Migrating JWT to OAuth]: each wrong claim is named with its fix', () => {
  const good = {
    exp: Math.floor(NOW / 1000) + 3600,
    iss: ORG,
    sub: TECH,
    'https://ims-na1.adobelogin.com/s/ent_brand_portal_sdk': true,
    aud: `https://ims-na1.adobelogin.com/c/${CLIENT}`,
  };
  const ctx = { orgId: ORG, technicalAccountId: TECH, clientId: CLIENT, now: NOW };
  const check = (claims: unknown, c = ctx) => validateJwtPayload(typeof claims === 'string' ? claims : JSON.stringify(claims), c);

  test('a good payload passes', () => expect(check(good)).toEqual({}));
  test.each<[string, unknown, string]>([
    ['not JSON', '{"exp":', 'not valid JSON'],
    ['an array', [1], 'JSON object'],
    ['exp as text', { ...good, exp: '123' }, 'Claim "exp" must be a whole number'],
    ['exp in the past', { ...good, exp: Math.floor(NOW / 1000) - 1 }, 'Claim "exp" is in the past'],
    ['iss of another org', { ...good, iss: 'FFFFFFFFFFFFFFFFFFFFFFFF@AdobeOrg' }, 'Claim "iss"'],
    ['iss malformed', { ...good, iss: 'nope' }, 'Claim "iss" must be your organization ID'],
    ['sub of another account', { ...good, sub: 'FFFFFFFFFFFFFFFFFFFFFFFF@techacct.adobe.com' }, 'Claim "sub"'],
    ['aud of another client', { ...good, aud: 'https://ims-na1.adobelogin.com/c/other' }, 'Claim "aud" must end with the client ID'],
    ['aud malformed', { ...good, aud: 'x' }, 'Claim "aud" must look like'],
    ['no metascope', { exp: good.exp, iss: ORG, sub: TECH, aud: good.aud }, 'Brand Portal metascope is missing'],
    [
      'Target metascope only',
      { exp: good.exp, iss: ORG, sub: TECH, aud: good.aud, 'https://ims-na1.adobelogin.com/s/ent_marketing_sdk': true },
      'Brand Portal metascope is missing',
    ],
    ['metascope false', { ...good, 'https://ims-na1.adobelogin.com/s/ent_brand_portal_sdk': false }, 'must be true'],
  ])('%s', (_label, claims, text) => expect(check(claims).error).toContain(text));

  test('without the form context, shape rules still apply', () => expect(check(good, { now: NOW } as typeof ctx)).toEqual({}));
});

describe('properties: never throw, never accept a wrong shape', () => {
  const all = [
    validateOrgId,
    validateTechnicalAccountId,
    validateClientId,
    validateClientSecret,
    validateAuthServer,
    validateScopes,
    validateTitle,
    (v: string) => validateKeyAlias(v),
    (v: string) => validateJwtPayload(v),
  ];

  test('no validator throws on any string', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (s) => all.every((v) => typeof v(s) === 'object')));
  });

  test('an accepted org id always ends with @AdobeOrg and has no spaces inside', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.stringMatching(/^[A-Za-z0-9]{0,30}@AdobeOr?g?$/)), (s) => {
        const v = validateOrgId(s);
        return Boolean(v.error) || /^[A-Za-z0-9]+@AdobeOrg$/.test(s.trim());
      }),
    );
  });

  test('an accepted technical account id always ends with @techacct.adobe.com', () => {
    fc.assert(fc.property(fc.string(), (s) => Boolean(validateTechnicalAccountId(s).error) || s.trim().endsWith('@techacct.adobe.com')));
  });

  test('every 24-hex org id is accepted without warning', () => {
    fc.assert(fc.property(fc.stringMatching(/^[0-9A-F]{24}$/), (hex) => kind(validateOrgId(`${hex}@AdobeOrg`)) === 'ok'));
  });

  test('an accepted authorization server is always https without a path', () => {
    fc.assert(
      fc.property(fc.webUrl({ withQueryParameters: true, withFragments: true }), (url) => {
        const v = validateAuthServer(url);
        if (v.error) return true;
        const u = new URL(url);
        return u.protocol === 'https:' && (u.pathname === '/' || u.pathname === '') && !u.search && !u.hash;
      }),
    );
  });

  test('a payload whose exp is in the past is never accepted', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Math.floor(NOW / 1000) }), (exp) =>
        Boolean(
          validateJwtPayload(JSON.stringify({ exp, iss: ORG, sub: TECH, aud: `x/c/${CLIENT}`, 'x/s/ent_brand_portal_sdk': true }), {
            now: NOW,
          }).error,
        ),
      ),
    );
  });
});
