/**
 * How the page reads what AEM has: a scoped read after a write sends only that area's requests
 * and keeps the rest; new address overrides in the settings send the reads again at the new
 * address (and removing them goes back); the keystore is read only when the legacy JWT route
 * needs it, within the same read.
 */
import { EVERY_AREA, readSetupFacts } from '../../../core/aem/setup-facts';
import { type AemSession, createAemSession } from '../../../core/aem/session';
import { browserTransport } from '../../../ui.frontend/src/app/browser-transport';
import { proveSettingsGuarded } from '../../../core/aem/settings-guard';
import type { SetupFacts } from '../../../core/domain/state';
import { SERVICE_USER, fakeAem, json, packagedSettingsRule, productInfoJson, serviceUserQuery } from '../../helpers/fake-aem';

const paths = (calls: { url: string }[]) => calls.map((c) => c.url.split('?')[0]);
/** One page: its session carries the overrides in force from one read to the next. */
let session: AemSession;
beforeEach(() => {
  session = createAemSession({ transport: browserTransport });
});

test('a scoped read sends only its own requests and keeps everything else', async () => {
  const fake = fakeAem({
    'GET /conf/global/settings/cloudconfigs/mediaportal.2.json': () => json({}),
    'GET /etc/cloudservices/mediaportal.2.json': () => json({}),
  });
  const legacy = {
    path: '/etc/cloudservices/mediaportal/old',
    title: 'Old',
    tenantUrl: 'https://old.brand-portal.adobe.com',
    imsConfig: '',
    legacy: true,
    publicFolderPublish: false,
  };
  const previous: SetupFacts = {
    imsConfigs: [],
    cloudConfigs: [legacy],
    version: '6.5.21.0',
    agents: [{ name: 'mp_replication_agent0_default_acme' } as NonNullable<SetupFacts['agents']>[number]],
    markedImsConfig: 'pid-1',
  };
  const { facts } = await readSetupFacts(session, previous, ['cloud']);
  // A save under /conf cannot change the legacy root: it is kept, not read again.
  expect(paths(fake.calls)).toEqual(['/conf/global/settings/cloudconfigs/mediaportal.2.json']);
  expect(facts).toMatchObject({ version: '6.5.21.0', markedImsConfig: 'pid-1', cloudConfigs: [legacy] });
  expect(facts.agents).toHaveLength(1);
});

test('new overrides send the reads again at the new address; removing them goes back', async () => {
  let overrides: Record<string, string> = { imsConfigList: '/apps/other/config.1.json' };
  const fake = fakeAem({
    ...packagedSettingsRule(),
    'GET /conf/bpsetup/settings.1.json': () => json({ endpoints: overrides }),
    'GET /system/console/status-productinfo.json': () => productInfoJson('6.5.21.0'),
    'GET /apps/other/config.1.json': () => json({}),
    'GET /apps/system/config.1.json': () => json({}),
  });
  const first = await readSetupFacts(session, undefined, undefined, proveSettingsGuarded);
  expect(first.overrides.applied).toEqual(['imsConfigList']);
  const listReads = paths(fake.calls).filter((p) => p.endsWith('config.1.json'));
  // Sent at once with the shipped address, then again with the override.
  expect(listReads).toEqual(['/apps/system/config.1.json', '/apps/other/config.1.json']);

  // The same overrides on the next read: one round, at the overridden address only.
  fake.calls.length = 0;
  await readSetupFacts(session, first.facts, undefined, proveSettingsGuarded);
  expect(paths(fake.calls).filter((p) => p.endsWith('config.1.json'))).toEqual(['/apps/other/config.1.json']);

  overrides = {};
  fake.calls.length = 0;
  const last = await readSetupFacts(session, first.facts, undefined, proveSettingsGuarded);
  expect(last.overrides.applied).toEqual([]);
  expect(session.endpoints.imsConfigList.path).toBe('/apps/system/config.1.json');
  expect(paths(fake.calls).filter((p) => p.endsWith('config.1.json'))).toEqual(['/apps/other/config.1.json', '/apps/system/config.1.json']);
});

test('an override of an address the reads do not use (the public key) sends nothing again', async () => {
  const fake = fakeAem({
    ...packagedSettingsRule(),
    'GET /conf/bpsetup/settings.1.json': () => json({ endpoints: { publicKey: '/libs/x/public-key.crt' } }),
    'GET /system/console/status-productinfo.json': () => productInfoJson('6.5.21.0'),
    'GET /apps/system/config.1.json': () => json({}),
  });
  const { overrides } = await readSetupFacts(session, undefined, undefined, proveSettingsGuarded);
  expect(overrides.applied).toEqual(['publicKey']);
  expect(paths(fake.calls).filter((p) => p.endsWith('config.1.json'))).toEqual(['/apps/system/config.1.json']);
});

test('the keystore is read only when JWT matters, and then within the same read', async () => {
  const jwtConfig = [
    'auth.token.provider.title="Brand Portal"',
    'auth.token.provider.client.id="c1"',
    'auth.token.provider.keypair.alias="bp"',
    'auth.access.token.request="https://ims-na1.adobelogin.com/ims/exchange/jwt"',
  ].join('\n');
  let withJwt = false;
  const fake = fakeAem({
    'GET /system/console/status-productinfo.json': () => productInfoJson('6.5.21.0'),
    'GET /apps/system/config.1.json': () =>
      json(withJwt ? { 'com.adobe.granite.auth.oauth.accesstoken.provider.id1.config': { 'jcr:primaryType': 'nt:file' } } : {}),
    'GET /apps/system/config/com.adobe.granite.auth.oauth.accesstoken.provider.id1.config': () =>
      new Response(jwtConfig, { status: 200, headers: { 'Content-Type': 'text/plain' } }),
    'GET /bin/querybuilder.json': serviceUserQuery,
    [`GET ${SERVICE_USER}.ks.json`]: () => json({ exists: false }),
  });
  await readSetupFacts(session, { imsConfigs: [] }, EVERY_AREA);
  expect(paths(fake.calls)).not.toContain(`${SERVICE_USER}.ks.json`);

  withJwt = true;
  fake.calls.length = 0;
  const { facts } = await readSetupFacts(session, { imsConfigs: [] }, EVERY_AREA);
  expect(facts.imsConfigs.map((c) => c.authType)).toEqual(['jwt']);
  expect(paths(fake.calls)).toContain(`${SERVICE_USER}.ks.json`);
  expect(facts.keystore?.exists).toBe(false);
});
