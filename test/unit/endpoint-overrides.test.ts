/**
 * Address overrides from the settings node: applied when they are plain absolute paths, refused
 * otherwise; and the request timeout an admin may set there, taken only within its range.
 */
import { ENDPOINTS, applyEndpointOverrides, isRequestable, resetEndpointOverrides } from '../../core/contract/endpoints';
import { readSettings } from '../../core/aem/settings-client';
import { fakeAem, json } from '../helpers/fake-aem';

afterEach(() => resetEndpointOverrides());

test('a plain path replaces the address; the shipped one stays known', () => {
  expect(applyEndpointOverrides({ publicKey: '/libs/granite/security/public-key.crt', 'jcr:primaryType': 'nt:unstructured' })).toEqual({
    applied: ['publicKey'],
    refused: [],
  });
  expect(ENDPOINTS.publicKey.path).toBe('/libs/granite/security/public-key.crt');
  expect(ENDPOINTS.publicKey.defaultPath).toBe('/apps/bpsetup/unverified/public-key.crt');
  resetEndpointOverrides();
  expect(ENDPOINTS.publicKey.path).toBe('/apps/bpsetup/unverified/public-key.crt');
});

test('an UNKNOWN address is requested only while an override names it, even its shipped one', () => {
  expect(isRequestable(ENDPOINTS.publicKey)).toBe(false);
  expect(isRequestable(ENDPOINTS.checkHealth)).toBe(true);
  expect(applyEndpointOverrides({ publicKey: ENDPOINTS.publicKey.defaultPath })).toEqual({ applied: [], refused: [] });
  expect(isRequestable(ENDPOINTS.publicKey)).toBe(true);
  resetEndpointOverrides();
  expect(isRequestable(ENDPOINTS.publicKey)).toBe(false);
  expect(applyEndpointOverrides({ publicKey: 'https://elsewhere.example/x' }).refused).toEqual(['publicKey']);
  expect(isRequestable(ENDPOINTS.publicKey)).toBe(false);
});

test.each([
  ['https://evil.example/x'],
  ['//evil.example/x'],
  ['/apps/../etc/passwd'],
  ['/apps/./x'],
  ['relative/path'],
  ['/a b'],
  ['/x?y=1'],
  [''],
  [42],
  [null],
])('%p is refused', (value) => {
  expect(applyEndpointOverrides({ publicKey: value })).toEqual({ applied: [], refused: ['publicKey'] });
  expect(ENDPOINTS.publicKey.path).toBe(ENDPOINTS.publicKey.defaultPath);
});

test('keys that name no endpoint are other settings, not errors', () => {
  expect(applyEndpointOverrides({ somethingElse: '/x', __proto__: '/y' } as Record<string, unknown>)).toEqual({ applied: [], refused: [] });
});

describe('requestTimeoutSeconds in the settings', () => {
  const settingsWith = (value: unknown) => fakeAem({ 'GET /conf/bpsetup/settings.1.json': () => json({ requestTimeoutSeconds: value }) });

  test.each([
    ['2', 2],
    [90, 90],
    ['600', 600],
    ['0', undefined],
    ['601', undefined],
    ['1.5', undefined],
    ['ten', undefined],
    [null, undefined],
  ])('%p reads as %p', async (value, expected) => {
    settingsWith(value);
    expect((await readSettings()).requestTimeoutSeconds).toBe(expected);
  });
});
