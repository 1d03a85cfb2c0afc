/** Where the setup stands, derived from what AEM returned (issue: "resumes where setup stands"). */
import { deriveSetupState, type SetupFacts } from '../../../core/domain/state';
import type { ImsConfig } from '../../../core/domain/types';
import {
  developerConsoleFlowSupported,
  displayVersion,
  isLts,
  oauthSupport,
  parseVersion,
  versionFromProductInfo,
} from '../../../core/domain/version';

const oauthConfig = (id: string, title = 'Brand Portal'): ImsConfig => ({
  id,
  name: id,
  pid: `com.adobe.granite.auth.oauth.accesstoken.provider.${id}`,
  file: `x.${id}.config`,
  title,
  clientId: 'c',
  authType: 'oauth',
});
const statusOf = (f: SetupFacts) => Object.fromEntries(deriveSetupState(f).steps.map((s) => [s.id, s.status]));

test.each<[string, string, boolean]>([
  ['6.5.21.0', 'native', true],
  ['6.5.20.0', 'withHotfix', true],
  ['6.5.11.0', 'withHotfix', true],
  ['6.5.10.0', 'unsupported', true],
  ['6.5.3.0', 'unsupported', false],
  ['6.4.8.0', 'unsupported', true],
  ['6.3.3.8', 'unsupported', true],
  ['6.3.2.0', 'unsupported', false],
])('AEM %s: OAuth %s, Developer Console flow %s', (v, oauth, flow) => {
  const version = parseVersion(v);
  if (!version) throw new Error('unparsed');
  expect(oauthSupport(version)).toBe(oauth);
  expect(developerConsoleFlowSupported(version)).toBe(flow);
});

test('empty AEM on 6.5.21: prerequisites done, OAuth chosen, IMS to do', () => {
  expect(statusOf({ version: '6.5.21.0', imsConfigs: [] })).toEqual({
    prerequisites: 'done',
    certificate: 'notNeeded',
    developerConsole: 'todo',
    imsAccount: 'todo',
    health: 'todo',
    brandPortal: 'todo',
  });
  expect(deriveSetupState({ version: '6.5.21.0', imsConfigs: [] }).authType).toBe('oauth');
});

test('AEM without OAuth: a blocker (JWT no longer works); the legacy JWT choice needs a certificate; too old: error', () => {
  const blocked = deriveSetupState({ version: '6.5.5.0', imsConfigs: [], keystore: { exists: false, aliases: [] } });
  expect(blocked.oauthAvailable).toBe(false);
  expect(blocked.steps[0]).toMatchObject({ status: 'error', summary: expect.stringContaining('JWT no longer works') });
  const s = deriveSetupState({ version: '6.5.5.0', imsConfigs: [], keystore: { exists: false, aliases: [] }, chosenAuthType: 'jwt' });
  expect(s.authType).toBe('jwt');
  expect(s.steps.find((x) => x.id === 'certificate')?.status).toBe('todo');
  expect(deriveSetupState({ version: '6.5.17.0', imsConfigs: [] }).steps[0].status).toBe('error');
  expect(deriveSetupState({ version: '6.5.17.0', imsConfigs: [], hotfixConfirmed: true }).steps[0].status).toBe('done');
  expect(statusOf({ version: '6.5.2.0', imsConfigs: [] }).prerequisites).toBe('error');
});

test('unknown version: a warning asking the admin to state it', () => {
  const s = deriveSetupState({ versionUnavailable: true, imsConfigs: [] });
  expect(s.steps[0]).toMatchObject({ status: 'warning', summary: expect.stringContaining('state it below') });
});

test('a JWT configuration is an error on the page as in the whole-setup check: Adobe switched JWT off', () => {
  const jwt = { ...oauthConfig('j'), authType: 'jwt' as const };
  const s = deriveSetupState({ version: '6.5.21.0', imsConfigs: [jwt] });
  expect(s.steps.find((x) => x.id === 'imsAccount')).toMatchObject({ status: 'error', summary: expect.stringContaining('switched off') });
});

test('one Brand Portal config is active; others are ignored; two are a warning', () => {
  const one = deriveSetupState({ version: '6.5.21.0', imsConfigs: [oauthConfig('a'), oauthConfig('b', 'Adobe Stock')] });
  expect(one.active?.id).toBe('a');
  expect(one.steps.find((s) => s.id === 'imsAccount')?.status).toBe('done');
  const two = deriveSetupState({ version: '6.5.21.0', imsConfigs: [oauthConfig('a'), oauthConfig('b', 'brand portal 2')] });
  expect(two.active).toBeUndefined();
  expect(two.steps.find((s) => s.id === 'imsAccount')).toMatchObject({
    status: 'warning',
    summary: expect.stringContaining('2 Brand Portal IMS configurations'),
  });
});

test("a JWT config is Brand Portal's by its metascope claim, whatever its title", () => {
  const jwt: ImsConfig = {
    ...oauthConfig('j', 'Assets'),
    authType: 'jwt',
    defaultClaims: ['"https://ims-na1.adobelogin.com/s/ent_brand_portal_sdk": true'],
  };
  expect(deriveSetupState({ version: '6.5.21.0', imsConfigs: [jwt] }).active?.id).toBe('j');
});

test("health: only the active config's result counts", () => {
  const base = { version: '6.5.21.0', imsConfigs: [oauthConfig('a')] };
  expect(statusOf({ ...base, health: { id: 'a', title: 'Brand Portal', healthy: true, message: 'ok' } }).health).toBe('done');
  expect(statusOf({ ...base, health: { id: 'a', title: 'Brand Portal', healthy: false, message: 'x' } }).health).toBe('error');
  expect(statusOf({ ...base, health: { id: 'other', title: '', healthy: true, message: '' } }).health).toBe('untested');
});

test('certificate expiry drives the certificate step for JWT', () => {
  const day = 86400000;
  const ks = (days: number) => ({
    exists: true,
    aliases: [
      {
        alias: 'bp',
        entryType: 'privateKey',
        algorithm: 'RSA',
        format: 'PKCS#8',
        chain: [{ subject: '', issuer: '', notBefore: '', serialNumber: '', notAfter: new Date(Date.now() + days * day).toISOString() }],
      },
    ],
  });
  const status = (days: number) => statusOf({ version: '6.5.5.0', imsConfigs: [], keystore: ks(days), chosenAuthType: 'jwt' }).certificate;
  expect(status(200)).toBe('done');
  expect(status(10)).toBe('warning');
  expect(status(-1)).toBe('error');
});

test('health on an AEM without a Check Health the page can run: not green until an agent connects', () => {
  const base = { version: '6.5.21.0', imsConfigs: [oauthConfig('a')], healthUnavailable: true };
  const unproven = deriveSetupState(base);
  // Nothing failed yet: not tested; a warning only once the agents were tested and none connected.
  expect(unproven.steps.find((s) => s.id === 'health')?.status).toBe('untested');
  expect(unproven.tokenProven).toBe(false);
  const failed = deriveSetupState({
    ...base,
    agentTests: [{ name: 'mp_replication_agent0_default_acme', succeeded: false, status: 200, log: '' }],
  });
  expect(failed.steps.find((s) => s.id === 'health')?.status).toBe('warning');
  const proven = deriveSetupState({
    ...base,
    agentTests: [{ name: 'mp_replication_agent0_default_acme', succeeded: true, status: 200, log: '' }],
  });
  expect(proven.steps.find((s) => s.id === 'health')).toMatchObject({
    status: 'done',
    summary: expect.stringContaining('Test Connection succeeded'),
  });
  expect(proven.tokenProven).toBe(true);
});

test("every IMS configuration counts: the admin's mark picks one, the cloud service's reference decides", () => {
  const configs = [oauthConfig('a', 'Analytics'), oauthConfig('b', 'Assets OAuth')];
  expect(deriveSetupState({ version: '6.5.21.0', imsConfigs: configs }).active).toBeUndefined();
  const marked = deriveSetupState({ version: '6.5.21.0', imsConfigs: configs, markedImsConfig: configs[1].pid });
  expect(marked).toMatchObject({ active: { id: 'b' }, brandPortalChoice: 'marked' });
  const referenced = deriveSetupState({
    version: '6.5.21.0',
    imsConfigs: configs,
    markedImsConfig: configs[1].pid,
    referencedImsIds: ['a'],
  });
  expect(referenced).toMatchObject({ active: { id: 'a' }, brandPortalChoice: 'referenced' });
});

test('a configured setup not tested since the page opened is "configured, not tested yet", never to do', () => {
  const TENANT_URL = 'https://acme.brand-portal.adobe.com';
  const agents = [0, 1, 2, 3].map((i) => ({
    name: `mp_replication_agent${i}_default_acme`,
    path: '',
    title: '',
    transportUri: `${TENANT_URL}/bin/receive?sling:authRequestLogin=1`,
    enabled: true,
    closeConnection: true,
    triggerSpecific: true,
  }));
  const facts = {
    version: '6.5.21.0',
    imsConfigs: [oauthConfig('a')],
    cloudConfigs: [{ path: '/conf/x', title: 'BP', tenantUrl: TENANT_URL, imsConfig: 'a', legacy: false, publicFolderPublish: false }],
    agents,
  };
  const steps = deriveSetupState(facts).steps;
  expect(steps.find((s) => s.id === 'health')?.status).toBe('untested');
  expect(steps.find((s) => s.id === 'brandPortal')?.status).toBe('untested');
  expect(steps.map((s) => s.status)).not.toContain('todo');
});

test('a product line that says LTS is 6.5 LTS, never the 6.5 service pack of the same number', () => {
  for (const [line, version] of [
    ['  Adobe Experience Manager (6.5.2.LTS)', '6.5.2 LTS'],
    ['  Adobe Experience Manager 6.5 LTS (6.5.2)', '6.5.2 LTS'],
    ['  Adobe Experience Manager (6.5.2 LTS SP2)', '6.5.2 LTS'],
  ]) {
    const text = versionFromProductInfo(['Installed Products', line]) as string;
    expect([line, text]).toEqual([line, version]);
    const v = parseVersion(text) as NonNullable<ReturnType<typeof parseVersion>>;
    expect(isLts(v)).toBe(true);
    expect(oauthSupport(v)).toBe('native');
    expect(deriveSetupState({ version: text, imsConfigs: [] }).oauthAvailable).toBe(true);
    expect(displayVersion(text)).toBe(text);
  }
  // A plain 6.5.2 is still 6.5 SP2, which cannot use OAuth.
  expect(oauthSupport(parseVersion('6.5.2.0') as NonNullable<ReturnType<typeof parseVersion>>)).toBe('unsupported');
  expect(versionFromProductInfo(['Installed Products', '  Adobe Experience Manager (6.5.21.0)'])).toBe('6.5.21.0');
});

test('AEM 6.5 LTS (a 6.6.x quickstart): read from the product info, OAuth native, named "6.5 LTS", JWT only to migrate', () => {
  const lines = ['Installed Products', '  Adobe Experience Manager (6.6.1.0)', 'Installed Features'];
  expect(versionFromProductInfo(lines)).toBe('6.6.1.0');
  // A line with more words or a build suffix still gives the number.
  expect(versionFromProductInfo(['Installed Products', '  Adobe Experience Manager 6.5 LTS (6.6.3.0-SNAPSHOT)'])).toBe('6.6.3.0');
  expect(oauthSupport(parseVersion('6.6.0') as NonNullable<ReturnType<typeof parseVersion>>)).toBe('native');
  expect(displayVersion('6.6.1.0')).toBe('6.5 LTS (6.6.1.0)');
  expect(displayVersion('6.5.21.0')).toBe('6.5.21.0');
  const state = deriveSetupState({ version: '6.6.1.0', imsConfigs: [] });
  expect(state).toMatchObject({ lts: true, oauthAvailable: true });
  expect(state.steps[0]).toEqual({
    id: 'prerequisites',
    status: 'done',
    summary: 'AEM 6.5 LTS (6.6.1.0). OAuth Server-to-Server available.',
  });
  expect(deriveSetupState({ version: '6.5.21.0', imsConfigs: [] }).lts).toBe(false);
});
