/** Tenant URL validation [contract: Credential formats]: table and property-based tests. */
import fc from 'fast-check';
import { addressOf, tenantAddress, validateTenantUrl } from '../../../core/domain/tenant';

test.each<[string, { error?: RegExp; warning?: RegExp; normalised?: string; tenant?: string }]>([
  ['https://acme.brand-portal.adobe.com', { normalised: 'https://acme.brand-portal.adobe.com', tenant: 'acme' }],
  ['https://ACME.Brand-Portal.adobe.com/', { normalised: 'https://acme.brand-portal.adobe.com', tenant: 'acme' }],
  ['  https://acme.brand-portal.adobe.com  ', { normalised: 'https://acme.brand-portal.adobe.com' }],
  ['acme.brand-portal.adobe.com', { normalised: 'https://acme.brand-portal.adobe.com', warning: /https:\/\/ was added/ }],
  [
    'https://acme.beta-brand-portal.adobe.com',
    { normalised: 'https://acme.beta-brand-portal.adobe.com', warning: /not a \*\.brand-portal\.adobe\.com/ },
  ],
  ['http://acme.brand-portal.adobe.com', { error: /must use https/ }],
  ['https://acme.brand-portal.adobe.com/assets', { error: /without a path/ }],
  ['https://acme.brand-portal.adobe.com/?x=1', { error: /without a path/ }],
  ['https://acme.brand-portal.adobe.com#frag', { error: /without a path/ }],
  ['https://user:pw@acme.brand-portal.adobe.com', { error: /user name or password/ }],
  ['https://acme.brand-portal.adobe.com:8443', { error: /port/ }],
  ['', { error: /Enter the Brand Portal address/ }],
  ['https://', { error: /not a web address/ }],
])('%j', (input, expected) => {
  const v = validateTenantUrl(input);
  if (expected.error) expect(v.error).toMatch(expected.error);
  else expect(v.error).toBeUndefined();
  if (expected.warning) expect(v.warning).toMatch(expected.warning);
  if (expected.normalised) expect(v.normalised).toBe(expected.normalised);
  if (expected.tenant) expect(v.tenant).toBe(expected.tenant);
});

test('never throws; whatever is accepted is a bare https origin', () => {
  fc.assert(
    fc.property(fc.oneof(fc.string(), fc.webUrl({ withQueryParameters: true, withFragments: true }), fc.domain()), (s) => {
      const v = validateTenantUrl(s);
      if (v.error) return v.normalised === undefined;
      const u = new URL(v.normalised as string);
      return u.protocol === 'https:' && u.origin === v.normalised && !u.port && v.tenant === u.hostname.split('.')[0];
    }),
  );
});

test('every <label>.brand-portal.adobe.com is accepted without warning', () => {
  fc.assert(
    fc.property(fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,20}$/), (label) => {
      const v = validateTenantUrl(`https://${label}.brand-portal.adobe.com`);
      return !v.error && !v.warning && v.tenant === label;
    }),
  );
});

test('a tenant address is made once from the verdict: normalised, with its id; nothing when unusable', () => {
  expect(tenantAddress(' https://Acme.Brand-Portal.Adobe.com/ ')).toEqual({ url: 'https://acme.brand-portal.adobe.com', tenant: 'acme' });
  expect(addressOf(validateTenantUrl('acme.brand-portal.adobe.com'))).toEqual({
    url: 'https://acme.brand-portal.adobe.com',
    tenant: 'acme',
  });
  expect(tenantAddress('http://acme.brand-portal.adobe.com')).toBeUndefined();
  expect(tenantAddress('')).toBeUndefined();
});
