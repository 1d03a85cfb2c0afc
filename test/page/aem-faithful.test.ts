/**
 * The page's flows in the default, AEM-faithful emulator mode (what a real AEM 6.5 with the package
 * installed answers), in the page tier: a wrong secret explained in step 5, the agents' proof where
 * the health script does not answer, a save AEM stored differently repaired (or removed), a
 * servlet-binding miss that leaves no secret anywhere, an IMS configuration not titled for Brand
 * Portal marked instead of a second one made, and an AEM that cannot do OAuth given the blocker,
 * not a JWT route. The journey itself, with its screenshot, a clean console and no missing
 * address, runs in Chromium (test/e2e/aem-faithful.test.ts).
 */
import { credentialAndTenant } from '../helpers/brand-portal-fixtures';
import { loggedIn, repositoryText, setFaults } from '../helpers/emulator';
import { ORG, oauthForm } from '../helpers/ims-fixtures';
import { mountOn, pageOnEmulator, type PageOnEmulator } from '../helpers/page-tier';
import type { EmulatorOptions } from '../../emulator/context';

const CLIENT_ID = 'fa0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d';
const SECRET = 'p8e-faithful-secret-4711';
const TENANT = 'https://acme.brand-portal.adobe.com';
let p: PageOnEmulator;
afterEach(() => p?.close());

/** A fresh default-mode author with the credential and tenant registered, the page open. */
async function freshAuthor(options: Partial<EmulatorOptions> = {}): Promise<void> {
  p = await pageOnEmulator({ faults: true, agentDelayMs: 50, ...options }, (emu) =>
    credentialAndTenant(emu.url, CLIENT_ID, SECRET, TENANT),
  );
  await p.waitFor('.bpsetup-step[data-step="prerequisites"][data-status]:not([data-status="unknown"])');
}

const fillForm = (secret = SECRET) => p.fillOauth({ clientId: CLIENT_ID, clientSecret: secret, orgId: ORG, scopes: 'openid,AdobeID' });
async function saveCloud(): Promise<void> {
  await p.saveCloud(TENANT);
  await p.waitFor('.bpsetup-agents-summary[data-connected="4"]', 20000);
}
const imsFeedback = async (variant: 'success' | 'error') => {
  await p.waitFor(`.bpsetup-ims-feedback coral-alert[variant="${variant}"]`);
  return p.text('.bpsetup-ims-feedback');
};

test('a wrong client secret: step 5 explains invalid_client with its fix, before any cloud service', async () => {
  await freshAuthor();
  await fillForm('p8e-not-the-secret-0000');
  p.click('.bpsetup-ims-submit');
  await p.waitFor('.bpsetup-health-result coral-alert[variant="error"]');
  const text = p.text('.bpsetup-health-result');
  expect(text).toContain('Adobe IMS rejected the client ID or client secret');
  expect(text).toContain('Copy the client ID and client secret again');
  expect(p.stepStatus('health')).toBe('error');
  expect(document.documentElement.outerHTML).not.toContain('p8e-not-the-secret-0000');
});

test('where the health script does not answer (an older package), the agents prove the token, and the page says so', async () => {
  await freshAuthor();
  p.emu.context.repo.change((tx) => tx.remove('/apps/bpsetup/components/health/json.jsp'));
  await fillForm();
  p.click('.bpsetup-ims-submit');
  await p.waitFor('.bpsetup-health-result coral-alert');
  expect(p.text('.bpsetup-health-result')).toContain('Check Health cannot run from this page on this AEM');
  // Right after a successful save nothing has failed: "not tested yet", never a warning.
  expect(p.stepStatus('health')).toBe('untested');
  expect(p.text('.bpsetup-cloud-ims coral-select-item')).toContain("the agents' test will prove it");
  await saveCloud();
  expect(p.stepStatus('health')).toBe('done');
  expect(p.text('.bpsetup-health-result')).toContain('Token proven by a replication agent');
  expect(p.errors).toEqual([]);
});

test("AEM's IMS servlet ignores the OAuth fields: read back, repaired through the configuration manager, proven, 4 of 4", async () => {
  await freshAuthor();
  await setFaults(p.emu.url, { imsIgnoresOauthFields: true });
  await fillForm();
  p.click('.bpsetup-ims-submit');
  const feedback = await imsFeedback('success');
  expect(feedback).toContain('Configuration saved and repaired');
  expect(feedback).toContain('auth.token.provider.authorization.grants: sent "client_credentials", AEM stored "(nothing)"');
  expect(feedback).toContain('auth.token.provider.scope');
  // The configuration manager got the repair (answered with its redirect), never the secret.
  const repairs = p.emu.context.journal.list(0).filter((r) => r.write && r.path.startsWith('/system/console/configMgr/'));
  expect(repairs.map((r) => r.status)).toEqual([302]);
  await p.waitFor('.bpsetup-health-result coral-alert[variant="success"]');
  expect(p.text('.bpsetup-health-result')).toContain('Token retrieved successfully!');
  const folder = '/apps/system/config';
  const provider = Object.keys(p.emu.context.repo.get(folder)?.children ?? {}).find((n) => n.includes('accesstoken.provider'));
  expect(p.emu.context.repo.readFile(`${folder}/${provider}`)?.toString()).toContain(
    'auth.token.provider.authorization.grants="client_credentials"',
  );
  expect(repositoryText(p.emu)).not.toContain(SECRET);
  await saveCloud();
  expect(p.errors).toEqual([]);
});

test("the repair changes only the configuration this save wrote, never another integration's provider the console lists first", async () => {
  await freshAuthor();
  const other = '/apps/system/config/com.adobe.granite.auth.oauth.accesstoken.provider.other.config';
  const otherText =
    'auth.token.provider.name="other"\nauth.token.provider.scope="other-scope"\nauth.token.provider.orgId="OTHER@AdobeOrg"\n';
  p.emu.context.repo.change((tx) => tx.writeFile(other, Buffer.from(otherText), 'text/plain'));
  // A console whose name lookup answers with the other integration's provider.
  const listed = [
    {
      pid: 'com.adobe.granite.auth.oauth.accesstoken.provider.other',
      factoryPid: 'com.adobe.granite.auth.oauth.accesstoken.provider',
      properties: { 'auth.token.provider.name': { name: 'auth.token.provider.name', value: 'other' } },
    },
  ];
  await setFaults(p.emu.url, {
    imsIgnoresOauthFields: true,
    routes: [
      {
        path: '/system/console/configMgr/*.json',
        method: 'GET',
        status: 200,
        contentType: 'application/json',
        body: JSON.stringify(listed),
      },
    ],
  });
  await fillForm();
  p.click('.bpsetup-ims-submit');
  expect(await imsFeedback('success')).toContain('Configuration saved and repaired');
  expect(p.emu.context.repo.readFile(other)?.toString()).toBe(otherText);
  const repaired = p.emu.context.journal.list(0).filter((r) => r.write && r.path.startsWith('/system/console/configMgr/'));
  expect(repaired.map((r) => r.path)).toEqual([expect.stringMatching(/accesstoken\.provider\.(?!other)[^/]+$/)]);
});

test('the same, with the configuration manager refusing the repair: explained, and nothing of the save is left', async () => {
  await freshAuthor();
  await setFaults(p.emu.url, {
    imsIgnoresOauthFields: true,
    routes: [{ path: '/system/console/configMgr/', method: 'POST', status: 403, body: 'Forbidden' }],
  });
  await fillForm();
  p.click('.bpsetup-ims-submit');
  const feedback = await imsFeedback('error');
  expect(feedback).toContain('AEM stored a different IMS configuration than the page sent');
  expect(feedback).toContain('nothing of this save is left in AEM');
  expect(Object.keys(p.emu.context.repo.get('/apps/system/config')?.children ?? {})).toEqual([]);
  expect(p.stepStatus('imsAccount')).not.toBe('done');
  expect(repositoryText(p.emu)).not.toContain(SECRET);
});

test('a servlet-binding miss: explained, and no secret is left in the repository', async () => {
  await freshAuthor();
  await setFaults(p.emu.url, { servletsUnbound: true });
  await fillForm();
  p.click('.bpsetup-ims-submit');
  expect(await imsFeedback('error')).toContain('did not take the form');
  expect(repositoryText(p.emu)).not.toContain(SECRET);
  expect(document.documentElement.outerHTML).not.toContain(SECRET);

  // An override would steer the secret to a node that can hold anything: refused, and said so.
  const c = await loggedIn(p.emu.url);
  await c.write('/conf/bpsetup/settings/endpoints', new URLSearchParams({ imsConfigUpdate: '/apps/bpsetup/ims/elsewhere' }));
  await setFaults(p.emu.url, { servletsUnbound: false });
  p = mountOn(p.emu); // the page opened again
  await p.waitFor('.bpsetup-step[data-step="prerequisites"][data-status="done"]');
  // Step 1's notice of the overrides comes with their part, fetched because the settings hold one.
  await p.waitFor('#bpsetup-step-prerequisites .bpsetup-overrides coral-alert-content');
  expect(p.text('#bpsetup-step-prerequisites')).toContain(
    'imsConfigUpdate: refused (the client secret goes only to the address the package ships)',
  );
  // The package's node lost its resource type (a hand edit): proven by a read before the secret goes, so nothing is sent.
  p.emu.context.repo.change((tx) => tx.setProps('/apps/bpsetup/ims/update', { 'sling:resourceType': 'something/else' }));
  const since = p.emu.context.journal.lastSeq;
  await fillForm();
  p.click('.bpsetup-ims-submit');
  expect(await imsFeedback('error')).toContain("The page could not prove that AEM's IMS servlet takes the form here");
  expect(p.emu.context.journal.list(since).filter((r) => r.write)).toEqual([]);
  expect(p.emu.context.repo.get('/apps/bpsetup/ims/elsewhere')).toBeUndefined();
  expect(repositoryText(p.emu)).not.toContain(SECRET);
});

test('every IMS configuration is listed; the admin marks the Brand Portal one instead of creating a second', async () => {
  await freshAuthor();
  const c = await loggedIn(p.emu.url);
  await c.write('/apps/bpsetup/ims/update', oauthForm(CLIENT_ID, { title: 'Assets OAuth', clientSecret: SECRET }));
  p = mountOn(p.emu); // the page opened again
  await p.waitFor('.bpsetup-ims-others li');
  expect(p.text('.bpsetup-ims-others')).toContain('Assets OAuth');
  p.click('.bpsetup-ims-mark');
  await p.waitFor('.bpsetup-ims-card');
  expect(p.text('.bpsetup-ims-card')).toContain('Assets OAuth');
  expect(p.stepStatus('imsAccount')).toBe('done');
  expect(p.emu.context.repo.get('/conf/bpsetup/settings')?.props.brandPortalImsConfig).toMatch(
    /^com\.adobe\.granite\.auth\.oauth\.accesstoken\.provider\./,
  );
});
