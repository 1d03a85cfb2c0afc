/**
 * Statuses that tell the truth, in the page tier (the page in jsdom against the emulator): a reload
 * between steps 4 and 6 does not lock step 6 (Save checks the IMS configuration's health first); a
 * wrong client secret is explained where it happens (step 6 refuses to save; the whole-setup summary
 * names the IMS failure, not a missing cloud service); agents not tested since the page opened are
 * said to be untested, never "0 of 4 connected"; the certificate step is "Not needed" for OAuth.
 * The login page's fields are a browser's matter: test/e2e/tools-tile.test.ts.
 */
import { credentialAndTenant, finishedSetup } from '../helpers/brand-portal-fixtures';
import { loggedIn } from '../helpers/emulator';
import { oauthForm } from '../helpers/ims-fixtures';
import { pageOnEmulator, type PageOnEmulator } from '../helpers/page-tier';
import type { RunningEmulator } from '../../emulator/server';

const CLIENT = 'tr0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d';
const SECRET = 'p8e-truth-secret';
const TENANT = 'https://truth.brand-portal.adobe.com';
let p: PageOnEmulator;
afterEach(() => p?.close());

/** Step 4 done in an earlier visit: the IMS configuration exists, this page has not checked it. */
async function imsConfigFromEarlierVisit(emu: RunningEmulator, clientSecret: string): Promise<void> {
  const res = await (await loggedIn(emu.url)).write('/apps/bpsetup/ims/update', oauthForm(CLIENT, { clientSecret }));
  expect(res.status).toBe(200);
}
async function open(prepare: (emu: RunningEmulator) => Promise<void>): Promise<void> {
  p = await pageOnEmulator({ faults: true, agentDelayMs: 0 }, async (emu) => {
    await credentialAndTenant(emu.url, CLIENT, SECRET, TENANT);
    await prepare(emu);
  });
  await p.waitFor('.bpsetup-step[data-step="prerequisites"][data-status="done"]');
}
const saveCloud = () => p.saveCloud(TENANT);

test('a reload between steps 4 and 6: step 6 saves, checking the IMS configuration first; the certificate step is not needed', async () => {
  await open((emu) => imsConfigFromEarlierVisit(emu, SECRET));
  await p.until(() => p.text('.bpsetup-step[data-step="certificate"] .bpsetup-step-status').trim() === 'Not needed', 20000);
  expect(p.text('.bpsetup-step[data-step="certificate"] .bpsetup-step-status').trim()).toBe('Not needed');
  const option = await p.waitFor('.bpsetup-cloud-ims coral-select-item:not([disabled])');
  expect(option.textContent).toContain('not checked yet: Save checks its health first');
  await saveCloud();
  await p.waitFor('.bpsetup-agents-summary[data-connected="4"]', 20000);
  expect(p.emu.context.journal.list(0).some((r) => r.path === '/apps/bpsetup/health.json')).toBe(true);
});

test('a wrong client secret: step 6 does not save and says why, in plain words', async () => {
  await open((emu) => imsConfigFromEarlierVisit(emu, 'p8e-not-the-secret'));
  await saveCloud();
  await p.until(() => p.text('#bpsetup-step-brandPortal').includes('Not saved: the IMS configuration gets no token'), 20000);
  expect(p.text('#bpsetup-step-brandPortal')).toContain('Not saved: the IMS configuration gets no token');
  expect(p.text('#bpsetup-step-brandPortal')).toContain('invalid_client');
  expect(p.emu.context.repo.exists('/conf/global/settings/cloudconfigs/mediaportal/brand-portal')).toBe(false);
});

test('a finished setup whose secret changed: agents untested, never "0 of 4"; the summary names the IMS failure, not the cloud service', async () => {
  await open(async (emu) => {
    await finishedSetup(emu.url, CLIENT, SECRET, TENANT);
    // The credential's secret was rotated in the Developer Console: AEM's stored one now fails.
    await credentialAndTenant(emu.url, CLIENT, 'p8e-rotated-secret', TENANT);
  });
  await p.waitFor('.bpsetup-agents-summary');
  await p.until(() => p.text('.bpsetup-agents-summary').includes('Agents not tested yet since this page opened'), 20000);
  expect(p.text('.bpsetup-agents-summary')).toContain('Agents not tested yet since this page opened');
  await p.clickWhenEnabled('.bpsetup-toolbar .bpsetup-health-button');
  await p.waitFor('.bpsetup-summary .bpsetup-summary-problems', 20000);
  const text = p.text('.bpsetup-summary');
  expect(text).toContain('Adobe IMS rejected the client ID or client secret');
  expect(text).toContain('Copy the client ID and client secret again from the Adobe Developer Console credential');
  expect(text).not.toContain('No Brand Portal cloud service');
  expect(p.text('.bpsetup-agents-summary')).toMatch(/^0 of 4 agents connected/);
});
