/**
 * What the page leads with, in the page tier: Connect on an empty author that can use it; on one
 * that cannot do OAuth, no Connect but the reason and a link to the step that says what to
 * install; the verdict's heading once there is a setup.
 */
import { credentialAndTenant, finishedSetup } from '../helpers/brand-portal-fixtures';
import { type PageOnEmulator, pageOnEmulator } from '../helpers/page-tier';

const CLIENT_ID = 'c1b2c3d4e5f60718293a4b5c6d7e8f90';
const SECRET = 'p8e-lead-secret-0042';
const TENANT = 'https://lead.brand-portal.adobe.com';
let p: PageOnEmulator;
afterEach(() => p?.close());

const visible = (selector: string) => {
  const node = p.root.querySelector<HTMLElement>(selector);
  return Boolean(node && !node.closest('[hidden]'));
};

test('an empty author that can use OAuth: the lead is Connect, with no verdict or its actions', async () => {
  p = await pageOnEmulator({ agentDelayMs: 0 }, (emu) => credentialAndTenant(emu.url, CLIENT_ID, SECRET, TENANT));
  await p.waitFor('.bpsetup-connect-slot .bpsetup-connect');
  expect(p.text('#bpsetup-publishing-title')).toBe('Connect to Brand Portal');
  expect(visible('.bpsetup-lead-blocker')).toBe(false);
  expect(visible('.bpsetup-health-button')).toBe(false);
  // Step 6's own address field waits until its step is opened: one "Brand Portal address" on the page.
  expect(p.root.querySelectorAll('input[name="tenantUrl"]')).toHaveLength(0);
});

test('an empty author that cannot do OAuth: no Connect, the reason, and a link to step 1', async () => {
  p = await pageOnEmulator({ productVersion: '6.5.17.0', agentDelayMs: 0 });
  await p.waitFor('.bpsetup-step[data-step="prerequisites"][data-status="error"]');
  await p.until(() => visible('.bpsetup-lead-blocker'));
  expect(p.text('.bpsetup-lead-blocker')).toContain('This AEM cannot connect yet');
  expect(p.root.querySelector('.bpsetup-lead-blocker a')?.getAttribute('href')).toBe('#bpsetup-step-prerequisites');
  expect(visible('.bpsetup-intro')).toBe(false);
  expect(p.root.querySelector('.bpsetup-connect-slot .bpsetup-connect')).toBeNull();
});

test('a set-up author: the lead is the verdict, with its actions', async () => {
  p = await pageOnEmulator({ agentDelayMs: 0 }, async (emu) => {
    await credentialAndTenant(emu.url, CLIENT_ID, SECRET, TENANT);
    await finishedSetup(emu.url, CLIENT_ID, SECRET, TENANT);
  });
  await p.waitFor('.bpsetup-summary-ok', 20000);
  expect(p.text('#bpsetup-publishing-title')).toBe('Publishing to Brand Portal');
  expect(visible('.bpsetup-health-button')).toBe(true);
  expect(p.root.querySelector('.bpsetup-connect')).toBeNull();
});
