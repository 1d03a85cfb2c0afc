/**
 * Address overrides from the settings node: applied when they are plain absolute paths, refused
 * otherwise; and the request timeout an admin may set there, taken only within its range.
 */
import { ENDPOINTS, isRequestable, withOverrides } from '../../../core/contract/endpoints';
import { readSettings } from '../../../core/aem/settings-client';
import { createAemSession } from '../../../core/aem/session';
import { browserTransport } from '../../../ui.frontend/src/app/browser-transport';
import { fakeAem, json } from '../../helpers/fake-aem';

test('a plain path replaces the address in a new map; the shipped map and address stay as they were', () => {
  const { endpoints, applied, refused } = withOverrides({
    publicKey: '/libs/granite/security/public-key.crt',
    'jcr:primaryType': 'nt:unstructured',
  });
  expect({ applied, refused }).toEqual({ applied: ['publicKey'], refused: [] });
  expect(endpoints.publicKey.path).toBe('/libs/granite/security/public-key.crt');
  expect(endpoints.publicKey.defaultPath).toBe('/apps/bpsetup/unverified/public-key.crt');
  expect(endpoints.publicKey.key).toBe('publicKey');
  expect(ENDPOINTS.publicKey.path).toBe('/apps/bpsetup/unverified/public-key.crt');
  // Frozen: nobody changes a map in place, the shipped one least of all.
  expect(Object.isFrozen(endpoints) && Object.isFrozen(endpoints.publicKey) && Object.isFrozen(ENDPOINTS.publicKey)).toBe(true);
  expect(() => ((ENDPOINTS.publicKey as { path: string }).path = '/x')).toThrow(TypeError);
});

test('overrides replace earlier ones: each map is made from the shipped one', () => {
  const session = createAemSession({ transport: browserTransport });
  expect(session.useOverrides({ productInfo: '/a/one.json' })).toBe(true);
  expect(session.endpoints.productInfo.path).toBe('/a/one.json');
  expect(session.useOverrides({ productInfo: '/a/one.json' })).toBe(false); // the same settings change nothing
  expect(session.useOverrides({ agentsRoot: '/etc/other' })).toBe(true);
  expect(session.endpoints.productInfo.path).toBe(ENDPOINTS.productInfo.path);
  expect(session.endpoints.agentsRoot.path).toBe('/etc/other');
  expect(session.overrides).toEqual({ applied: ['agentsRoot'], refused: [] });
  expect(createAemSession({ transport: browserTransport }).endpoints).toBe(ENDPOINTS); // another session is not touched
});

test('an UNKNOWN address is requested only while an override names it, even its shipped one', () => {
  expect(isRequestable(ENDPOINTS.publicKey)).toBe(false);
  expect(isRequestable(ENDPOINTS.checkHealth)).toBe(true);
  const same = withOverrides({ publicKey: ENDPOINTS.publicKey.defaultPath });
  expect({ applied: same.applied, refused: same.refused }).toEqual({ applied: [], refused: [] });
  expect(isRequestable(same.endpoints.publicKey)).toBe(true);
  expect(isRequestable(ENDPOINTS.publicKey)).toBe(false);
  const elsewhere = withOverrides({ publicKey: 'https://elsewhere.example/x' });
  expect(elsewhere.refused).toEqual(['publicKey']);
  expect(isRequestable(elsewhere.endpoints.publicKey)).toBe(false);
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
  const { endpoints, applied, refused } = withOverrides({ publicKey: value });
  expect({ applied, refused }).toEqual({ applied: [], refused: ['publicKey'] });
  expect(endpoints.publicKey.path).toBe(ENDPOINTS.publicKey.defaultPath);
});

test('keys that name no endpoint are other settings, not errors', () => {
  const { applied, refused } = withOverrides({ somethingElse: '/x', __proto__: '/y' } as Record<string, unknown>);
  expect({ applied, refused }).toEqual({ applied: [], refused: [] });
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
    expect((await readSettings(createAemSession({ transport: browserTransport }))).requestTimeoutSeconds).toBe(expected);
  });
});
