/** Address overrides from the settings node: applied when they are plain absolute paths, refused otherwise. */
import { ENDPOINTS, applyEndpointOverrides, resetEndpointOverrides } from '../../ui.frontend/src/aem/endpoints';

afterEach(() => resetEndpointOverrides());

test('a plain path replaces the address; the shipped one stays known', () => {
  expect(
    applyEndpointOverrides({ checkHealth: '/libs/cq/adobeims-configuration/health.json', 'jcr:primaryType': 'nt:unstructured' }),
  ).toEqual({ applied: ['checkHealth'], refused: [] });
  expect(ENDPOINTS.checkHealth.path).toBe('/libs/cq/adobeims-configuration/health.json');
  expect(ENDPOINTS.checkHealth.defaultPath).toBe('/apps/bpsetup/unverified/check-health.json');
  resetEndpointOverrides();
  expect(ENDPOINTS.checkHealth.path).toBe('/apps/bpsetup/unverified/check-health.json');
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
