/**
 * Faults on the page's writes, in the page tier (the page in jsdom against the emulator): a 500 on
 * the IMS save, an unusable CSRF token, partial success (the IMS configuration saved, the cloud
 * service failed), a 500 on marking a configuration, on enabling an agent and on the reset's first
 * delete. Each is explained, the repository is the same before and after the failure (nothing
 * half-written), and the retry completes the action. What only a browser does stays in Chromium
 * (test/e2e/fault-suite.test.ts: a dropped connection, which Chromium retries; fault-flows: the
 * session ending, which sends the browser to the login page).
 */
import { credentialAndTenant } from '../helpers/brand-portal-fixtures';
import { loggedIn, repositoryText, setFaults } from '../helpers/emulator';
import { ORG, oauthForm } from '../helpers/ims-fixtures';
import { mountOn, pageOnEmulator, type PageOnEmulator } from '../helpers/page-tier';

const CLIENT_ID = 'a7b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5';
const SECRET = 'p8e-fault-suite-secret-8';
const TENANT = 'https://faults.brand-portal.adobe.com';
const AGENT = 'mp_replication_agent1_default_faults';
const FAILED = 'AEM failed while handling the request (500)';
let p: PageOnEmulator;

/** An empty author with the credential and the tenant registered, the page open on it. */
async function emptyAuthor(): Promise<void> {
  p = await pageOnEmulator({ faults: true, agentDelayMs: 50 }, (emu) => credentialAndTenant(emu.url, CLIENT_ID, SECRET, TENANT));
  await p.waitFor('.bpsetup-step[data-step="prerequisites"][data-status="done"]');
}
afterEach(() => p?.close());

const fillIms = () => p.fillOauth({ clientId: CLIENT_ID, clientSecret: SECRET, orgId: ORG, scopes: 'openid,AdobeID' });
const saveCloud = () => p.saveCloud(TENANT);
const connected = () => p.waitFor('.bpsetup-agents-summary[data-connected="4"]', 20000);
const fail500 = (path: string) => setFaults(p.emu.url, { routes: [{ path, method: 'POST', status: 500, times: 1 }] });

/** The repository but for the backup packages a deletion makes first (they are meant to stay). */
const withoutBackups = (text: string) =>
  text
    .split('\n')
    .filter((line) => !line.startsWith('/etc/packages/bpsetup-backups'))
    .join('\n');

async function explainedAndUnchanged(where: string, explanation: string, before: string): Promise<void> {
  await p.waitFor(`${where} coral-alert[variant="error"]`);
  expect(p.text(where)).toContain(explanation);
  expect(withoutBackups(repositoryText(p.emu))).toBe(withoutBackups(before));
}

describe.each([
  ['500 on the IMS save', { routes: [{ path: '/apps/bpsetup/ims/update', method: 'POST', status: 500, times: 1 }] }, FAILED],
  ['an unusable CSRF token', { csrf: 'invalid' }, 'AEM refused the change (403)'],
])('%s', (_name, fault, explanation) => {
  test('explained, nothing written, the retry completes the setup', async () => {
    await emptyAuthor();
    await fillIms();
    const before = repositoryText(p.emu);
    await setFaults(p.emu.url, fault);
    p.click('.bpsetup-ims-submit');
    await explainedAndUnchanged('.bpsetup-ims-feedback', explanation, before);
    await setFaults(p.emu.url, null);
    p.click('.bpsetup-ims-feedback .bpsetup-retry');
    await p.waitFor('.bpsetup-ims-card');
    await saveCloud();
    await connected();
  });
});

test('partial success: the IMS configuration saved, the cloud service failed (500); retry completes', async () => {
  await emptyAuthor();
  await fillIms();
  p.click('.bpsetup-ims-submit');
  await p.waitFor('.bpsetup-ims-card');
  const before = repositoryText(p.emu);
  await fail500('/apps/brandportal/config');
  await saveCloud();
  await explainedAndUnchanged('.bpsetup-cloud-feedback', FAILED, before);
  p.click('.bpsetup-cloud-feedback .bpsetup-retry');
  await connected();
});

test('marking an IMS configuration for Brand Portal', async () => {
  await emptyAuthor();
  const c = await loggedIn(p.emu.url);
  await c.write('/apps/bpsetup/ims/update', oauthForm(CLIENT_ID, { title: 'Assets OAuth', clientSecret: SECRET }));
  p = mountOn(p.emu); // the page opened again
  await p.waitFor('.bpsetup-ims-mark');
  const before = repositoryText(p.emu);
  await fail500('/conf/bpsetup/settings');
  p.click('.bpsetup-ims-mark');
  await explainedAndUnchanged('.bpsetup-ims-feedback', FAILED, before);
  p.click('.bpsetup-ims-feedback .bpsetup-retry');
  await p.waitFor('.bpsetup-ims-card');
});

test("enabling a disabled agent, and the reset's first delete", async () => {
  await emptyAuthor();
  await fillIms();
  p.click('.bpsetup-ims-submit');
  await p.waitFor('.bpsetup-ims-card');
  await saveCloud();
  await connected();

  await setFaults(p.emu.url, { agent: { name: AGENT, enabled: false } });
  p = mountOn(p.emu);
  await p.waitFor(`tr[data-agent="${AGENT}"] .bpsetup-fix-enabled`);
  let before = repositoryText(p.emu);
  await fail500(`/etc/replication/agents.author/${AGENT}/jcr:content`);
  p.click(`tr[data-agent="${AGENT}"] .bpsetup-fix-enabled`);
  await p.answer('Enable');
  await explainedAndUnchanged('.bpsetup-agents-feedback', FAILED, before);
  p.click('.bpsetup-agents-feedback .bpsetup-retry');
  await p.waitFor(`tr[data-agent="${AGENT}"]:not([data-issues~="disabled"])`);
  await p.waitFor('.bpsetup-agents-feedback coral-alert[variant="success"]');

  p.expand('Reset Brand Portal publishing');
  await p.typeInto('Type "faults" to confirm', 'faults');
  before = repositoryText(p.emu);
  await fail500('/etc/replication/agents.author/mp_replication_agent0_default_faults');
  p.click('.bpsetup-reset-run');
  await explainedAndUnchanged('.bpsetup-reset-result', FAILED, before);
  // The backup was built before the first delete was refused, and is named.
  const backup = /\/etc\/packages\/bpsetup-backups\/\S+\.zip/.exec(p.text('.bpsetup-reset-result'))?.[0] as string;
  expect(p.emu.context.repo.exists(backup)).toBe(true);
  p.click('.bpsetup-reset-result .bpsetup-retry');
  await p.waitFor('.bpsetup-cloud-feedback coral-alert[variant="success"]');
  await p.until(() => p.text('.bpsetup-cloud-feedback').includes('Brand Portal publishing was reset'));
  expect(p.text('.bpsetup-cloud-feedback')).toContain('Brand Portal publishing was reset');
  expect(p.emu.context.repo.exists('/conf/global/settings/cloudconfigs/mediaportal/brand-portal')).toBe(false);
});

test('a save slower than the timeout: explained, sent once, and the retry ends with one whole configuration', async () => {
  const SAVE = '/apps/bpsetup/ims/update';
  // The page settings lower the request timeout to 2 s (an admin's setting for slow authors).
  p = await pageOnEmulator({ faults: true, agentDelayMs: 50 }, async (emu) => {
    await credentialAndTenant(emu.url, CLIENT_ID, SECRET, TENANT);
    const c = await loggedIn(emu.url);
    expect((await c.write('/conf/bpsetup/settings', new URLSearchParams({ requestTimeoutSeconds: '2' }))).status).toBeLessThan(300);
  });
  /** The IMS configuration files AEM holds (each configuration is two .config files sharing its id). */
  const imsConfigFiles = () =>
    [...p.emu.context.repo.walk('/apps/system/config')]
      .map(([path]) => path)
      .filter((f) => /com\.adobe\.granite\.(auth|ims)\..*\.config$/.test(f));
  await p.waitFor('.bpsetup-step[data-step="prerequisites"][data-status="done"]');
  await fillIms();
  expect(imsConfigFiles()).toEqual([]);
  // AEM answers the save after 4 s, but completes it.
  await setFaults(p.emu.url, { routes: [{ path: SAVE, method: 'POST', delayMs: 4000, times: 1 }] });
  const since = p.emu.context.journal.lastSeq;
  p.click('.bpsetup-ims-submit');
  await p.waitFor('.bpsetup-ims-feedback coral-alert[variant="error"]', 10000);
  expect(p.text('.bpsetup-ims-feedback')).toContain('AEM did not answer in time');
  expect(p.text('.bpsetup-ims-feedback')).toContain('AEM did not answer within 2 s.');

  // AEM completes the slow save on its own: one configuration, both of its files.
  await p.until(() => imsConfigFiles().length >= 2, 10000);
  const files = imsConfigFiles();
  expect(files).toHaveLength(2);
  const id = /provider\.(.+)\.config$/.exec(files.find((f) => f.includes('accesstoken.provider')) ?? '')?.[1];
  expect(id).toBeTruthy();
  expect(files.every((f) => f.includes(id as string))).toBe(true);
  // A timeout is never retried by the page itself: the secret-bearing save went out once.
  expect(p.emu.context.journal.list(since).filter((r) => r.path === SAVE)).toHaveLength(1);

  // The admin's retry finds the configuration AEM made and shows it; nothing is made twice.
  p.click('.bpsetup-ims-feedback .bpsetup-retry');
  await p.waitFor('.bpsetup-ims-card');
  expect(p.root.querySelector('.bpsetup-ims-card')?.getAttribute('data-config')).toBe(id);
  expect(imsConfigFiles()).toEqual(files);
  expect(p.emu.context.journal.list(since).filter((r) => r.path === SAVE)).toHaveLength(1);
  await saveCloud();
  await connected();
});
