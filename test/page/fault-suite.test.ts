import { pageOnEmulator, type PageOnEmulator } from '../helpers/page-tier';
import { credentialAndTenant } from '../helpers/brand-portal-fixtures';
import { ORG } from '../helpers/ims-fixtures';
import { repositoryText, setFaults } from '../helpers/emulator';

const CLIENT_ID = 'a7b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5';
const SECRET = 'p8e-fault-suite-secret-8';
const TENANT = 'https://faults.brand-portal.adobe.com';
let p: PageOnEmulator;
afterEach(() => p?.close());

test('500 on the IMS save', async () => {
  p = await pageOnEmulator({ faults: true, agentDelayMs: 50, quiet: false });
  await credentialAndTenant(p.emu.url, CLIENT_ID, SECRET, TENANT);
  await p.waitFor('.bpsetup-step[data-step="prerequisites"][data-status="done"]');
  await p.waitFor('.bpsetup-ims-form [data-field="clientId"] input');
  p.fill('.bpsetup-ims-form', 'clientId', CLIENT_ID);
  p.fill('.bpsetup-ims-form', 'clientSecret', SECRET);
  p.fill('.bpsetup-ims-form', 'orgId', ORG);
  p.fill('.bpsetup-ims-form', 'scopes', 'openid,AdobeID');
  const before = repositoryText(p.emu);
  await setFaults(p.emu.url, { routes: [{ path: '/apps/bpsetup/ims/update', method: 'POST', status: 500, times: 1 }] });
  p.click('.bpsetup-ims-submit');
  await p.waitFor('.bpsetup-ims-feedback coral-alert[variant="error"]');
  expect(p.text('.bpsetup-ims-feedback')).toContain('AEM failed while handling the request (500)');
  expect(repositoryText(p.emu)).toBe(before);
  await setFaults(p.emu.url, null);
  p.click('.bpsetup-ims-feedback .bpsetup-retry');
  await p.waitFor('.bpsetup-ims-card');
  p.fill('.bpsetup-cloud-form', 'tenantUrl', TENANT);
  await p.waitFor('.bpsetup-cloud-ims coral-select-item:not([disabled])');
  p.click('.bpsetup-cloud-save');
  await new Promise((r) => setTimeout(r, 1500));
  console.log('FEEDBACK', p.root.querySelector('.bpsetup-cloud-feedback')?.textContent, 'MSG', p.root.querySelector('[data-field="tenantUrl"]')?.textContent, (p.root.querySelector('[data-field="tenantUrl"] input') as HTMLInputElement).value, p.emu.context.journal.list(0).slice(-5).map((r) => r.method + ' ' + r.path));
  await p.waitFor('.bpsetup-agents-summary[data-connected="4"]', 20000);
});
