/**
 * Overrides apply only while the settings are proven writable by administrators alone: the rule
 * the package installs passes; a missing, extended, reordered or restricted rule, a list of the
 * endpoints node's own, or a rule that cannot be read refuses every override, and nothing is sent
 * to the address it names. The settings and the rule can never be overridden themselves.
 */
import { ENDPOINTS, withOverrides } from '../../../core/contract/endpoints';
import { type AemSession, createAemSession } from '../../../core/aem/session';
import { browserTransport } from '../../../ui.frontend/src/app/browser-transport';
import { readSettings } from '../../../core/aem/settings-client';
import { proveSettingsGuarded } from '../../../core/aem/settings-guard';
import { isAdministratorsOnlyRule } from '../../../core/domain/access-rule';
import { fakeAem, json, packagedSettingsRule } from '../../helpers/fake-aem';

let session: AemSession;
beforeEach(() => {
  session = createAemSession({ transport: browserTransport });
});

const RULE_URL = 'GET /conf/bpsetup/rep:policy.1.json';
const WRITERS_URL = 'GET /apps/bpsetup/settings-writers.json';
const packaged = async () => (await (packagedSettingsRule()[RULE_URL] as () => Response)()).json() as Promise<Record<string, unknown>>;
const settings = { endpoints: { imsConfigList: '/content/attacker/list.1.json' } };

test('the packaged rule is proof, and overrides apply', async () => {
  expect(isAdministratorsOnlyRule(await packaged())).toBe(true);
  fakeAem({ ...packagedSettingsRule(), 'GET /conf/bpsetup/settings.1.json': () => json(settings) });
  const read = await readSettings(session, proveSettingsGuarded);
  expect(read.endpointOverrides).toEqual(settings.endpoints);
  expect(read.unguarded).toBeUndefined();
});

test.each([
  [
    'an extra grant for another group',
    (r: Record<string, unknown>) => ({ ...r, allow0: { ...(r.allow as object), 'rep:principalName': 'conf-writers' } }),
  ],
  ['the grant before the deny', (r: Record<string, unknown>) => ({ 'jcr:primaryType': 'rep:ACL', allow: r.allow, deny: r.deny })],
  ['a deny restricted by rep:glob', (r: Record<string, unknown>) => ({ ...r, deny: { ...(r.deny as object), 'rep:glob': '/nothing' } })],
  [
    'a deny that leaves the rule changeable',
    (r: Record<string, unknown>) => ({ ...r, deny: { ...(r.deny as object), 'rep:privileges': ['rep:write'] } }),
  ],
  ['no entries', () => ({ 'jcr:primaryType': 'rep:ACL' })],
  ['not an access list', () => ({ 'jcr:primaryType': 'nt:unstructured' })],
])('%s is no proof: no override applies', async (_name, change) => {
  const rule = change(await packaged());
  expect(isAdministratorsOnlyRule(rule)).toBe(false);
  fakeAem({ ...packagedSettingsRule(), [RULE_URL]: () => json(rule), 'GET /conf/bpsetup/settings.1.json': () => json(settings) });
  expect(await readSettings(session, proveSettingsGuarded)).toMatchObject({
    endpointOverrides: {},
    unguarded: { keys: ['imsConfigList'], why: 'rule-missing' },
  });
});

test('a missing rule, a list of the endpoints node, or an unreadable rule: nothing applies, and why is said', async () => {
  const cases: [Record<string, () => Response>, string][] = [
    [{ [RULE_URL]: () => new Response('', { status: 404 }) }, 'rule-missing'],
    [{ 'GET /conf/bpsetup/settings/endpoints.1.json': () => json({ 'rep:policy': { 'jcr:primaryType': 'rep:ACL' } }) }, 'rule-missing'],
    [{ [RULE_URL]: () => new Response('boom', { status: 500 }) }, 'rule-unreadable'],
    // An older package without the settings-writers read, or not an administrator: who may write is not proven.
    [{ [WRITERS_URL]: () => new Response('', { status: 404 }) }, 'rule-unreadable'],
    [{ [WRITERS_URL]: () => json({ error: 'not-administrator' }, 403) }, 'rule-unreadable'],
    [{ [WRITERS_URL]: () => json({ entries: [{ principal: 'x' }] }) }, 'rule-unreadable'],
  ];
  for (const [routes, why] of cases) {
    const aem = fakeAem({ ...packagedSettingsRule(), ...routes, 'GET /conf/bpsetup/settings.1.json': () => json(settings) });
    expect(await readSettings(session, proveSettingsGuarded)).toMatchObject({ endpointOverrides: {}, unguarded: { why } });
    expect(aem.calls.map((c) => c.url)).not.toContainEqual(expect.stringContaining('attacker'));
  }
});

test('without overrides, no rule is read: a plain visit costs one request for the settings', async () => {
  const aem = fakeAem({ 'GET /conf/bpsetup/settings.1.json': () => json({ brandPortalImsConfig: 'pid-1' }) });
  expect(await readSettings(session, proveSettingsGuarded)).toEqual({
    markedImsConfig: 'pid-1',
    endpointOverrides: {},
    requestTimeoutSeconds: undefined,
  });
  expect(aem.calls).toHaveLength(1);
});

test('without a guard (the proof not at hand), overrides are found but not applied', async () => {
  const aem = fakeAem({ ...packagedSettingsRule(), 'GET /conf/bpsetup/settings.1.json': () => json(settings) });
  expect(await readSettings(session)).toMatchObject({
    endpointOverrides: {},
    unguarded: { keys: ['imsConfigList'], why: 'rule-unreadable' },
  });
  expect(aem.calls).toHaveLength(1);
});

test('the settings, the rule and the secret-bearing write can never be overridden', () => {
  const { refused, endpoints } = withOverrides({ settings: '/tmp/x', settingsAccessRule: '/tmp/y', imsConfigUpdate: '/tmp/z' });
  expect(refused.sort()).toEqual(['imsConfigUpdate', 'settings', 'settingsAccessRule']);
  expect(endpoints.settingsAccessRule.path).toBe('/conf/bpsetup/rep:policy');
  expect(endpoints.imsConfigUpdate).toEqual(ENDPOINTS.imsConfigUpdate);
});

test("a user's own grant to write above the rule (Oak applies it before the deny for everyone): nothing applies, and who is said", async () => {
  const entries = async () => ((await (packagedSettingsRule()[WRITERS_URL] as () => Response)().json()) as { entries: unknown[] }).entries;
  const own = (principal: string, group: boolean | null, privileges = ['rep:write']) => ({
    path: '/conf',
    principal,
    group,
    allow: true,
    privileges,
  });
  const cases: [unknown[], string[]][] = [
    [[own('conf-editor', false)], ['conf-editor (/conf)']],
    [[own('sso-user', null, ['jcr:modifyAccessControl'])], ['sso-user (/conf)']],
    // A group's grant above the rule is stopped by its deny for everyone; reading is not writing.
    [[own('conf-writers', true), own('reader', false, ['jcr:read'])], []],
  ];
  for (const [extra, writers] of cases) {
    fakeAem({
      ...packagedSettingsRule(),
      [WRITERS_URL]: async () => json({ entries: [...(await entries()), ...extra] }),
      'GET /conf/bpsetup/settings.1.json': () => json(settings),
    });
    const read = await readSettings(session, proveSettingsGuarded);
    if (writers.length)
      expect(read).toMatchObject({ endpointOverrides: {}, unguarded: { keys: ['imsConfigList'], why: 'other-writers', writers } });
    else expect([read.endpointOverrides, read.unguarded]).toEqual([settings.endpoints, undefined]);
  }
});
